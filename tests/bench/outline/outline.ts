// `cd tests && node --import tsx bench/outline/outline.ts`
// How long the outline takes to read a 5,000-card, 2,000-link board after one card moved (what
// every remote edit costs the page, spaced by client/src/outline/readSchedule.ts): the
// OutlineReader as the outline uses it, in Node.
import { addCard, moveCardsBy, linkCards, newBoardDocs } from '@benchlearn/shared';
import { BoardStore } from '../../../client/src/editor/boardStore';
import { OutlineReader } from '../../../client/src/outline/reader';
const doc = newBoardDocs();
// The editor's read model, as the page has it: the outline re-sorts what its change feed touched.
const store = new BoardStore(doc);
store.start();
const reader = new OutlineReader(store);
store.subscribeChanges((cards) => reader.noteChanges(cards));
const kinds = ['success', 'problem', 'note', 'lesson'] as const;
const ids: string[] = [];
const lessons: string[] = [];
for (let i = 0; i < 5000; i++) {
  const id = addCard(doc, { kind: kinds[i % 4]!, x: (i % 71) * 260, y: Math.floor(i / 71) * 180, text: `Card ${i}`, authorId: 'a', authorName: 'A' });
  ids.push(id);
  if (i % 4 === 3) lessons.push(id);
}
for (let i = 0, made = 0; i < ids.length && made < 2000; i++) {
  if (i % 4 === 3) continue;
  if (linkCards(doc, ids[i]!, lessons[Math.min(lessons.length - 1, Math.floor(i / 4))]!, 'a').ok) made++;
}
reader.read();
const times: number[] = [];
for (let i = 0; i < 300; i++) {
  moveCardsBy(doc, [ids[(i * 37) % ids.length]!], 3, 2);
  const t = performance.now();
  reader.read();
  times.push(performance.now() - t);
}
times.sort((a, b) => a - b);
console.log('outline read after one move, 5,000 cards and 2,000 links, 300 reads: p50', times[150]!.toFixed(2), 'ms, p90', times[270]!.toFixed(2), 'ms');
