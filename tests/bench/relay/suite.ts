import { ProcessMeter, loadAverage, rssMiB } from '../lib/proc';
import { SERVER_NAMES, startServer, BENCH_ROOM_IDLE_MS, type RelayServer, type ServerName } from '../lib/servers';
import { fmt, median } from '../lib/stats';
import type { Report } from '../lib/table';
import { LoadGenerator } from '../lib/worker';
import { clock, type JoinResult, type JoinTimes, type RelayLevel, type RelayResult, type Slot } from './workload';
import type { Endpoint } from './client';
import { summarize, type Summary } from '../lib/stats';

export interface Options {
  quick: boolean;
  servers: readonly ServerName[];
  /** Only the relay steps named `<rooms>x<clients>` (e.g. 1x50), for profiling one of them. */
  steps?: readonly string[];
  /** Whether --servers named the servers (else every server runs). */
  serversNamed?: boolean;
}

export const SERVER_NOTE =
  'benchlearn: `node dist/main.mjs` (the server bundle, server/launch.json, as npm start), SQLite in a temp DATA_DIR (every update committed before it is relayed), ' +
  `ROOM_IDLE_MS=${BENCH_ROOM_IDLE_MS}; y-websocket-server: @y/websocket-server 0.1.1 \`src/server.js\`, in memory; ` +
  'hocuspocus: @hocuspocus/server 3.4.4 in memory, no extensions. Each server is its own process on 127.0.0.1.';

export const CLIENT_NOTE =
  'Load: separate load-generator processes (two once a step has 20+ clients, clients spread round robin); every client is ' +
  'a real Y.Doc synced with y-protocols by the same small client for all three servers (bench/relay/client.ts: sync step ' +
  '1/2, updates, one presence state on join; Hocuspocus framing = document name prefix + auth message), so the client-side ' +
  'cost is identical. A move = shared setCardBounds + a send-time stamp in the card, one transaction; latency = stamp to the ' +
  "receiving Y.Doc's observer, on the machine-wide monotonic clock.";

/** A level's figures merged over the load-generator processes: the counts summed, the samples summarized. */
interface Merged extends Omit<RelayResult, 'samples' | 'loadgenCpuS' | 'loadgenSpanS'> {
  latency: Summary;
  /** Load-generator CPU in cores (all processes), and the busiest process's share of one core. */
  loadgenCores: number;
  loadgenBusiest: number;
}

interface Measured {
  relay: Merged;
  serverCpuS: number;
  serverPeakRssMiB: number;
}

function merge(results: RelayResult[]): Merged {
  const sum = (pick: (r: RelayResult) => number) => results.reduce((total, r) => total + pick(r), 0);
  const windowS = results[0]?.windowS ?? NaN;
  const delivered = sum((r) => r.delivered);
  const expected = sum((r) => r.expected);
  const sent = sum((r) => r.sent);
  const closes: Record<string, number> = {};
  for (const r of results) for (const [code, n] of Object.entries(r.closes)) closes[code] = (closes[code] ?? 0) + n;
  return {
    latency: summarize(results.flatMap((r) => r.samples)),
    sent,
    offered: sum((r) => r.offered),
    expected,
    delivered,
    lost: Math.max(0, expected - delivered),
    windowS,
    deliveredPerS: delivered / windowS,
    sentPerS: sent / windowS,
    loadgenCores: sum((r) => r.loadgenCpuS / r.loadgenSpanS),
    loadgenBusiest: Math.max(...results.map((r) => r.loadgenCpuS / r.loadgenSpanS)),
    closes,
  };
}

/** Spreads a run's clients over the generators, round robin: a room's clients may share several. */
async function openRun(gens: LoadGenerator[], rooms: Endpoint[], clientsPerRoom: number, writersPerRoom: number): Promise<void> {
  const shares: Slot[][] = gens.map(() => []);
  let next = 0;
  rooms.forEach((endpoint, room) => {
    for (let c = 0; c < clientsPerRoom; c++) shares[next++ % gens.length]!.push({ endpoint, room, writer: c < writersPerRoom });
  });
  await Promise.all(gens.map((gen, i) => gen.call({ kind: 'relay-open', setup: { slots: shares[i]!, clientsPerRoom, writersPerRoom } })));
}

