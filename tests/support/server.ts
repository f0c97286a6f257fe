import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServerIfNeeded, serverDir, serverLaunchArgs } from '../../server/launch.mjs';

/** A free TCP port on 127.0.0.1, picked by the OS. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode} before it was healthy`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server at ${url} not healthy after ${timeoutMs} ms`);
}

/**
 * The real server as its own process on 127.0.0.1, on a data folder of its own, so a test
 * can SIGKILL it and start it again on the same data.
 */
export class ServerProcess {
  readonly dataDir: string;
  readonly url: string;
  private child: ChildProcess | null = null;
  private output = '';
  /** How the process ended when nobody asked it to (a crash), or null. */
  private crashed: string | null = null;

  private constructor(
    readonly port: number,
    private readonly env: Record<string, string>,
    /** Extra flags for node itself (the benchmarks pass --cpu-prof). */
    private readonly nodeArgs: readonly string[] = [],
  ) {
    this.dataDir = mkdtempSync(join(tmpdir(), 'benchlearn-e2e-'));
    this.url = `http://127.0.0.1:${port}`;
  }

  static async start(env: Record<string, string> = {}, nodeArgs: readonly string[] = []): Promise<ServerProcess> {
    const server = new ServerProcess(await freePort(), env, nodeArgs);
    await server.restart();
    return server;
  }

  async restart(): Promise<void> {
    buildServerIfNeeded();
    const child = spawn(process.execPath, [...this.nodeArgs, ...serverLaunchArgs()], {
      cwd: serverDir,
      env: {
        ...process.env,
        PORT: String(this.port),
        HOST: '127.0.0.1',
        DATA_DIR: this.dataDir,
        PUBLIC_URL: this.url,
        LOG_LEVEL: 'warn',
        ...this.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.once('exit', (code, signal) => {
      if (this.child === child) this.crashed = `exited with ${code ?? signal}`;
    });
    this.child = child;
    try {
      await waitForHealth(this.url, child, 30_000);
    } catch (error) {
      throw new Error(`${(error as Error).message}\n${this.output}`);
    }
  }

  /** The crash a power cut or an OOM killer would cause: no shutdown hook runs. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    // Asked for: not a crash.
    this.child = null;
    child.kill(signal);
    await exited;
  }

  /** Null while the process runs or was stopped on purpose; how it ended when it died by itself. */
  get crash(): string | null {
    return this.crashed;
  }

  get logs(): string {
    return this.output;
  }

  /** The server process's id while it runs (the benchmarks read its CPU and memory from /proc). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  async stop(): Promise<void> {
    await this.kill('SIGTERM');
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
