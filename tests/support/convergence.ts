import { isDeepStrictEqual } from 'node:util';
import type { CreatedBoard } from './api';
import { randomContentEdit, randomControlEdit } from './editing';
import type { ServerProcess } from './server';
import { joinBoard, replicaExport, replicaState, runSeed, seededRandom, serverExport, sleep, until, type BoardClient, type ReplicaState } from './sync';

/**
 * Issue 11, case 3: editors (stock clients) edit one board at random for a bounded time, deletes
 * included, with random disconnects and one SIGKILL + restart of a server process; then every
 * replica, a fresh client and the restarted server must hold the same two documents, and no
 * client may have been refused.
 */
export interface ConvergenceRun {
  /** The server processes the clients spread over (one, or two instances sharing a board). */
  servers: readonly ServerProcess[];
  board: CreatedBoard;
  editors: number;
  durationMs: number;
  seed?: number;
}

export interface ConvergenceOutcome {
  seed: number;
  ops: Record<string, number>;
  disconnects: number;
  refusals: { who: string; doc: string; code: number }[];
  /** Names of the replicas that differ from the fresh client at the end (empty: converged). */
  differing: string[];
  exportsEqual: boolean;
  cards: number;
}

/** Ops per editor per second (each a transaction, as one gesture in the web app is). */
const OPS_PER_S = 20;

/** CI runs a size that ends within a minute; CONVERGENCE_EDITORS / CONVERGENCE_MS make a longer one. */
export function convergenceSize(): { editors: number; durationMs: number } {
  return {
    editors: Number(process.env.CONVERGENCE_EDITORS ?? 8),
    durationMs: Number(process.env.CONVERGENCE_MS ?? 12_000),
  };
}

export async function runConvergence(run: ConvergenceRun): Promise<ConvergenceOutcome> {
  const seed = run.seed ?? runSeed();
  const random = seededRandom(seed);
  const { servers, board } = run;
  const serverOf = (i: number) => servers[i % servers.length]!;
  // The editors, and one facilitator who changes frames and the title (the control document).
  const editors = Array.from({ length: run.editors }, (_, i) => ({
    name: `editor ${i}`,
    who: { id: `editor-${i}`, name: `Editor ${i}` },
    client: joinBoard(serverOf(i).url, board.id, board.tokens.editor),
    random: seededRandom(Math.floor(random() * 2 ** 31)),
    offlineUntil: 0,
  }));
  const facilitator = {
    name: 'facilitator',
    client: joinBoard(serverOf(run.editors).url, board.id, board.tokens.facilitator),
    random: seededRandom(Math.floor(random() * 2 ** 31)),
  };
  const everyone: { name: string; client: BoardClient }[] = [...editors, facilitator];
  const ops: Record<string, number> = {};
  let disconnects = 0;
  const count = (op: string) => (ops[op] = (ops[op] ?? 0) + 1);
  try {
    await Promise.all(everyone.map(({ client }) => client.synced));
    const started = Date.now();
    const killAt = started + run.durationMs / 2;
    let restarting: Promise<void> | null = null;
    const victim = servers[servers.length - 1]!;
    // Bounded: ends at durationMs whatever happens.
    while (Date.now() - started < run.durationMs) {
      const now = Date.now();
      for (const editor of editors) {
        if (editor.offlineUntil > 0 && now >= editor.offlineUntil) {
          editor.offlineUntil = 0;
          editor.client.connect();
        } else if (editor.offlineUntil === 0 && editor.random() < 0.01) {
          // Offline for 0.2-2 s, editing all the while.
          editor.offlineUntil = now + 200 + Math.floor(editor.random() * 1800);
          editor.client.disconnect();
          disconnects += 1;
        }
        count(randomContentEdit(editor.client.board, editor.random, editor.who));
      }
      if (facilitator.random() < 0.25) count(randomControlEdit(facilitator.client.board, facilitator.random));
      if (!restarting && now >= killAt) {
        // The crash happens while everyone keeps editing: killed and restarted in the background.
        restarting = victim.kill('SIGKILL').then(async () => {
          await sleep(200);
          await victim.restart();
        });
      }
      await sleep(1000 / OPS_PER_S);
    }
    for (const editor of editors) {
      if (editor.offlineUntil > 0) editor.client.connect();
    }
    await restarting;

    // Everyone online and synced, and every replica the same: equal state vectors and contents.
    const key = (state: ReplicaState) => JSON.stringify(state);
    await until(
      () => everyone.every(({ client }) => client.isSynced()) && new Set(everyone.map(({ client }) => key(replicaState(client.board)))).size === 1,
      `every replica to converge (seed ${seed})`,
      45_000,
      100,
    ).catch(() => undefined);

    // A fresh client on each server process, after the restart, is what the server holds.
    const fresh = servers.map((server) => joinBoard(server.url, board.id, board.tokens.viewer));
    try {
      await Promise.all(fresh.map((client) => client.synced));
      await until(
        () => fresh.every((client) => key(replicaState(client.board)) === key(replicaState(everyone[0]!.client.board))),
        `the fresh clients to match (seed ${seed})`,
        10_000,
        100,
      ).catch(() => undefined);
      const reference = replicaState(fresh[0]!.board);
      const want = key(reference);
      const differing = [...everyone, ...fresh.map((client, i) => ({ name: `fresh client on server ${i}`, client: { board: client.board } }))]
        .filter(({ client }) => key(replicaState(client.board)) !== want)
        .map(({ name, client }) => `${name}: ${difference(replicaState(client.board), reference)}`);
      const exports = await Promise.all(servers.map((server) => serverExport(server.url, board.id, board.tokens.viewer)));
      const replica = replicaExport(fresh[0]!.board);
      const exportsEqual = exports.every((exported) => isDeepStrictEqual(exported, replica));
      const refusals = everyone.flatMap(({ name, client }) => client.refusals().map((refusal) => ({ who: name, ...refusal })));
      return { seed, ops, disconnects, refusals, differing, exportsEqual, cards: replicaExport(fresh[0]!.board).cards.length };
    } finally {
      for (const client of fresh) client.destroy();
    }
  } finally {
    for (const { client } of everyone) client.destroy();
  }
}

