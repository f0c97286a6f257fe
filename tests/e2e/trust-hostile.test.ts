import { afterAll, beforeAll, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, cardText, deleteCards, linkCards, MAX_PENDING_BYTES, moveCardsBy, readCards, setVote, type BoardDocs } from '@benchlearn/shared';
import { openStorage, type Storage } from '../../server/src/storage';
import { createBoard, type CreatedBoard } from '../support/api';
import { onBothDeployments, type Setup } from '../support/cluster';
import { copyBoard } from '../support/editing';
import { closedWithin, joinerDownload, pendingOnlyUpdate, rawSocket, syncStep1Message, updateMessage, type RawClient } from '../support/raw';
import { ServerProcess } from '../support/server';
import { joinBoard, runSeed, seededRandom, sleep, until, type BoardClient } from '../support/sync';

/**
 * The seed of the bit-flip run unless E2E_SEED is set. This one (like 1256746555) once left an
 * altered struct pending that threw when an honest update made it placeable, so the honest
 * writer was refused: pending content is now kept apart (docs/protocol.md).
 */
const FLIP_SEED = 190439419;

/**
 * Issue 11, cases 4 and 5, against a real server process on SQLite and against two instances
 * sharing PostgreSQL and Redis: updates no honest client sends cost the sender its socket,
 * never the process (either of them), the board or anyone else's work. The hostile updates
 * always go to the first instance (`servers[0]`); on two, the honest clients are on both.
 */

/** The 13-byte update that overflowed the stack in the old rights check: one item whose origin is its own id. */
const CRASHER = Uint8Array.from(Buffer.from('00020a01010500840500017800', 'hex'));
/** What an editor's socket may be closed with for a message the server will not take (contract §3). */
const REFUSED = [4400, 4413, 1009];

async function healthy(server: ServerProcess): Promise<boolean> {
  if (server.crash) return false;
  try {
    return (await fetch(`${server.url}/healthz`)).ok;
  } catch {
    return false;
  }
}

/** Every server process of the setup is up and answers. */
async function allHealthy(setup: Setup): Promise<boolean> {
  return (await Promise.all(setup.servers.map(healthy))).every(Boolean);
}

/** The instance the hostile updates do not go to (the same one when there is one). */
const other = (setup: Setup): ServerProcess => setup.servers[setup.servers.length - 1]!;

/** Another editor keeps working: a card written by `writer` reaches `reader` through the server. */
async function stillEditing(writer: BoardClient, reader: BoardClient, text: string): Promise<void> {
  addCard(writer.board, { kind: 'note', x: 0, y: 0, text, authorId: 'w', authorName: 'Writer' });
  await until(() => readCards(reader.board).some((card) => card.text === text), `"${text}" to reach the other client`, 10_000);
}

/** A fresh client on every instance joins the board and sees `text`, written by an honest editor. */
async function freshClientsSee(setup: Setup, board: CreatedBoard, text: string): Promise<void> {
  for (const [s, server] of setup.servers.entries()) {
    const late = joinBoard(server.url, board.id, board.tokens.viewer);
    try {
      await late.synced;
      expect(
        readCards(late.board).map((card) => card.text),
        `a fresh client on instance ${s}`,
      ).toContain(text);
    } finally {
      late.destroy();
    }
  }
}