/** Runs one measured level in every generator and reads the server's CPU and peak RSS over the measured window. */
async function measureLevel(gens: LoadGenerator[], server: RelayServer, level: RelayLevel): Promise<Measured> {
  const meter = new ProcessMeter(server.pid);
  let started = 0;
  let ended = 0;
  let window: { cpuSeconds: number; peakRssMiB: number } | null = null;
  for (const gen of gens) {
    gen.onEvent = (event) => {
      if (event === 'measure-start' && started++ === 0) meter.start();
      if (event === 'measure-end' && ++ended === gens.length) window = meter.stop();
    };
  }
  const startAt = clock() + 50;
  const results = await Promise.all(gens.map((gen) => gen.call<RelayResult>({ kind: 'relay-level', level, startAt })));
  for (const gen of gens) gen.onEvent = () => {};
  const measured = window as { cpuSeconds: number; peakRssMiB: number } | null;
  return { relay: merge(results), serverCpuS: measured?.cpuSeconds ?? NaN, serverPeakRssMiB: measured?.peakRssMiB ?? NaN };
}

interface Step {
  title: string;
  rooms: number;
  clients: number;
  writers: number;
  rate: number;
}

function ratio(value: number, base: number): string {
  if (!Number.isFinite(value) || !Number.isFinite(base) || base === 0) return '';
  return ` (${fmt(value / base, 2)}x)`;
}

/** A cell: the figure, and for peers its ratio to Benchlearn's. */
function cell(value: number, base: number | undefined, name: ServerName, decimals = 1): string {
  return fmt(value, decimals) + (name === 'benchlearn' || base === undefined ? '' : ratio(value, base));
}

const RELAY_HEADER = ['server', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'delivered/s', 'lost', 'server CPU s', 'server peak RSS MiB', 'load gen CPU (cores)'];

/** The load generators' CPU in cores; SATURATED when one process used over 90% of a core. */
function loadgenCell(r: Merged): string {
  return `${fmt(r.loadgenCores, 2)}${r.loadgenBusiest > 0.9 ? ' SATURATED' : ''}`;
}

function relayRows(results: Map<ServerName, Measured>): string[][] {
  const base = results.get('benchlearn');
  return [...results].map(([name, m]) => {
    const r = m.relay;
    return [
      name,
      cell(r.latency.p50, base?.relay.latency.p50, name, 2),
      cell(r.latency.p95, base?.relay.latency.p95, name, 2),
      cell(r.latency.p99, base?.relay.latency.p99, name, 2),
      cell(r.latency.max, base?.relay.latency.max, name, 1),
      cell(r.deliveredPerS, base?.relay.deliveredPerS, name, 0),
      `${r.lost}${r.expected > 0 ? ` / ${r.expected}` : ''}`,
      cell(m.serverCpuS, base?.serverCpuS, name, 2),
      cell(m.serverPeakRssMiB, base?.serverPeakRssMiB, name, 0),
      loadgenCell(r),
    ];
  });
}

async function withServer<T>(
  name: ServerName,
  work: (server: RelayServer, gen: LoadGenerator, more: LoadGenerator[]) => Promise<T>,
  generators = 1,
): Promise<T> {
  const server = await startServer(name);
  const gens = Array.from({ length: generators }, () => new LoadGenerator());
  try {
    return await work(server, gens[0]!, gens);
  } finally {
    for (const gen of gens) gen.stop();
    await server.stop();
  }
}

/** Two load-generator processes once a step has enough clients to keep one core busy. */
const generatorsFor = (clients: number) => (clients >= 20 ? 2 : 1);

/**
 * A step's window: long enough for at least MIN_SAMPLES latency samples (at 1 room x 2 clients
 * moving 2/s, 8 s gave 32, and their p99 was simply the slowest move), at most 40 s.
 */
