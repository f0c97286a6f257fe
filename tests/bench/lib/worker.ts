import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { WorkerCommand } from '../relay/worker';

const workerScript = fileURLToPath(new URL('../relay/worker.ts', import.meta.url));

/** The load generator process, driven one command at a time. */
export class LoadGenerator {
  private readonly child: ChildProcess;
  private nextId = 0;
  private readonly pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();

  constructor() {
    // BENCH_LOADGEN_PROF=<dir> writes a V8 CPU profile of each load generator there.
    const dir = process.env.BENCH_LOADGEN_PROF;
    const profile = dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : [];
    this.child = fork(workerScript, [], { execArgv: ['--import', 'tsx', ...profile], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.child.on('message', (message: { id: number; ok: boolean; result?: unknown; error?: string; event?: string }) => {
      if (message.event) {
        this.onEvent(message.event);
        return;
      }
      const waiter = this.pending.get(message.id);
      if (!waiter) return;
      this.pending.delete(message.id);
      if (message.ok) waiter.resolve(message.result);
      else waiter.reject(new Error(message.error));
    });
    this.child.on('exit', (code) => {
      for (const waiter of this.pending.values()) waiter.reject(new Error(`load generator exited with ${code}`));
      this.pending.clear();
    });
  }

  /** Called for the phase events the generator sends unasked (see relay/worker.ts). */
  onEvent: (event: string) => void = () => {};

  get pid(): number | undefined {
    return this.child.pid;
  }

  call<T>(command: WorkerCommand): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.child.send({ id, command });
    });
  }

  stop(): void {
    if (this.child.connected) this.child.disconnect();
  }
}