await onBothDeployments('trust-hostile', 'hostile and broken updates (issue 11, case 4)', (setup) => {
  let server: ServerProcess;
  let board: CreatedBoard;
  /** An editor on the other instance: it keeps editing while the first is attacked. */
  let writer: BoardClient;
  /** A viewer on the attacked instance: the writer's edits reach it through both. */
  let reader: BoardClient;

  beforeAll(async () => {
    server = setup().servers[0];
    board = await createBoard(server.url, { title: 'Hostile updates', template: 'benchlearning', locale: 'en' });
    writer = joinBoard(other(setup()).url, board.id, board.tokens.editor);
    reader = joinBoard(server.url, board.id, board.tokens.viewer);
    await Promise.all([writer.synced, reader.synced]);
  });

  afterAll(() => {
    writer?.destroy();
    reader?.destroy();
  });

  it('the 13-byte update from an editor costs at most that socket; the process and the board go on', async () => {
    const socket = rawSocket(server.url, board.id, board.tokens.editor);
    await socket.opened;
    socket.ws.send(updateMessage(CRASHER));
    const closed = await closedWithin(socket, 2000);
    if (closed) expect(REFUSED).toContain(closed.code);
    else socket.ws.close();
    expect(await allHealthy(setup())).toBe(true);
    await stillEditing(writer, reader, 'after the 13 bytes');
    expect(writer.refusals()).toEqual([]);
    await freshClientsSee(setup(), board, 'after the 13 bytes');
  });

  it('600 bit-flipped honest updates: each closed or accepted, never the process', async () => {
    // Pinned (E2E_SEED picks another).
    const seed = process.env.E2E_SEED ? runSeed() : FLIP_SEED;
    const random = seededRandom(seed);
    const honest = honestUpdates(writer.board, random);
    const closes: number[] = [];
    let opened = 0;
    let socket: RawClient | null = null;
    const open = async () => {
      const next = rawSocket(server.url, board.id, board.tokens.editor);
      opened += 1;
      void next.closed.then(({ code }) => {
        if (next !== socket || !closingOurselves) closes.push(code);
      });
      await next.opened;
      return next;
    };
    let closingOurselves = false;
    try {
      for (let i = 0; i < 600; i++) {
        const original = honest[Math.floor(random() * honest.length)]!;
        const mutated = flipBits(original, 1 + Math.floor(random() * 3), random);
        if (!socket || socket.ws.readyState !== 1) socket = await open();
        const answers = socket.received.length;
        socket.ws.send(updateMessage(mutated));
        // A step 1 behind it paces the run: its answer comes once the update before it was read.
        socket.ws.send(syncStep1Message(Y.encodeStateVector(writer.board.content)));
        const deadline = Date.now() + 5000;
        while (socket.ws.readyState === 1 && socket.received.length === answers && Date.now() < deadline) await sleep(2);
        if (i % 100 === 99) {
          for (const [s, each] of setup().servers.entries()) {
            if (!(await healthy(each))) throw new Error(`seed ${seed}: instance ${s} died by update ${i}: ${each.crash}\n${each.logs.slice(-2000)}`);
          }
          await stillEditing(writer, reader, `after ${i + 1} flipped updates`).catch((error: Error) => {
            throw new Error(`seed ${seed}: ${error.message}`);
          });
        }
      }
    } finally {
      closingOurselves = true;
      socket?.ws.close();
    }
    const outcomes: Record<string, number> = {};
    for (const code of closes) outcomes[code] = (outcomes[code] ?? 0) + 1;
    outcomes.accepted = 600 - closes.length;
    expect(
      closes.filter((code) => !REFUSED.includes(code)),
      `seed ${seed}: close codes ${JSON.stringify(outcomes)}`,
    ).toEqual([]);
    expect(opened).toBeGreaterThan(0);
    console.log(`[trust-hostile] seed ${seed}: outcomes of 600 flipped updates ${JSON.stringify(outcomes)}`);
    expect(await allHealthy(setup()), `seed ${seed}`).toBe(true);
    await stillEditing(writer, reader, 'after the flipped updates');
    expect(writer.refusals(), `seed ${seed}`).toEqual([]);
    // A fresh client on any instance still joins the board and sees what the honest ones wrote.
    await freshClientsSee(setup(), board, 'after the flipped updates');
  });
});

/**
 * Honest updates of every kind an editor makes (cards, text, moves, links, votes, deletes), as
 * a local replica of the board would send them, relative to what the server has: made on a
 * copy of the writer's board, never sent as they are.
 */
