// How a worker thread runs its TypeScript file when the server runs from its sources (tsx,
// vitest): Node 20 cannot load .ts itself, and a loader passed in a worker's execArgv is not
// applied to it, so this plain file imports the worker's module through tsx's API. The server
// bundle never uses it: there each worker is a JavaScript file of its own (launch.mjs).
import { workerData } from 'node:worker_threads';

const { tsImport } = await import(workerData.tsxApi);
await tsImport(workerData.entry, import.meta.url);
