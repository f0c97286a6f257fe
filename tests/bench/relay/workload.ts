import type * as Y from 'yjs';
import { addCard, boardMaps, linkCards, setCardBounds, type BoardDocs, type CardKind } from '@benchlearn/shared';
import { BenchClient, type Endpoint } from './client';

/** The stamp a writer puts in its card with every move (an unknown key: kept and ignored). */
interface Stamp {
  /** Send time, clock() (shared by every process on the machine). */
  t: number;
}
const STAMP_KEY = 'bench';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const presenceOf = (n: number) => ({
  user: { id: `bench-${n}`, name: `Bench ${n}`, color: '#1a73e8' },
  cursor: null,
  viewport: { x: 0, y: 0, scale: 1, width: 1280, height: 800 },
  selection: [],
  presenting: false,
  dragging: null,
});

/** Opens clients a batch at a time (a thundering herd would measure the OS, not the server). */
async function connectAll(endpoints: Endpoint[], batch = 25, timeoutMs = 60_000): Promise<BenchClient[]> {
  const clients: BenchClient[] = [];
  for (let i = 0; i < endpoints.length; i += batch) {
    const group = endpoints.slice(i, i + batch).map((endpoint, j) => new BenchClient(endpoint, presenceOf(i + j)));
    clients.push(...group);
    await withTimeout(Promise.all(group.map((client) => client.synced)), timeoutMs, 'clients did not sync');
  }
  return clients;
}

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what} within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

async function waitUntil(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > deadline) throw new Error(`timed out: ${what}`);
    await sleep(10);
  }
}

/** One client of a relay run: the room it joins and whether it moves a card. */
export interface Slot {
  endpoint: Endpoint;
  room: number;
  writer: boolean;
}

export interface RelaySetup {
  /** This process's share of the clients; a room's clients may be spread over several processes. */
  slots: Slot[];
  clientsPerRoom: number;
  writersPerRoom: number;
}

/**
 * A clock every process on the machine shares (CLOCK_MONOTONIC), in ms with microseconds:
 * a room's writer and readers may live in different load-generator processes.
 */
export function clock(): number {
  return Number(process.hrtime.bigint() / 1000n) / 1000;
}

export interface RelayLevel {
  /** Moves per second of each writer. */
  rate: number;
  warmupMs: number;
  durationMs: number;
  drainMs: number;
}

export interface RelayResult {
  /** Send-to-applied delays in ms (0.01 ms resolution), merged by the orchestrator. */
  samples: number[];
  /** Moves sent in the measured window. */
  sent: number;
  /** Moves the schedule asked for (sent falls short when the load generator cannot keep up). */
  offered: number;
  expected: number;
  delivered: number;
  lost: number;
  windowS: number;
  deliveredPerS: number;
  sentPerS: number;
  /** CPU seconds of the load generator over the measured window (not the drain after it), and that span. */
  loadgenCpuS: number;
  loadgenSpanS: number;
  /** Clients closed by the server during the run, by close code. */
  closes: Record<string, number>;
}

export type Phase = 'measure-start' | 'measure-end';

interface Writer {
  client: BenchClient;
  card: string;
  next: number;
  x: number;
}

/**
 * R rooms x C clients; W writers per room each move their own card at U moves/s, stamping the
 * send time into the card; every other client of the room records send-to-applied delay when
 * its observer sees the stamp. Only moves sent inside the measured window count. The clients
 * stay connected across levels (a ramp raises the rate on the same rooms).
 */
export class RelayRun {
  private clients: BenchClient[] = [];
  private writers: Writer[] = [];
  private measureFrom = Infinity;
  private delivered = 0;
  private latencies: number[] = [];

  constructor(private readonly setup: RelaySetup) {}

  async open(): Promise<void> {
    const { slots, writersPerRoom } = this.setup;
    this.clients = await connectAll(slots.map((slot) => slot.endpoint));
    // Each writer adds its own card through shared's board API, then everybody waits to see all of its room's.
    slots.forEach((slot, i) => {
      if (!slot.writer) return;
      const client = this.clients[i]!;
      const card = addCard(client.board, { kind: 'note', x: i * 240, y: slot.room * 10, authorId: `w${i}`, authorName: `Writer ${i}` });
      this.writers.push({ client, card, next: 0, x: i * 240 });
    });
    await waitUntil(() => this.clients.every((client) => boardMaps(client.board).cards.size >= writersPerRoom), 60_000, 'every client sees every writer card');
    for (const client of this.clients) {
      const cards = boardMaps(client.board).cards;
      cards.observeDeep((events) => {
        const now = clock();
        for (const event of events) {
          if (event.transaction.local || event.target === cards || !(event as Y.YMapEvent<unknown>).keysChanged.has(STAMP_KEY)) continue;
          const stamp = (event.target as Y.Map<unknown>).get(STAMP_KEY) as Stamp | undefined;
          if (!stamp || stamp.t < this.measureFrom) continue;
          this.delivered += 1;
          this.latencies.push(Math.round((now - stamp.t) * 100) / 100);
        }
      });
    }
  }

