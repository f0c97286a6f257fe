import { parentPort } from 'node:worker_threads';
import type { Worker } from 'node:worker_threads';
import { startThread } from './thread';

/** A job as it travels to the thread, and its answer back. */
interface JobMessage<Job> {
  id: number;
  job: Job;
}
type AnswerMessage<Result> = { id: number; result: Result } | { id: number; error: string };

export interface JobWorkerOptions<Data> {
  /** What the thread is called in errors ("the import worker exited with 1"). */
  name: string;
  /** The thread's TypeScript module (see startThread); it serves jobs with serveJobs. */
  entry: URL;
  /** The data the thread is started with (threadData). */
  data: Data;
  /**
   * The thread ends this long after its last job, giving its heap back: a job may build a whole
   * board in it, and a kept thread held that memory. Starting it again costs ~50 ms on its own thread.
   */
  idleMs: number;
  /** The error the jobs still waiting hear when the worker is closed. */
  closedMessage: string;
}

/**
 * Runs jobs on a worker thread started on the first job and ended when idle: the lifecycle the
 * import and snapshot workers share. Jobs wait in a map by id; when the thread fails or exits,
 * every job waiting on it is told (the next job starts a new thread).
 */
export class JobWorker<Job, Result, Data = undefined> {
  private worker: Worker | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private nextId = 0;
  private readonly waiting = new Map<number, { resolve(result: Result): void; reject(error: Error): void }>();
  /** Jobs answered so far (for tests and logs). */
  done = 0;

  constructor(private readonly options: JobWorkerOptions<Data>) {}

  /** Jobs sent and not answered yet. */
  get queued(): number {
    return this.waiting.size;
  }

  /** Whether a thread is running now. */
  get running(): boolean {
    return this.worker !== null;
  }

  /** Runs one job on the thread; `transfer` lists buffers moved to it (unusable here afterwards). */
  run(job: Job, transfer: ArrayBuffer[] = []): Promise<Result> {
    const worker = this.start();
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ id, job } satisfies JobMessage<Job>, transfer);
    });
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = startThread(this.options.entry, this.options.data);
    worker.on('message', (answer: AnswerMessage<Result>) => this.answered(worker, answer));
    const fail = (error: Error) => {
      // Jobs only ever wait on the current thread. One that ended while idle (or at close) was
      // already replaced: its exit must not fail the jobs of the thread after it.
      if (this.worker !== worker) return;
      this.worker = null;
      for (const waiter of this.waiting.values()) waiter.reject(error);
      this.waiting.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the ${this.options.name} worker exited with ${code}`)));
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private answered(worker: Worker, answer: AnswerMessage<Result>): void {
    const waiter = this.waiting.get(answer.id);
    if (!waiter) return;
    this.waiting.delete(answer.id);
    if (this.waiting.size === 0) this.idle(worker);
    if ('result' in answer) {
      this.done += 1;
      waiter.resolve(answer.result);
    } else waiter.reject(new Error(answer.error));
  }

  private idle(worker: Worker): void {
    worker.unref();
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.worker !== worker || this.waiting.size > 0) return;
      this.worker = null;
      void worker.terminate();
    }, this.options.idleMs);
    this.idleTimer.unref();
  }

  async close(): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const worker = this.worker;
    this.worker = null;
    for (const waiter of this.waiting.values()) waiter.reject(new Error(this.options.closedMessage));
    this.waiting.clear();
    if (worker) await worker.terminate();
  }
}

/**
 * Inside a JobWorker's thread: answers each job with `handle`'s result, moving the buffers
 * `transfer` names; a job that throws is answered with its message.
 */
export function serveJobs<Job, Result>(handle: (job: Job) => Result | Promise<Result>, transfer: (result: Result) => ArrayBuffer[] = () => []): void {
  const port = parentPort;
  if (!port) throw new Error('serveJobs runs on a worker thread');
  port.on('message', async ({ id, job }: JobMessage<Job>) => {
    try {
      const result = await handle(job);
      port.postMessage({ id, result } satisfies AnswerMessage<Result>, transfer(result));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      port.postMessage({ id, error: message } satisfies AnswerMessage<Result>);
    }
  });
}
