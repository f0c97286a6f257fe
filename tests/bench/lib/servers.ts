import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBoard } from '../../support/api';
import { freePort, ServerProcess } from '../../support/server';
import type { Endpoint } from '../relay/client';

export type ServerName = 'benchlearn' | 'y-websocket-server' | 'hocuspocus';
export const SERVER_NAMES: readonly ServerName[] = ['benchlearn', 'y-websocket-server', 'hocuspocus'];

/** One relay server under test, as its own process on 127.0.0.1. */
export interface RelayServer {
  readonly name: ServerName;
  readonly pid: number;
  /** Fresh rooms (boards) to connect to. */
  newRooms(count: number): Promise<Endpoint[]>;
  stop(): Promise<void>;
}

/** How long Benchlearn keeps an unused room loaded during the bench (default 30 s), so unloading shows in minutes, not hours. */
export const BENCH_ROOM_IDLE_MS = 200;

class Benchlearn implements RelayServer {
  readonly name = 'benchlearn' as const;
  private constructor(private readonly server: ServerProcess) {}

  static async start(): Promise<Benchlearn> {
    // Real SQLite persistence in a temp DATA_DIR, started as users start it (server/launch.json).
    // BENCH_CPU_PROF=<dir> writes a V8 CPU profile of each Benchlearn server process there (open in Chrome DevTools).
    const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
    // The memory step alone creates 1,000 boards from one address: the creation limit (30 a minute,
    // docs/operations.md) is off, as the peers have none.
    return new Benchlearn(await ServerProcess.start({ ROOM_IDLE_MS: String(BENCH_ROOM_IDLE_MS), LOG_LEVEL: 'warn', RATE_LIMIT_CREATE: '0' }, profile));
  }

  get pid(): number {
    const pid = this.server.pid;
    if (pid === undefined) throw new Error('benchlearn is not running');
    return pid;
  }

  async newRooms(count: number): Promise<Endpoint[]> {
    const rooms: Endpoint[] = [];
    // Bounded by count; a few at a time so the API is not what we measure.
    for (let i = 0; i < count; i += 20) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(20, count - i) }, () => createBoard(this.server.url, { title: 'Bench', template: 'blank', locale: 'en' })),
      );
      for (const board of batch) {
        rooms.push({
          url: `${this.server.url.replace('http', 'ws')}/sync/${board.id}?token=${board.tokens.editor}`,
          dialect: 'y-websocket',
          room: board.id,
        });
      }
    }
    return rooms;
  }

  stop(): Promise<void> {
    return this.server.stop();
  }
}

const require = createRequire(import.meta.url);
const benchDir = dirname(fileURLToPath(new URL('.', import.meta.url)));

/** A peer started the way its README does, on a free port of 127.0.0.1. */
class Peer implements RelayServer {
  private constructor(
    readonly name: ServerName,
    private readonly child: ChildProcess,
    private readonly port: number,
  ) {}

  static async start(name: 'y-websocket-server' | 'hocuspocus'): Promise<Peer> {
    const port = await freePort();
    const script =
      name === 'y-websocket-server'
        ? join(dirname(require.resolve('@y/websocket-server/package.json')), 'src/server.js')
        : join(benchDir, 'peers/hocuspocus.mjs');
    const child = spawn(process.execPath, [script], {
      cwd: join(benchDir, '..'),
      env: { ...process.env, HOST: '127.0.0.1', PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const deadline = Date.now() + 20_000;
    // Bounded: 20 s for the HTTP side to answer.
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}:\n${output}`);
      try {
        await fetch(`http://127.0.0.1:${port}/`);
        break;
      } catch {
        if (Date.now() > deadline) throw new Error(`${name} did not start:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    return new Peer(name, child, port);
  }

  get pid(): number {
    if (this.child.pid === undefined) throw new Error(`${this.name} is not running`);
    return this.child.pid;
  }

  private next = 0;

  async newRooms(count: number): Promise<Endpoint[]> {
    const stamp = Date.now().toString(36);
    return Array.from({ length: count }, () => {
      const room = `bench-${stamp}-${this.next++}`;
      return this.name === 'hocuspocus'
        ? { url: `ws://127.0.0.1:${this.port}/`, dialect: 'hocuspocus' as const, room }
        : { url: `ws://127.0.0.1:${this.port}/${room}`, dialect: 'y-websocket' as const, room };
    });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }
}

export function startServer(name: ServerName): Promise<RelayServer> {
  return name === 'benchlearn' ? Benchlearn.start() : Peer.start(name);
}