  /** `startAt` (clock()) lines up the processes of one run: the warm-up starts then, in all of them. */
  async level(level: RelayLevel, startAt: number, onPhase: (phase: Phase) => void = () => {}): Promise<RelayResult> {
    const writers = this.writers;
    this.delivered = 0;
    this.latencies = [];
    let sent = 0;
    let offered = 0;
    const period = 1000 / level.rate;
    while (clock() < startAt) await sleep(1);
    const start = clock();
    writers.forEach((writer, i) => (writer.next = start + (i / writers.length) * period));
    // From startAt, not from this process's start: every process must draw the same line, or a move
    // near it counts as sent in one process and is ignored by the readers in another.
    const measureFrom = startAt + level.warmupMs;
    this.measureFrom = measureFrom;
    const stopAt = measureFrom + level.durationMs;
    let cpuAtStart: NodeJS.CpuUsage | null = null;
    let spanStart = 0;
    // Bounded: ends at stopAt whatever happens; a writer that fell behind catches up by at most 3 moves a tick.
    while (clock() < stopAt) {
      const now = clock();
      if (!cpuAtStart && now >= measureFrom) {
        onPhase('measure-start');
        cpuAtStart = process.cpuUsage();
        spanStart = now;
      }
      for (const writer of writers) {
        let burst = 0;
        while (writer.next <= now) {
          if (writer.next >= measureFrom) offered += 1;
          if (burst < 3) {
            writer.x = writer.x === 0 ? 1 : 0;
            const t = clock();
            const { board } = writer.client;
            board.content.transact(() => {
              setCardBounds(board, [{ id: writer.card, x: writer.x, y: Math.round(t) % 1000 }]);
              boardMaps(board)
                .cards.get(writer.card)
                ?.set(STAMP_KEY, { t } satisfies Stamp);
            });
            if (t >= measureFrom) sent += 1;
            burst += 1;
          }
          writer.next += period;
        }
      }
      await sleep(1);
    }
    const expected = sent * (this.setup.clientsPerRoom - 1);
    // The window's CPU: the drain after it is mostly idle and would hide a saturated generator.
    const windowCpu = process.cpuUsage(cpuAtStart ?? undefined);
    const spanS = (clock() - spanStart) / 1000;
    // Another process may still deliver to this one's readers: drain for the whole time, bounded.
    await sleep(level.drainMs);
    onPhase('measure-end');
    const windowS = level.durationMs / 1000;
    const delivered = this.delivered;
    return {
      samples: this.latencies,
      sent,
      offered,
      expected,
      delivered,
      lost: Math.max(0, expected - delivered),
      windowS,
      deliveredPerS: delivered / windowS,
      sentPerS: sent / windowS,
      loadgenCpuS: (windowCpu.user + windowCpu.system) / 1e6,
      loadgenSpanS: spanS,
      closes: this.closes(),
    };
  }

  private closes(): Record<string, number> {
    const closes: Record<string, number> = {};
    for (const client of this.clients) {
      if (client.closeCode !== null) closes[String(client.closeCode)] = (closes[String(client.closeCode)] ?? 0) + 1;
    }
    return closes;
  }

  close(): void {
    for (const client of this.clients) client.close();
    this.clients = [];
    this.writers = [];
  }
}

