// `cd tests && node --import tsx bench/library/library.ts [--entries=20000] [--queries=300] [--lessons=500]`
// The lessons library (issue 16): search p95 over a seeded library on SQLite (and PostgreSQL when
// it answers), each search as the route does it (the storage's ranked full-text query, then the
// marked snippets); and publishing a board of 500 linked lessons through the HTTP API, first and
// again (new versions). Targets: search p95 under 50 ms, publish under 2 s.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addCard, linkCards, newId, type LibraryEntryDraft } from '@benchlearn/shared';
import { snippetOf } from '../../../server/src/networks/highlight';
import { PostgresStorage } from '../../../server/src/storage/postgres';
import { SqliteStorage } from '../../../server/src/storage/sqlite';
import type { Storage } from '../../../server/src/storage/types';
import { adminQuery, postgresProblem, TEST_DATABASE_URL } from '../../../server/src/testing/services';
import { startServer } from '../../../server/src/testing/testkit';
import { summarize } from '../lib/stats';

const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const ENTRIES = arg('entries', 20_000);
const QUERIES = arg('queries', 300);
const LESSONS = arg('lessons', 500);

const WORDS = (
  'fietsen fiets school kinderen vrijwilligers vrijwilliger planning budget gemeente wijk buurt bewoners samenwerking ' +
  'communicatie vergadering subsidie jongeren ouderen zorg energie isolatie zonnepanelen warmte huurders woningen ' +
  'volunteers volunteer dropped dropping reserve list training trainers funding council neighbourhood residents ' +
  'meeting meetings newsletter partners partnership youth elderly care energy insulation solar heat tenants housing ' +
  'schedule deadline feedback survey workshop evaluation mentor mentoring children bicycle bicycles route routes'
).split(' ');

let seed = 42;
/** A fixed pseudo-random sequence: every run seeds the same library. */
function random(): number {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
}
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
const sentence = (words: number) => Array.from({ length: words }, () => pick(WORDS)).join(' ');
const ORGS = ['Zwolle', 'Delft', 'Utrecht', 'Gent', 'Leiden', 'Arnhem', 'Tilburg', 'Groningen'];
const TAGS = ['mobiliteit', 'energie', 'people', 'funding', 'zorg', 'wonen'];

function draft(i: number, boardId: string): LibraryEntryDraft {
  const org = pick(ORGS);
  return {
    lessonId: `lesson-${i}`,
    text: `${sentence(6 + Math.floor(random() * 8))} (${i})`,
    organisation: org,
    votes: Math.floor(random() * 10),
    evidence: Array.from({ length: 1 + Math.floor(random() * 3) }, () => ({
      kind: pick(['success', 'problem'] as const),
      text: sentence(8),
      organisation: pick(ORGS),
      votes: 1,
    })),
    organisations: [org],
    tags: [pick(TAGS)],
    boardId,
    boardTitle: `Board ${i % 400}`,
    language: random() < 0.5 ? 'nl' : 'en',
    publishedAt: Date.UTC(2026, 0, 1) + i * 60_000,
  };
}

async function searchBench(name: string, storage: Storage): Promise<string> {
  const networkId = newId();
  await storage.networks.createNetwork({ id: networkId, name: 'Bench', locale: 'nl', createdAt: 1, tokenHashes: { coordinator: 'c', member: 'm' } });
  const seeding = performance.now();
  for (let start = 0; start < ENTRIES; start += 500) {
    const drafts = Array.from({ length: Math.min(500, ENTRIES - start) }, (_, k) => draft(start + k, `board-${(start + k) % 400}`));
    await storage.networks.publish(networkId, drafts, newId);
  }
  const seeded = performance.now() - seeding;
  const times: number[] = [];
  let found = 0;
  for (let i = 0; i < QUERIES; i++) {
    const words = random() < 0.5 ? [pick(WORDS)] : [pick(WORDS), pick(WORDS)];
    // Queries as people type them: stems and prefixes, sometimes with a filter.
    const terms = words.map((word) => (random() < 0.3 ? word.slice(0, Math.max(4, word.length - 2)) : word));
    const filter = random() < 0.3 ? { organisation: pick(ORGS) } : random() < 0.3 ? { tag: pick(TAGS) } : {};
    const started = performance.now();
    const page = await storage.networks.search({ networkId, terms, limit: 20, offset: 0, ...filter });
    for (const entry of page.entries) snippetOf([entry.text, ...entry.evidence.map((item) => item.text)], terms);
    times.push(performance.now() - started);
    found += page.entries.length;
  }
  const s = summarize(times);
  return `| ${name} | ${ENTRIES} | ${(seeded / 1000).toFixed(1)} s | ${QUERIES} | ${s.p50.toFixed(1)} | ${s.p95.toFixed(1)} | ${s.max.toFixed(1)} | ${(found / QUERIES).toFixed(1)} |`;
}

