/** Seeded hostile updates for the fuzz tests (server/src/rooms/fuzz.test.ts): honest ones, and mutations of them. */
import * as Y from 'yjs';
import { addCard, deleteCards, linkCards, newBoardDocs, replaceCardText, setCardBounds, setVote, type BoardDocs } from '@benchlearn/shared';

/** The 13-byte update of issue 11, case 4: one item whose origin is its own id. */
export const SELF_ORIGIN = Uint8Array.from(Buffer.from('00020a01010500840500017800', 'hex'));

/** mulberry32: a small seeded generator, so a failing run can be run again. */
export function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Honest content updates: what editors' clients send (cards, text, moves, links, votes, deletes), from several authors. */
export function honestUpdates(random: () => number): Uint8Array[] {
  const updates: Uint8Array[] = [];
  // Client ids, card ids and times from the seed: the same seed makes the same updates.
  const authors: BoardDocs[] = [newBoardDocs(), newBoardDocs(), newBoardDocs()];
  authors.forEach((author, i) => (author.content.clientID = 1000 + i + Math.floor(random() * 1_000_000)));
  let ids = 0;
  const nextId = () => `fuzzcard${String(ids++).padStart(13, '0')}`;
  const record = (author: BoardDocs, change: () => void) => {
    const before = Y.encodeStateVector(author.content);
    change();
    updates.push(Y.encodeStateAsUpdate(author.content, before));
  };
  const cards: string[][] = authors.map(() => []);
  for (let round = 0; round < 40; round++) {
    authors.forEach((author, i) => {
      const own = cards[i]!;
      const pick = random();
      if (pick < 0.35 || own.length < 2) {
        record(author, () =>
          own.push(
            addCard(
              author,
              { kind: random() < 0.5 ? 'lesson' : 'success', x: round, y: i, text: `card ${round}`, authorId: `a${i}`, authorName: 'A' },
              nextId(),
              round,
            ),
          ),
        );
      } else if (pick < 0.55) record(author, () => replaceCardText(author, own[0]!, `edited ${round} `.repeat(1 + Math.floor(random() * 5))));
      else if (pick < 0.7) record(author, () => setCardBounds(author, [{ id: own[own.length - 1]!, x: round * 3, y: round }]));
      else if (pick < 0.8) record(author, () => linkCards(author, own[own.length - 1]!, own[0]!, `a${i}`, round));
      else if (pick < 0.9) record(author, () => setVote(author, own[0]!, `v${round}`, 1));
      else record(author, () => deleteCards(author, [own.pop()!]));
    });
    // Authors sync now and then, so later updates build on each other's items (and deletions).
    if (round % 7 === 6) {
      for (const a of authors) for (const b of authors) Y.applyUpdate(b.content, Y.encodeStateAsUpdate(a.content, Y.encodeStateVector(b.content)));
    }
  }
  return updates;
}

/** One hostile update: a mutation of honest ones, or random bytes. */
export function mutant(random: () => number, honest: readonly Uint8Array[]): Uint8Array {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const base = pick(honest);
  const kind = random();
  if (kind < 0.35) {
    // Bit flips.
    const copy = Uint8Array.from(base);
    const flips = 1 + Math.floor(random() * 3);
    for (let i = 0; i < flips; i++) copy[Math.floor(random() * copy.length)]! ^= 1 << Math.floor(random() * 8);
    return copy;
  }
  if (kind < 0.5) return base.slice(0, Math.floor(random() * base.length));
  if (kind < 0.65) {
    // A splice of two honest updates.
    const other = pick(honest);
    const cut = Math.floor(random() * base.length);
    return Uint8Array.from([...base.subarray(0, cut), ...other.subarray(Math.floor(random() * other.length))]);
  }
  if (kind < 0.75) {
    // A byte set to a varint edge (lengths, clocks, client ids that lie).
    const copy = Uint8Array.from(base);
    copy[Math.floor(random() * copy.length)] = pick([0x00, 0x7f, 0x80, 0xff]);
    return copy;
  }
  if (kind < 0.85) return Uint8Array.from({ length: Math.floor(random() * 48) }, () => Math.floor(random() * 256));
  if (kind < 0.9) return SELF_ORIGIN;
  // Random bytes behind a plausible start (one client block, one struct).
  return Uint8Array.from([1, 1, ...Array.from({ length: 4 + Math.floor(random() * 40) }, () => Math.floor(random() * 256))]);
}