/** Where a replica's state differs from the reference, in a few words. */
function difference(state: ReplicaState, reference: ReplicaState): string {
  const parts: string[] = [];
  for (const doc of ['content', 'control'] as const) {
    if (state.pending[doc] !== reference.pending[doc]) parts.push(`${doc} pending ${state.pending[doc]} vs ${reference.pending[doc]}`);
    if (state.vectors[doc] !== reference.vectors[doc]) {
      const mine = new Map(state.vectors[doc].split(',').map((entry) => entry.split(':') as [string, string]));
      const theirs = new Map(reference.vectors[doc].split(',').map((entry) => entry.split(':') as [string, string]));
      const clients = new Set([...mine.keys(), ...theirs.keys()]);
      const diff = [...clients]
        .filter((client) => mine.get(client) !== theirs.get(client))
        .map((client) => `${client}: ${mine.get(client) ?? '-'} vs ${theirs.get(client) ?? '-'}`);
      parts.push(`${doc} vector ${diff.join(' ')}`);
    }
    for (const [name, value] of Object.entries(state.json[doc])) {
      if (JSON.stringify(value) !== JSON.stringify(reference.json[doc][name]))
        parts.push(`${doc}.${name} differs: ${entriesThatDiffer(value, reference.json[doc][name])}`);
    }
  }
  return parts.join('; ') || 'same';
}

/** The first few keys of two maps (as JSON) whose values differ, with both values: what a failure needs to be traced. */
function entriesThatDiffer(mine: unknown, theirs: unknown): string {
  const a = (mine ?? {}) as Record<string, unknown>;
  const b = (theirs ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((key) => JSON.stringify(a[key]) !== JSON.stringify(b[key]));
  const shown = keys.slice(0, 3).map((key) => `${key}: ${JSON.stringify(a[key] ?? null).slice(0, 300)} vs ${JSON.stringify(b[key] ?? null).slice(0, 300)}`);
  return `${keys.length} keys (${shown.join('; ')})`;
}