const MIN_SAMPLES = 200;
function windowFor(step: Step, level: Omit<RelayLevel, 'rate'>): Omit<RelayLevel, 'rate'> {
  const perS = step.rooms * step.writers * (step.clients - 1) * step.rate;
  const durationMs = Math.min(40_000, Math.max(level.durationMs, Math.ceil(MIN_SAMPLES / perS) * 1000));
  return { ...level, durationMs };
}

/** The fixed steps: a fresh server process and load generator per step and server, servers interleaved. */
export async function relaySteps(report: Report, options: Options): Promise<Map<string, Map<ServerName, Measured>>> {
  const level: Omit<RelayLevel, 'rate'> = options.quick
    ? { warmupMs: 300, durationMs: 1500, drainMs: 1000 }
    : { warmupMs: 1000, durationMs: 8000, drainMs: 3000 };
  const steps: Step[] = options.quick
    ? [
        { title: '1 room x 10 clients, every client moves a card 2/s', rooms: 1, clients: 10, writers: 10, rate: 2 },
        { title: '50 rooms x 10 clients, every client moves a card 5/s', rooms: 50, clients: 10, writers: 10, rate: 5 },
      ]
    : [
        ...[2, 10, 50, 100].map((clients) => ({
          title: `1 room x ${clients} clients, every client moves a card 2/s`,
          rooms: 1,
          clients,
          writers: clients,
          rate: 2,
        })),
        { title: '50 rooms x 10 clients, every client moves a card 5/s', rooms: 50, clients: 10, writers: 10, rate: 5 },
      ];
  const all = new Map<string, Map<ServerName, Measured>>();
  const wanted = options.steps;
  for (const step of steps.filter((s) => !wanted || wanted.includes(`${s.rooms}x${s.clients}`))) {
    const results = new Map<ServerName, Measured>();
    const load = loadAverage();
    for (const name of options.servers) {
      const measured = await withServer(
        name,
        async (server, _gen, gens) => {
          await openRun(gens, await server.newRooms(step.rooms), step.clients, step.writers);
          const m = await measureLevel(gens, server, { ...windowFor(step, level), rate: step.rate });
          await Promise.all(gens.map((gen) => gen.call({ kind: 'relay-close' })));
          return m;
        },
        generatorsFor(step.rooms * step.clients),
      );
      results.set(name, measured);
      const closes = Object.entries(measured.relay.closes);
      if (closes.length > 0) report.note(`  ${name}: clients closed by the server during "${step.title}": ${JSON.stringify(measured.relay.closes)}`);
    }
    all.set(step.title, results);
    const offered = step.rooms * step.writers * step.rate;
    report.add({
      title: `Relay: ${step.title} (${offered} moves/s offered, ${fmt(windowFor(step, level).durationMs / 1000, 0)} s window)`,
      header: RELAY_HEADER,
      rows: relayRows(results),
      notes: [
        `load average before the step: ${load}; (Nx) = the peer's figure / Benchlearn's`,
        `lost = not applied by the end of the drain, ${fmt(level.drainMs / 1000, 0)} s after the window (a backlog counts as lost)`,
      ],
    });
  }
  return all;
}

export interface RampResult {
  name: ServerName;
  /** The highest passing level, or null when even the first failed. */
  best: { rate: number; measured: Measured } | null;
  failedAt: { rate: number; why: string } | null;
  levels: { rate: number; measured: Measured; ok: boolean; why: string }[];
}

/**
 * Max sustained throughput: the same rooms, the writers' rate doubled until p99 reaches 50 ms,
 * a move is lost, or the load generator saturates (then the server's limit is not known, only a floor).
 */