async function publishBench(): Promise<string> {
  const server = await startServer({ publicUrl: 'http://127.0.0.1' });
  try {
    const network = (await server.app.inject({ method: 'POST', url: '/api/networks', payload: { name: 'Bench' } })).json<{
      id: string;
      tokens: { member: string };
    }>();
    const board = (
      await server.app.inject({
        method: 'POST',
        url: `/api/networks/${network.id}/boards`,
        headers: { authorization: `Bearer ${network.tokens.member}` },
        payload: { title: 'Big' },
      })
    ).json<{ id: string; tokens: { facilitator: string } }>();
    const result = await server.rooms.use(board.id, (loaded) =>
      loaded.submitChange((docs) => {
        for (let i = 0; i < LESSONS; i++) {
          const who = { authorId: `a${i % 20}`, authorName: `Author ${i % 20}` };
          const lesson = addCard(docs, { kind: 'lesson', x: (i % 40) * 260, y: Math.floor(i / 40) * 600, text: sentence(10), ...who });
          for (const kind of ['success', 'problem'] as const) {
            const card = addCard(docs, {
              kind,
              x: (i % 40) * 260,
              y: Math.floor(i / 40) * 600 + (kind === 'success' ? 180 : 360),
              text: sentence(12),
              org: pick(ORGS),
              ...who,
            });
            linkCards(docs, card, lesson, who.authorId);
          }
        }
      }),
    );
    if (result?.value !== 'applied') throw new Error(`could not fill the board: ${String(result?.value)}`);
    const rows: string[] = [];
    for (const round of ['first', 'again (version 2)']) {
      const started = performance.now();
      const response = await server.app.inject({
        method: 'POST',
        url: `/api/boards/${board.id}/publish`,
        headers: { authorization: `Bearer ${board.tokens.facilitator}` },
        payload: { tags: ['bench'] },
      });
      const ms = performance.now() - started;
      if (response.statusCode !== 201) throw new Error(`publish answered ${response.statusCode}: ${response.body}`);
      rows.push(`| publish ${LESSONS} lessons, ${round} | ${response.json<{ entries: unknown[] }>().entries.length} entries | ${ms.toFixed(0)} ms |`);
    }
    return rows.join('\n');
  } finally {
    await server.stop();
  }
}

const dir = mkdtempSync(join(tmpdir(), 'benchlearn-library-bench-'));
try {
  console.log('| database | entries | seeding | queries | p50 ms | p95 ms | max ms | hits/query |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  const sqlite = new SqliteStorage(dir);
  try {
    console.log(await searchBench('SQLite (FTS5)', sqlite));
  } finally {
    await sqlite.close();
  }
  const unreachable = process.env.BENCH_NO_PG ? 'BENCH_NO_PG' : await postgresProblem();
  if (unreachable) console.log(`| PostgreSQL | skipped: ${unreachable} |`);
  else {
    const schema = `benchlearn_libbench_${randomBytes(6).toString('hex')}`;
    const postgres = await PostgresStorage.open({ connectionString: TEST_DATABASE_URL, schema });
    try {
      console.log(await searchBench('PostgreSQL (tsvector)', postgres));
    } finally {
      await postgres.close();
      await adminQuery(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    }
  }
  console.log('');
  console.log('| what | answer | time |');
  console.log('| --- | --- | --- |');
  console.log(await publishBench());
} finally {
  rmSync(dir, { recursive: true, force: true });
}