function honestUpdates(source: BoardDocs, random: () => number): Uint8Array[] {
  const copy = copyBoard(source);
  const updates: Uint8Array[] = [];
  copy.content.on('update', (update: Uint8Array) => updates.push(update));
  const who = { authorId: 'fuzz', authorName: 'Fuzz' };
  const lesson = addCard(copy, { kind: 'lesson', x: 0, y: 0, text: 'A lesson', ...who });
  const ids = [lesson];
  for (let i = 0; i < 40; i++) {
    const pick = ids[Math.floor(random() * ids.length)]!;
    switch (i % 6) {
      case 0:
        ids.push(addCard(copy, { kind: 'success', x: i * 10, y: 0, text: `card ${i}`, ...who }));
        break;
      case 1:
        cardText(copy, pick)?.insert(0, `typed ${i} `);
        break;
      case 2:
        moveCardsBy(copy, [pick], 5, 7);
        break;
      case 3:
        linkCards(copy, pick, lesson, 'fuzz');
        break;
      case 4:
        setVote(copy, pick, 'fuzz', 1 + (i % 3));
        break;
      default:
        if (pick !== lesson) {
          deleteCards(copy, [pick]);
          ids.splice(ids.indexOf(pick), 1);
        }
    }
  }
  copy.content.destroy();
  copy.control.destroy();
  return updates;
}

function flipBits(update: Uint8Array, flips: number, random: () => number): Uint8Array {
  const out = Uint8Array.from(update);
  for (let i = 0; i < flips; i++) {
    const at = Math.floor(random() * out.length);
    out[at]! ^= 1 << Math.floor(random() * 8);
  }
  return out;
}

/**
 * The 6 updates of 6 MiB on SQLite; on two instances 3 of them, to keep CI short
 * (each is refused alike, so the count proves nothing more) — every assertion is the same.
 */
const bigUpdatesOn = (setup: Setup) => (setup.servers.length === 1 ? 6 : 3);