export async function relayRamp(report: Report, options: Options): Promise<RampResult[]> {
  const rooms = 10;
  const clients = 5;
  const rates = options.quick ? [8, 32] : [2, 4, 8, 16, 32, 48, 64, 96, 128, 160, 192, 256];
  const level: Omit<RelayLevel, 'rate'> = options.quick
    ? { warmupMs: 300, durationMs: 1500, drainMs: 1000 }
    : { warmupMs: 1000, durationMs: 5000, drainMs: 2000 };
  const out: RampResult[] = [];
  const rows: string[][] = [];
  for (const name of options.servers) {
    const result = await withServer(
      name,
      async (server, _gen, gens) => {
        await openRun(gens, await server.newRooms(rooms), clients, clients);
        const ramp: RampResult = { name, best: null, failedAt: null, levels: [] };
        for (const rate of rates) {
          const verdict = (m: Measured) => {
            const r = m.relay;
            const loadgen = r.loadgenBusiest;
            // The generator first: once it is saturated, the latency it measures is partly its own.
            return r.sent < r.offered * 0.97
              ? `load generator sent ${r.sent} of ${r.offered}`
              : loadgen > 0.9
                ? `load generator CPU ${fmt(loadgen * 100, 0)}%${r.latency.p99 >= 50 ? ` (p99 ${fmt(r.latency.p99)} ms)` : ''}`
                : r.latency.p99 >= 50
                  ? `p99 ${fmt(r.latency.p99)} ms`
                  : r.lost > 0
                    ? `${r.lost} lost`
                    : '';
          };
          let measured = await measureLevel(gens, server, { ...level, rate });
          // One retry: on a shared 2-core machine a single stall (another process, a checkpoint) should not end the ramp.
          if (verdict(measured) !== '') {
            const again = await measureLevel(gens, server, { ...level, rate });
            if (verdict(again) === '' || again.relay.latency.p99 < measured.relay.latency.p99) measured = again;
          }
          const r = measured.relay;
          const why = verdict(measured);
          ramp.levels.push({ rate, measured, ok: why === '', why });
          rows.push([
            name,
            String(rate),
            fmt(r.sentPerS, 0),
            fmt(r.deliveredPerS, 0),
            fmt(r.latency.p50, 2),
            fmt(r.latency.p99, 2),
            String(r.lost),
            fmt(measured.serverCpuS / r.windowS, 2),
            loadgenCell(r),
            why === '' ? 'ok' : why,
          ]);
          if (why !== '') {
            ramp.failedAt = { rate, why };
            break;
          }
          ramp.best = { rate, measured };
        }
        await Promise.all(gens.map((gen) => gen.call({ kind: 'relay-close' })));
        return ramp;
      },
      generatorsFor(rooms * clients),
    );
    out.push(result);
  }
  report.add({
    title: `Relay ramp: ${rooms} rooms x ${clients} clients, every client a writer; rate per writer raised until p99 >= 50 ms (a failing level is run twice, the better counts)`,
    header: ['server', 'moves/s per writer', 'sent/s', 'delivered/s', 'p50 ms', 'p99 ms', 'lost', 'server CPU (cores)', 'load gen CPU (cores)', 'verdict'],
    rows,
    notes: [`load average: ${loadAverage()}`],
  });
  const base = out.find((r) => r.name === 'benchlearn');
  const baseRate = base?.best?.measured.relay.deliveredPerS;
  report.add({
    title: 'Relay: max sustained throughput (highest level with p99 < 50 ms, nothing lost)',
    header: ['server', 'moves in/s', 'delivered/s', 'p99 ms', 'limited by', 'vs Benchlearn'],
    rows: out.map((r) => {
      const m = r.best?.measured.relay;
      const bound = r.failedAt ? r.failedAt.why : 'top of the ramp (floor only)';
      const floorOnly = r.failedAt?.why.startsWith('load generator') || !r.failedAt;
      return [
        r.name,
        m ? `${floorOnly ? '>= ' : ''}${fmt(m.sentPerS, 0)}` : '-',
        m ? `${floorOnly ? '>= ' : ''}${fmt(m.deliveredPerS, 0)}` : '-',
        m ? fmt(m.latency.p99, 2) : '-',
        bound,
        m && baseRate ? `${fmt(m.deliveredPerS / baseRate, 2)}x` : '-',
      ];
    }),
  });
  return out;
}

export interface JoinOutcome {
  name: ServerName;
  warmMs: number;
  /** Median time until the whole board had arrived at the client (the server's part; the rest is the client applying it). */
  answeredMs: number;
  coldMs: number | null;
  updateBytes: number;
}

