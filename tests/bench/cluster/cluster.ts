// `cd tests && node --import tsx bench/cluster/cluster.ts [--updates=300] [--runs=3]`
// How long an update takes to reach a client on ANOTHER server instance (REDIS_URL, docs/cluster.md)
// against one on the same instance: two server processes sharing PostgreSQL and Redis on
// 127.0.0.1, a y-websocket client writing a card every 5 ms on instance one, a client on each
// instance timing when each card arrives. Needs PostgreSQL and Redis (TEST_DATABASE_URL,
// TEST_REDIS_URL; defaults as the tests use them).
import { loadavg } from 'node:os';
import { addCard, readCards, type BoardDocs } from '@benchlearn/shared';
import { createBoard } from '../../support/api';
import { servicesProblem, startTwoInstances, syncClient, type TwoInstances } from '../../support/cluster';
import { fmt, summarize } from '../lib/stats';

const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const updates = arg('updates', 300);
const runs = arg('runs', 3);

async function measure({ one, two }: TwoInstances): Promise<{ far: number[]; near: number[] }> {
  const board = await createBoard(one.url, { title: 'Cluster bench', template: 'blank', locale: 'en' });
  const writer = syncClient(one, board, board.tokens.editor);
  const far = syncClient(two, board, board.tokens.viewer);
  const near = syncClient(one, board, board.tokens.viewer);
  const sentAt = new Map<string, number>();
  const delays = { far: [] as number[], near: [] as number[] };
  const watch = (board: BoardDocs, into: number[]) => {
    const seen = new Set<string>();
    board.content.on('update', () => {
      for (const card of readCards(board)) {
        if (seen.has(card.text)) continue;
        seen.add(card.text);
        into.push(performance.now() - sentAt.get(card.text)!);
      }
    });
  };
  try {
    await Promise.all([writer.synced, far.synced, near.synced]);
    watch(far.board, delays.far);
    watch(near.board, delays.near);
    for (let i = 0; i < updates; i++) {
      const text = `update ${i}`;
      sentAt.set(text, performance.now());
      addCard(writer.board, { kind: 'note', x: i, y: 0, text, authorId: 'w', authorName: 'W' });
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    // Bounded: 20 s for the last ones to arrive.
    const deadline = Date.now() + 20_000;
    while ((delays.far.length < updates || delays.near.length < updates) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    return delays;
  } finally {
    for (const client of [writer, far, near]) client.destroy();
  }
}

const problem = await servicesProblem();
if (problem) {
  console.error(`cluster bench needs PostgreSQL and Redis: ${problem}`);
  process.exit(1);
}
console.log(
  `Cluster: ${updates} card updates from a client on instance one, one every 5 ms, ${runs} runs; load average ${loadavg()
    .map((v) => v.toFixed(2))
    .join(' ')}`,
);
console.log('');
console.log('| run | client on instance two: p50 / p95 / p99 / max ms | client on instance one: p50 / p95 / p99 / max ms | arrived |');
console.log('| --- | ---: | ---: | ---: |');
const instances = await startTwoInstances();
try {
  for (let run = 1; run <= runs; run++) {
    const { far, near } = await measure(instances);
    const row = (values: number[]) => {
      const s = summarize(values);
      return `${fmt(s.p50)} / ${fmt(s.p95)} / ${fmt(s.p99)} / ${fmt(s.max)}`;
    };
    console.log(`| ${run} | ${row(far)} | ${row(near)} | ${far.length} / ${near.length} of ${updates} |`);
  }
} finally {
  await instances.stop();
}