/** Fills a document with cards in a grid and links from the non-lessons to lessons nearby. */
export function fillBoard(board: BoardDocs, cards: number, links: number): void {
  const kinds: CardKind[] = ['success', 'problem', 'note', 'lesson'];
  const columns = Math.ceil(Math.sqrt(cards));
  const ids: string[] = [];
  const lessons: string[] = [];
  board.content.transact(() => {
    for (let i = 0; i < cards; i++) {
      const kind = kinds[i % kinds.length]!;
      const id = addCard(
        board,
        {
          kind,
          x: (i % columns) * 260,
          y: Math.floor(i / columns) * 180,
          text: `Card ${i}: what we learned in session ${i % 37}`,
          authorId: `author-${i % 20}`,
          authorName: `Author ${i % 20}`,
        },
        undefined,
        1_700_000_000_000 + i,
      );
      ids.push(id);
      if (kind === 'lesson') lessons.push(id);
    }
    let made = 0;
    // Bounded by the card count: each non-lesson card gets at most one link.
    for (let i = 0; i < ids.length && made < links; i++) {
      if (i % kinds.length === 3) continue;
      const lesson = lessons[Math.min(lessons.length - 1, Math.floor(i / kinds.length))];
      if (lesson && linkCards(board, ids[i]!, lesson, 'author-0', 1_700_000_000_000 + i).ok) made += 1;
    }
  });
}

function counts(board: BoardDocs): { cards: number; links: number } {
  const maps = boardMaps(board);
  return { cards: maps.cards.size, links: maps.links.size };
}

export interface JoinTask {
  endpoint: Endpoint;
  cards: number;
  links: number;
  repeats: number;
}

export interface JoinTimes {
  /** Milliseconds from opening the socket to the board applied, per fresh client. */
  times: number[];
  /** Milliseconds from opening the socket to the server's answer (the whole board) having arrived, before the client applies it. */
  answered: number[];
}

export interface JoinResult extends JoinTimes {
  updateBytes: number;
  seedMs: number;
}

/** Seeds a board through the server with one client, then times fresh clients joining it. */
export async function runJoin(task: JoinTask, keep: BenchClient[]): Promise<JoinResult> {
  const seeder = (await connectAll([task.endpoint]))[0]!;
  keep.push(seeder);
  const seedStart = performance.now();
  let updateBytes = 0;
  seeder.doc.once('update', (update: Uint8Array) => (updateBytes = update.length));
  fillBoard(seeder.board, task.cards, task.links);
  const want = counts(seeder.board);
  await seeder.flushed();
  // The server has it when a fresh client sees it (bounded: 60 probes).
  for (let probe = 0; ; probe++) {
    const client = new BenchClient(task.endpoint);
    await withTimeout(client.synced, 60_000, 'probe did not sync');
    const got = counts(client.board);
    client.close();
    if (got.cards === want.cards && got.links === want.links) break;
    if (probe >= 60) throw new Error(`the server never showed the seeded board (${got.cards} cards)`);
    await sleep(250);
  }
  const seedMs = performance.now() - seedStart;
  return { ...(await timeJoins(task.endpoint, want, task.repeats)), updateBytes, seedMs };
}

export async function timeJoins(endpoint: Endpoint, want: { cards: number; links: number }, repeats: number): Promise<JoinTimes> {
  const times: number[] = [];
  const answered: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    const client = new BenchClient(endpoint);
    await withTimeout(client.synced, 60_000, 'joining client did not sync');
    const elapsed = performance.now() - start;
    answered.push((client.answerReceivedAt ?? NaN) - start);
    const got = counts(client.board);
    client.close();
    if (got.cards !== want.cards || got.links !== want.links) {
      throw new Error(`a joining client got ${got.cards} cards and ${got.links} links, not ${want.cards} and ${want.links}`);
    }
    times.push(elapsed);
    await sleep(100);
  }
  return { times, answered };
}

/** Opens each board, writes a few cards, closes it; `parallel` at a time. */
export async function openAndClose(endpoints: Endpoint[], cardsEach: number, parallel = 10): Promise<void> {
  for (let i = 0; i < endpoints.length; i += parallel) {
    await Promise.all(
      endpoints.slice(i, i + parallel).map(async (endpoint) => {
        const client = new BenchClient(endpoint, presenceOf(i));
        await withTimeout(client.synced, 30_000, 'board did not open');
        fillBoard(client.board, cardsEach, 0);
        await client.flushed();
        await sleep(20);
        client.close();
      }),
    );
  }
}

/** Loads boards of `cards` cards each and keeps one client on each, so the server keeps them loaded. */
export async function loadBoards(endpoints: Endpoint[], cards: number, keep: BenchClient[]): Promise<void> {
  for (const endpoint of endpoints) {
    const client = (await connectAll([endpoint]))[0]!;
    keep.push(client);
    fillBoard(client.board, cards, 0);
    await client.flushed();
  }
}