/** A fresh client joins a board of 5,000 cards and 2,000 links until synced (median of several). */
export async function joinBench(report: Report, options: Options): Promise<JoinOutcome[]> {
  const cards = options.quick ? 1000 : 5000;
  const links = options.quick ? 400 : 2000;
  const repeats = options.quick ? 3 : 7;
  const out: JoinOutcome[] = [];
  const rows: string[][] = [];
  for (const name of options.servers) {
    const outcome = await withServer(name, async (server, gen) => {
      const [endpoint] = await server.newRooms(1);
      const result = await gen.call<JoinResult>({
        kind: 'join',
        task: { endpoint: endpoint!, cards, links, repeats },
      });
      let coldMs: number | null = null;
      if (name === 'benchlearn') {
        // Cold: nobody on the board, the room unloaded; the join loads it from SQLite.
        await gen.call({ kind: 'close-all' });
        await new Promise((resolve) => setTimeout(resolve, BENCH_ROOM_IDLE_MS + 1500));
        const cold = await gen.call<JoinTimes>({ kind: 'rejoin', endpoint: endpoint!, want: { cards, links }, repeats: 1 });
        coldMs = cold.times[0] ?? null;
      }
      return { name, warmMs: median(result.times), answeredMs: median(result.answered), coldMs, updateBytes: result.updateBytes, times: result.times };
    });
    out.push(outcome);
    rows.push([
      name,
      fmt(outcome.warmMs, 1),
      fmt(Math.min(...outcome.times), 1),
      fmt(Math.max(...outcome.times), 1),
      fmt(outcome.answeredMs, 1),
      fmt(outcome.warmMs - outcome.answeredMs, 1),
      outcome.coldMs === null ? 'n/a' : fmt(outcome.coldMs, 1),
    ]);
  }
  const base = out.find((o) => o.name === 'benchlearn');
  report.add({
    title: `Join: a fresh client syncs a board of ${cards} cards and ${links} links (median of ${repeats})`,
    header: ['server', 'median ms', 'min ms', 'max ms', 'board arrived ms (median)', 'client apply ms (median)', 'cold ms (room unloaded)'],
    rows: rows.map((row, i) => {
      const o = out[i]!;
      return o.name === 'benchlearn' || !base
        ? row
        : [row[0]!, `${row[1]}${ratio(o.warmMs, base.warmMs)}`, row[2]!, row[3]!, `${row[4]}${ratio(o.answeredMs, base.answeredMs)}`, ...row.slice(5)];
    }),
    notes: [
      `seed update: ${fmt((out[0]?.updateBytes ?? 0) / 1024, 0)} KiB, sent by one client that stays connected (Hocuspocus in memory drops a board when its last client leaves)`,
      'cold = Benchlearn only: everyone left, the room unloaded, the joining client waits for the load from SQLite',
      "board arrived = socket opened to the server's sync step 2 (the whole board) received: the server's part; client apply = the rest, the joining Y.Doc applying it, the same work for every server",
    ],
  });
  return out;
}

export interface MemoryOutcome {
  name: ServerName;
  baselineMiB: number;
  afterCycleMiB: number;
  /** The same server's RSS read again, laterMs after afterCycleMiB (settled: V8 gives memory back over seconds). */
  afterCycleLaterMiB: number;
  /** On the server of the loaded boards: its RSS before loading them, and 15 s after they were closed. */
  beforeLoadMiB: number;
  laterMiB: number;
  perBoardMiB: number;
}

/** A reading against the baseline, in percent. */
function versus(value: number, baseline: number): string {
  return `${value >= baseline ? '+' : ''}${fmt(((value - baseline) / baseline) * 100, 0)}%`;
}

/**
 * Memory, on a fresh server each: RSS baseline; 1,000 boards opened (a client writes 10 cards)
 * and closed, then RSS after the rooms had time to unload; then N boards of 1,000 cards loaded
 * with a client on each: (RSS - RSS before) / N.
 */
