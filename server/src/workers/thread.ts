import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker, workerData } from 'node:worker_threads';

/**
 * Whether this code runs from the server bundle (dist/main.mjs, see launch.mjs), where every
 * module shares the bundle's URL, rather than from its TypeScript sources.
 */
const BUNDLED = !import.meta.url.endsWith('.ts');

/** What a thread is started with: the entry module's own data, and how to load it from sources. */
interface ThreadData<T> {
  data: T;
  entry?: string;
  tsxApi?: string;
}

/**
 * Starts a worker thread on a TypeScript module of the server, given as
 * `new URL('./fileName.ts', import.meta.url)` from a module in the same folder. From the bundle
 * it runs `fileName.mjs` next to the bundle (launch.mjs builds each worker as its own file);
 * from the sources it runs the .ts file through tsx. The module reads `data` with threadData.
 */
export function startThread<T>(source: URL, data: T): Worker {
  if (BUNDLED) {
    const name = source.pathname.slice(source.pathname.lastIndexOf('/') + 1).replace(/\.ts$/, '.mjs');
    return new Worker(new URL(`./${name}`, import.meta.url), { workerData: { data } satisfies ThreadData<T> });
  }
  const require = createRequire(import.meta.url);
  const threadData: ThreadData<T> = {
    data,
    entry: source.href,
    // The ES module build: tsx's CommonJS one resolves its loader wrongly inside a worker.
    tsxApi: pathToFileURL(require.resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href,
  };
  return new Worker(new URL('./tsEntry.mjs', import.meta.url), { workerData: threadData });
}

/** Inside a worker thread started by startThread: the data it was started with. */
export function threadData<T>(): T {
  return (workerData as ThreadData<T>).data;
}