await onBothDeployments('trust-hostile', 'updates whose earlier part never arrives (issue 11, case 5)', (setup) => {
  let server: ServerProcess;
  let storage: Storage;
  let board: CreatedBoard;

  beforeAll(async () => {
    server = setup().servers[0];
    // The servers' own database, read beside them (SQLite in WAL mode takes readers while it writes).
    storage = await openStorage(setup().storage);
    board = await createBoard(server.url, { title: 'Pending structs', template: 'benchlearning', locale: 'en' });
  });

  afterAll(async () => {
    await storage?.close();
  });

  it('big ones are refused past the pending cap, nothing is stored, joiners on any instance download little, and a clean snapshot restores from either', async () => {
    const auth = { authorization: `Bearer ${board.tokens.facilitator}`, 'content-type': 'application/json' };
    // An honest card, and a named snapshot of the clean board.
    const honest = joinBoard(server.url, board.id, board.tokens.editor);
    await honest.synced;
    addCard(honest.board, { kind: 'lesson', x: 0, y: 0, text: 'Still here', authorId: 'h', authorName: 'Honest' });
    await until(async () => (await storage.boardBytes(board.id)) > 0 && (await cardCount()) === 1, 'the honest card to be stored');
    honest.destroy();
    const snap = await fetch(`${server.url}/api/boards/${board.id}/snapshots`, { method: 'POST', headers: auth, body: JSON.stringify({ name: 'clean' }) });
    expect(snap.status).toBe(201);
    const clean = (await snap.json()) as { id: string };

    // Small pieces first: some fit under the cap, and one past it is refused.
    const piece = Math.floor(MAX_PENDING_BYTES / 3);
    const pieceOutcomes: (number | 'accepted')[] = [];
    for (let i = 0; i < 5; i++) pieceOutcomes.push(await sendOnce(pendingOnlyUpdate(piece, i)));
    // Refused with 4413, as docs/protocol.md says for content past the pending cap.
    expect(pieceOutcomes.filter((outcome) => outcome !== 'accepted').length, JSON.stringify(pieceOutcomes)).toBeGreaterThan(0);
    expect(
      pieceOutcomes.every((outcome) => outcome === 'accepted' || outcome === 4413),
      JSON.stringify(pieceOutcomes),
    ).toBe(true);
    expect(pieceOutcomes.filter((outcome) => outcome === 'accepted').length * piece).toBeLessThanOrEqual(MAX_PENDING_BYTES);

    const storedBefore = await storage.boardBytes(board.id);
    const bigOutcomes: (number | 'accepted')[] = [];
    const bigUpdates = bigUpdatesOn(setup());
    for (let i = 0; i < bigUpdates; i++) bigOutcomes.push(await sendOnce(pendingOnlyUpdate(6 * 1024 * 1024, 100 + i)));
    expect(bigOutcomes, JSON.stringify(bigOutcomes)).toEqual(Array<number>(bigUpdates).fill(4413));
    expect(await allHealthy(setup())).toBe(true);
    expect(await storage.boardBytes(board.id)).toBe(storedBefore);

    // A joiner on any instance (on two: the other one too, which got what was relayed)
    // downloads the board and at most the pending bytes under the cap, not 36 MiB.
    for (const [s, each] of [...setup().servers].reverse().entries()) {
      const download = await downloadFrom(each);
      console.log(
        `[trust-hostile] pieces ${JSON.stringify(pieceOutcomes)}, 6 MiB updates ${JSON.stringify(bigOutcomes)}; a joiner downloads ${download} bytes (instance ${setup().servers.length - 1 - s})`,
      );
      expect(download).toBeLessThan(MAX_PENDING_BYTES + 256 * 1024);
    }

    // The clean snapshot restores in place, asked of the other instance (on two), and then a
    // joiner on any instance downloads the clean board only.
    const restored = await fetch(`${other(setup()).url}/api/boards/${board.id}/snapshots/${clean.id}/restore`, { method: 'POST', headers: auth, body: '{}' });
    expect(restored.status, await restored.clone().text()).toBe(200);
    for (const [s, each] of setup().servers.entries()) {
      const late = joinBoard(each.url, board.id, board.tokens.viewer);
      try {
        await late.synced;
        expect(
          readCards(late.board).map((card) => card.text),
          `a joiner on instance ${s}`,
        ).toEqual(['Still here']);
      } finally {
        late.destroy();
      }
      const afterRestore = await downloadFrom(each);
      console.log(`[trust-hostile] after the restore a joiner on instance ${s} downloads ${afterRestore} bytes`);
      expect(afterRestore).toBeLessThan(MAX_PENDING_BYTES + 256 * 1024);
    }
    // Stored: the clean board only (the restore replaced the rows); the room every server
    // loads from them after a crash sends a joiner the clean board.
    expect(await storage.boardBytes(board.id)).toBeLessThan(64 * 1024);
    for (const each of setup().servers) await each.kill('SIGKILL');
    for (const each of setup().servers) await each.restart();
    for (const [s, each] of setup().servers.entries()) {
      const reloaded = await downloadFrom(each);
      console.log(`[trust-hostile] once the board is loaded again a joiner on instance ${s} downloads ${reloaded} bytes`);
      expect(reloaded).toBeLessThan(64 * 1024);
    }
  });

  /** What a joiner of both documents downloads from one instance. */
  async function downloadFrom(each: ServerProcess): Promise<number> {
    return (
      (await joinerDownload(each.url, board.id, board.tokens.viewer, 'content')) + (await joinerDownload(each.url, board.id, board.tokens.viewer, 'control'))
    );
  }

  async function cardCount(): Promise<number> {
    const res = await fetch(`${server.url}/api/boards/${board.id}`, { headers: { authorization: `Bearer ${board.tokens.viewer}` } });
    const counts = ((await res.json()) as { counts: Record<string, number> }).counts;
    return counts.success! + counts.problem! + counts.lesson! + counts.note!;
  }

  /** One update on a fresh editor socket: the close code it got, or 'accepted' when the socket stayed open. */
  async function sendOnce(update: Uint8Array): Promise<number | 'accepted'> {
    const socket = rawSocket(server.url, board.id, board.tokens.editor);
    await socket.opened;
    const answers = socket.received.length;
    socket.ws.send(updateMessage(update));
    socket.ws.send(syncStep1Message());
    const deadline = Date.now() + 15_000;
    while (socket.ws.readyState === 1 && socket.received.length <= answers && Date.now() < deadline) await sleep(5);
    // The answer to the step 1 may come before the update's verdict: a 6 MiB update takes the
    // room 0.2-1 s to read on a busy 2-core machine, and committing takes a moment.
    const closed = await closedWithin(socket, 2500);
    if (!closed) {
      socket.ws.close();
      return 'accepted';
    }
    return closed.code;
  }
});