export async function memoryBench(report: Report, options: Options): Promise<MemoryOutcome[]> {
  const cycled = options.quick ? 100 : 1000;
  const loaded = options.quick ? 5 : 40;
  const settleMs = BENCH_ROOM_IDLE_MS + (options.quick ? 1000 : 3000);
  const laterMs = options.quick ? 2000 : 12_000;
  const out: MemoryOutcome[] = [];
  for (const name of options.servers) {
    const settle = () => new Promise((resolve) => setTimeout(resolve, settleMs));
    /** A fresh server, warmed up: the first board pays for lazy module loading and JIT, which are not per board. */
    const warmedUp = async (server: RelayServer, gen: LoadGenerator) => {
      await gen.call({ kind: 'open-close', endpoints: await server.newRooms(5), cardsEach: 10 });
      await settle();
      return rssMiB(server.pid);
    };
    // Each measure on a fresh process, so that one does not start from the heap the other left.
    const cycle = await withServer(name, async (server, gen) => {
      const baselineMiB = await warmedUp(server, gen);
      await gen.call({ kind: 'open-close', endpoints: await server.newRooms(cycled), cardsEach: 10 });
      await settle();
      const afterCycleMiB = rssMiB(server.pid);
      await new Promise((resolve) => setTimeout(resolve, laterMs));
      return { baselineMiB, afterCycleMiB, afterCycleLaterMiB: rssMiB(server.pid) };
    });
    const boards = await withServer(name, async (server, gen) => {
      const beforeLoadMiB = await warmedUp(server, gen);
      await gen.call({ kind: 'load-boards', endpoints: await server.newRooms(loaded), cards: 1000 });
      await new Promise((resolve) => setTimeout(resolve, options.quick ? 500 : 2000));
      const loadedMiB = rssMiB(server.pid);
      await gen.call({ kind: 'close-all' });
      // Then these boards are closed too, and the server has had a while.
      await settle();
      await new Promise((resolve) => setTimeout(resolve, laterMs));
      return { beforeLoadMiB, perBoardMiB: (loadedMiB - beforeLoadMiB) / loaded, laterMiB: rssMiB(server.pid) };
    });
    const outcome: MemoryOutcome = { name, ...cycle, ...boards };
    out.push(outcome);
  }
  const base = out.find((o) => o.name === 'benchlearn');
  report.add({
    title: `Memory: RSS per loaded board of 1,000 cards (${loaded} boards, one client each), and after ${cycled} boards opened and closed`,
    header: [
      'server',
      'MiB per 1,000-card board',
      'baseline RSS MiB',
      `RSS after ${cycled} opened+closed: ${fmt(settleMs / 1000, 1)} s / ${fmt((settleMs + laterMs) / 1000, 0)} s after`,
      'vs baseline',
      `RSS before the ${loaded} boards / ${fmt((settleMs + laterMs) / 1000, 0)} s after they closed`,
      'vs before',
    ],
    rows: out.map((o) => [
      o.name,
      o.name === 'benchlearn' || !base ? fmt(o.perBoardMiB, 2) : `${fmt(o.perBoardMiB, 2)}${ratio(o.perBoardMiB, base.perBoardMiB)}`,
      fmt(o.baselineMiB, 0),
      `${fmt(o.afterCycleMiB, 0)} / ${fmt(o.afterCycleLaterMiB, 0)}`,
      `${versus(o.afterCycleMiB, o.baselineMiB)} / ${versus(o.afterCycleLaterMiB, o.baselineMiB)}`,
      `${fmt(o.beforeLoadMiB, 0)} / ${fmt(o.laterMiB, 0)}`,
      versus(o.laterMiB, o.beforeLoadMiB),
    ]),
    notes: [
      `each opened board: a client joins, writes 10 cards, leaves; RSS read ${fmt(settleMs / 1000, 1)} s and ${fmt((settleMs + laterMs) / 1000, 0)} s after the last closed (Benchlearn's ROOM_IDLE_MS is ${BENCH_ROOM_IDLE_MS} ms here; V8 shrinks a grown young generation only once 5 s of low allocation have passed); the ${loaded} loaded boards on another fresh server, then closed, RSS read ${fmt((settleMs + laterMs) / 1000, 0)} s after`,
      'y-websocket-server without persistence never unloads a document (it would lose it); Hocuspocus unloads and, in memory, forgets it',
      'RSS is read from /proc/<pid>/status without forcing a GC: V8 keeps some freed heap, which counts against every server alike',
    ],
  });
  return out;
}

export { SERVER_NAMES };

export interface CpuOutcome {
  name: ServerName;
  /** Server CPU seconds per 1,000 delivered updates, one figure per round. */
  perThousand: number[];
  delivered: number[];
  lost: number[];
}

/**
 * Server CPU per delivered update (issue 11): 10 rooms x 10 clients, every client moving its card
 * 5/s, on a fresh process of each server per round; the servers take turns round by round (A B
 * A B …) so drift of the machine hits both alike. Reports each server's CPU seconds per 1,000
 * delivered updates (median of the rounds) and Benchlearn's over y-websocket-server's.
 */
export async function cpuPerDelivered(report: Report, options: Options): Promise<CpuOutcome[]> {
  const rooms = 10;
  const clients = 10;
  const rate = 5;
  const rounds = options.quick ? 1 : 3;
  const level: RelayLevel = options.quick
    ? { warmupMs: 500, durationMs: 3000, drainMs: 1000, rate }
    : { warmupMs: 1500, durationMs: 10_000, drainMs: 2000, rate };
  // The comparison the issue asks for; --servers may add Hocuspocus.
  // The comparison the issue asks for: Benchlearn against y-websocket-server (Hocuspocus only when named with --servers).
  const names = options.serversNamed ? options.servers : options.servers.filter((name) => name !== 'hocuspocus');
  const outcomes = new Map<ServerName, CpuOutcome>(names.map((name) => [name, { name, perThousand: [], delivered: [], lost: [] }]));
  const rows: string[][] = [];
  for (let round = 0; round < rounds; round++) {
    // Alternate who goes first, so neither always runs on a machine the other just warmed.
    const order = round % 2 === 0 ? names : [...names].reverse();
    for (const name of order) {
      const measured = await withServer(
        name,
        async (server, _gen, gens) => {
          await openRun(gens, await server.newRooms(rooms), clients, clients);
          const m = await measureLevel(gens, server, level);
          await Promise.all(gens.map((gen) => gen.call({ kind: 'relay-close' })));
          return m;
        },
        generatorsFor(rooms * clients),
      );
      const r = measured.relay;
      const perThousand = (measured.serverCpuS / r.delivered) * 1000;
      const outcome = outcomes.get(name)!;
      outcome.perThousand.push(perThousand);
      outcome.delivered.push(r.delivered);
      outcome.lost.push(r.lost);
      rows.push([
        name,
        String(round + 1),
        String(r.delivered),
        String(r.lost),
        fmt(measured.serverCpuS, 2),
        fmt(perThousand, 3),
        fmt(r.latency.p99, 2),
        loadgenCell(r),
      ]);
      if (Object.keys(r.closes).length > 0) report.note(`  ${name}, round ${round + 1}: clients closed by the server: ${JSON.stringify(r.closes)}`);
    }
  }
  const out = [...outcomes.values()];
  const base = outcomes.get('y-websocket-server');
  const baseMedian = base ? median(base.perThousand) : NaN;
  report.add({
    title: `Server CPU per delivered update: ${rooms} rooms x ${clients} clients, every client moves a card ${rate}/s (${rooms * clients * rate} moves/s offered, ${fmt(level.durationMs / 1000, 0)} s window, ${rounds} round${rounds === 1 ? '' : 's'})`,
    header: ['server', 'round', 'delivered', 'lost', 'server CPU s', 'CPU s per 1,000 delivered', 'p99 ms', 'load gen CPU (cores)'],
    rows,
    notes: [
      `median CPU s per 1,000 delivered: ${out.map((o) => `${o.name} ${fmt(median(o.perThousand), 3)}`).join(', ')}`,
      ...out
        .filter((o) => o.name !== 'y-websocket-server' && base)
        .map(
          (o) =>
            `ratio ${o.name} / y-websocket-server: ${fmt(median(o.perThousand) / baseMedian, 2)}x (issue 11 target: <= 1.0x, with every update committed before it is relayed)`,
        ),
      `a fresh server process per round and server, servers alternating; load average at the end: ${loadAverage()}`,
    ],
  });
  return out;
}
