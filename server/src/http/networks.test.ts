import { randomBytes } from 'node:crypto';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCard, linkCards, setAnonymous, type BoardDocs } from '@benchlearn/shared';
import { PostgresStorage } from '../storage/postgres';
import { fillStoredBoard } from '../testing/boards';
import { adminQuery, postgresProblem, TEST_DATABASE_URL } from '../testing/services';
import { createBoard, startServer, type TestServer } from '../testing/testkit';

/** One server at a time: each database's describe block below starts its own. */
let server: TestServer;
const settings = { publicUrl: 'https://bench.example', allowedOrigins: ['https://bench.example'] };

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

interface CreatedNetwork {
  id: string;
  name: string;
  tokens: { coordinator: string; member: string };
  links: { coordinator: string; member: string };
}

async function createNetwork(body: object = { name: 'SPARK' }): Promise<CreatedNetwork> {
  const response = await server.app.inject({ method: 'POST', url: '/api/networks', payload: body });
  expect(response.statusCode).toBe(201);
  return response.json<CreatedNetwork>();
}

async function networkBoard(network: CreatedNetwork, body: object = { title: 'Zwolle, maart' }) {
  const response = await server.app.inject({
    method: 'POST',
    url: `/api/networks/${network.id}/boards`,
    headers: bearer(network.tokens.member),
    payload: body,
  });
  expect(response.statusCode).toBe(201);
  return response.json<{ id: string; title: string; tokens: { facilitator: string; editor: string; viewer: string } }>();
}

/** Writes to a stored board as a server change, as people's edits are stored. */
async function change(boardId: string, write: (docs: BoardDocs) => void): Promise<void> {
  const result = await server.rooms.use(boardId, (board) => board.submitChange(write));
  expect(result?.value).toBe('applied');
}

interface AtomEntry {
  title: string;
  updated: string;
  category: { '@_term': string }[];
  content: { '#text': string; '@_type': string };
}

/** An Atom feed parsed by a real XML parser: entities decoded, repeatable elements always arrays. */
function readAtom(body: string): { '@_xmlns': string; title: string; link: { '@_rel': string }[]; entry: AtomEntry[] } {
  const parser = new XMLParser({ ignoreAttributes: false, parseTagValue: false, isArray: (name) => ['entry', 'link', 'category'].includes(name) });
  return parser.parse(body).feed;
}

/** Every route, role and bad input, on one database. */
function apiSuite(name: string, start: () => Promise<TestServer>): void {
  describe(`networks and the library (${name})`, () => {
    beforeAll(async () => {
      server = await start();
    });
    afterAll(() => server.stop());

    describe('networks', () => {
      it('creates a network with two tokens and links to its page; only hashes are stored', async () => {
        const network = await createNetwork({ name: '  SPARK  ', locale: 'nl' });
        expect(network.name).toBe('SPARK');
        expect(network.tokens.coordinator).not.toBe(network.tokens.member);
        expect(network.links.member).toBe(`https://bench.example/n/${network.id}#token=${network.tokens.member}`);
        const stored = await server.storage.networks.getNetwork(network.id);
        expect(JSON.stringify(stored)).not.toContain(network.tokens.member);
        expect(stored?.locale).toBe('nl');
      });

      it('refuses bad bodies, unknown networks and wrong tokens in the usual error shape', async () => {
        for (const payload of [{}, { name: '   ' }, { name: 'x', locale: 'fr' }]) {
          const response = await server.app.inject({ method: 'POST', url: '/api/networks', payload });
          expect(response.statusCode).toBe(400);
          expect(response.json().error.code).toBe('invalid_input');
        }
        const network = await createNetwork();
        expect((await server.app.inject({ method: 'GET', url: '/api/networks/nope', headers: bearer(network.tokens.member) })).statusCode).toBe(404);
        const none = await server.app.inject({ method: 'GET', url: `/api/networks/${network.id}` });
        expect(none.statusCode).toBe(401);
        expect(none.json().error.code).toBe('unauthorized');
        expect((await server.app.inject({ method: 'GET', url: `/api/networks/${network.id}`, headers: bearer('wrong') })).statusCode).toBe(401);
      });

      it('creates boards in a network (member) and lists them with their counts and the library size', async () => {
        const network = await createNetwork({ name: 'SPARK', locale: 'nl' });
        const board = await networkBoard(network, { title: 'Zwolle, maart', template: 'retrospective' });
        expect(board.title).toBe('Zwolle, maart');
        await fillStoredBoard(server, board.id);
        for (const token of [network.tokens.member, network.tokens.coordinator]) {
          const response = await server.app.inject({ method: 'GET', url: `/api/networks/${network.id}`, headers: bearer(token) });
          expect(response.statusCode).toBe(200);
          const view = response.json();
          expect(view).toMatchObject({ id: network.id, name: 'SPARK', locale: 'nl', entries: 0 });
          expect(view.role).toBe(token === network.tokens.member ? 'member' : 'coordinator');
          expect(view.boards).toHaveLength(1);
          expect(view.boards[0]).toMatchObject({ id: board.id, title: 'Zwolle, maart', counts: { lesson: 1, success: 1, problem: 1, note: 1, links: 2 } });
        }
        // The board's own link works as any board's.
        const boardView = await server.app.inject({ method: 'GET', url: `/api/boards/${board.id}`, headers: bearer(board.tokens.facilitator) });
        expect(boardView.json().role).toBe('facilitator');
        const bad = await server.app.inject({ method: 'POST', url: `/api/networks/${network.id}/boards`, headers: bearer(network.tokens.member), payload: {} });
        expect(bad.statusCode).toBe(400);
        const noToken = await server.app.inject({ method: 'POST', url: `/api/networks/${network.id}/boards`, payload: { title: 'x' } });
        expect(noToken.statusCode).toBe(401);
      });

      it('rotates a token (coordinator only): the old one stops working', async () => {
        const network = await createNetwork();
        const asMember = await server.app.inject({
          method: 'POST',
          url: `/api/networks/${network.id}/tokens/member/rotate`,
          headers: bearer(network.tokens.member),
        });
        expect(asMember.statusCode).toBe(403);
        const rotated = await server.app.inject({
          method: 'POST',
          url: `/api/networks/${network.id}/tokens/member/rotate`,
          headers: bearer(network.tokens.coordinator),
        });
        expect(rotated.statusCode).toBe(200);
        const { token, link } = rotated.json<{ token: string; link: string }>();
        expect(link).toBe(`https://bench.example/n/${network.id}#token=${token}`);
        expect((await server.app.inject({ method: 'GET', url: `/api/networks/${network.id}`, headers: bearer(network.tokens.member) })).statusCode).toBe(401);
        expect((await server.app.inject({ method: 'GET', url: `/api/networks/${network.id}`, headers: bearer(token) })).statusCode).toBe(200);
        const badRole = await server.app.inject({
          method: 'POST',
          url: `/api/networks/${network.id}/tokens/viewer/rotate`,
          headers: bearer(network.tokens.coordinator),
        });
        expect(badRole.statusCode).toBe(400);
      });
    });

    describe('publish and withdraw', () => {
      it('publishes every linked lesson with its evidence, names and tags; again makes a new version', async () => {
        const network = await createNetwork();
        const board = await networkBoard(network);
        const filled = await fillStoredBoard(server, board.id);
        let unlinked = '';
        await change(board.id, (docs) => {
          unlinked = addCard(docs, { kind: 'lesson', x: 1700, y: 400, text: 'Nobody backs this up', authorId: 'u', authorName: 'U' });
        });
        const url = `/api/boards/${board.id}/publish`;
        const first = await server.app.inject({ method: 'POST', url, headers: bearer(board.tokens.facilitator), payload: { tags: [' Planning '] } });
        expect(first.statusCode).toBe(201);
        const [entry] = first.json<{ entries: { id: string; version: number }[] }>().entries;
        expect(first.json().entries).toHaveLength(1);
        expect(entry?.version).toBe(1);
        const stored = await server.storage.networks.getEntry(network.id, entry?.id ?? '');
        expect(stored).toMatchObject({
          lessonId: filled.lesson,
          text: 'Share the backlog early',
          votes: 3,
          author: 'Ann',
          tags: ['planning'],
          organisations: ['Gemeente Utrecht', 'Regio, Noord'],
          boardId: board.id,
          boardTitle: 'Zwolle, maart',
          language: 'en',
        });
        expect(stored?.evidence.map((item) => [item.kind, item.organisation, item.author])).toEqual(
          expect.arrayContaining([
            ['success', 'Gemeente Utrecht', 'Ann'],
            ['problem', 'Regio, Noord', 'Bob'],
          ]),
        );

        // In anonymous mode no names leave the board; the same lesson becomes version 2.
        await change(board.id, (docs) => setAnonymous(docs, true));
        const second = await server.app.inject({
          method: 'POST',
          url,
          headers: bearer(board.tokens.facilitator),
          payload: { lessons: [filled.lesson, unlinked] },
        });
        expect(second.statusCode).toBe(201);
        expect(second.json().entries[0]).toEqual({ id: entry?.id, version: 2 });
        const again = await server.storage.networks.getEntry(network.id, entry?.id ?? '');
        expect(again?.author).toBeUndefined();
        expect(again?.evidence.some((item) => item.author !== undefined)).toBe(false);
      });

      it('refuses: an editor (403), a board outside a network (409), a card that is no lesson (400)', async () => {
        const network = await createNetwork();
        const board = await networkBoard(network);
        const filled = await fillStoredBoard(server, board.id);
        const url = `/api/boards/${board.id}/publish`;
        expect((await server.app.inject({ method: 'POST', url, headers: bearer(board.tokens.editor), payload: {} })).statusCode).toBe(403);
        const notLesson = await server.app.inject({ method: 'POST', url, headers: bearer(board.tokens.facilitator), payload: { lessons: [filled.problem] } });
        expect(notLesson.statusCode).toBe(400);
        expect(
          (await server.app.inject({ method: 'POST', url, headers: bearer(board.tokens.facilitator), payload: { tags: ['x'.repeat(41)] } })).statusCode,
        ).toBe(400);
        const lone = await createBoard(server, { title: 'Alone' });
        const outside = await server.app.inject({
          method: 'POST',
          url: `/api/boards/${lone.id}/publish`,
          headers: bearer(lone.tokens.facilitator),
          payload: {},
        });
        expect(outside.statusCode).toBe(409);
        expect(outside.json().error.code).toBe('not_in_network');
      });

      it('withdraws by the coordinator or the source board’s facilitator, never a member', async () => {
        const network = await createNetwork();
        const board = await networkBoard(network);
        await fillStoredBoard(server, board.id);
        const publish = async () =>
          (await server.app.inject({ method: 'POST', url: `/api/boards/${board.id}/publish`, headers: bearer(board.tokens.facilitator), payload: {} })).json<{
            entries: { id: string }[];
          }>().entries[0]?.id ?? '';
        const id = await publish();
        const url = `/api/networks/${network.id}/lessons/${id}`;
        expect((await server.app.inject({ method: 'DELETE', url, headers: bearer(network.tokens.member) })).statusCode).toBe(403);
        expect((await server.app.inject({ method: 'DELETE', url, headers: bearer(board.tokens.editor) })).statusCode).toBe(403);
        expect((await server.app.inject({ method: 'DELETE', url })).statusCode).toBe(401);
        expect((await server.app.inject({ method: 'DELETE', url, headers: bearer('wrong') })).statusCode).toBe(401);
        expect((await server.app.inject({ method: 'DELETE', url, headers: bearer(board.tokens.facilitator) })).statusCode).toBe(204);
        expect((await server.app.inject({ method: 'DELETE', url, headers: bearer(network.tokens.coordinator) })).statusCode).toBe(404);
        const next = await publish();
        expect(
          (await server.app.inject({ method: 'DELETE', url: `/api/networks/${network.id}/lessons/${next}`, headers: bearer(network.tokens.coordinator) }))
            .statusCode,
        ).toBe(204);
        expect(
          (await server.app.inject({ method: 'DELETE', url: `/api/networks/nope/lessons/${next}`, headers: bearer(network.tokens.coordinator) })).statusCode,
        ).toBe(404);
      });
    });

    describe('find, export and feed', () => {
      let network: CreatedNetwork;
      beforeAll(async () => {
        network = await createNetwork({ name: 'SPARK', locale: 'nl' });
        const zwolle = await networkBoard(network, { title: 'Zwolle', locale: 'nl' });
        const delft = await networkBoard(network, { title: 'Delft' });
        await change(zwolle.id, (docs) => {
          const lesson = addCard(docs, {
            kind: 'lesson',
            x: 0,
            y: 0,
            text: 'Laat kinderen fietsen naar school',
            org: 'Zwolle',
            authorId: 'a',
            authorName: 'A',
          });
          const success = addCard(docs, { kind: 'success', x: 0, y: 0, text: 'Fietsstraat rond de school', org: 'Zwolle', authorId: 'a', authorName: 'A' });
          linkCards(docs, success, lesson, 'a');
          const traffic = addCard(docs, {
            kind: 'problem',
            x: 0,
            y: 0,
            text: 'Ouders brengen kinderen met de auto.',
            org: 'Zwolle',
            authorId: 'a',
            authorName: 'A',
          });
          linkCards(docs, traffic, lesson, 'a');
        });
        await change(delft.id, (docs) => {
          const lesson = addCard(docs, { kind: 'lesson', x: 0, y: 0, text: 'Keep a reserve list <b>ready</b>', org: 'Delft', authorId: 'b', authorName: 'B' });
          const problem = addCard(docs, {
            kind: 'problem',
            x: 0,
            y: 0,
            text: 'Volunteers dropped out in week two',
            org: 'Delft',
            authorId: 'b',
            authorName: 'B',
          });
          linkCards(docs, problem, lesson, 'b');
          // The same problem as Zwolle's (other case, no full stop), without an organisation: the lesson's counts.
          const traffic = addCard(docs, { kind: 'problem', x: 0, y: 0, text: 'ouders brengen kinderen met de auto', authorId: 'b', authorName: 'B' });
          linkCards(docs, traffic, lesson, 'b');
        });
        for (const [board, tags] of [
          [zwolle, ['mobiliteit']],
          [delft, ['people']],
        ] as const) {
          const response = await server.app.inject({
            method: 'POST',
            url: `/api/boards/${board.id}/publish`,
            headers: bearer(board.tokens.facilitator),
            payload: { tags },
          });
          expect(response.statusCode).toBe(201);
        }
      });

      const find = (query: string, token = network.tokens.member) =>
        server.app.inject({ method: 'GET', url: `/api/networks/${network.id}/lessons?${query}`, headers: bearer(token) });

      it('finds by stemmed Dutch and English words, with marked snippets', async () => {
        const fiets = (await find('q=fiets')).json();
        expect(fiets.entries.map((entry: { text: string }) => entry.text)).toEqual(['Laat kinderen fietsen naar school']);
        const snippet = fiets.entries[0].snippet;
        expect(snippet.marks.map(([from, to]: [number, number]) => snippet.text.slice(from, to))).toEqual(['fietsen']);
        const volunteers = (await find(`q=${encodeURIComponent('volunteer drop')}`)).json();
        expect(volunteers.entries.map((entry: { text: string }) => entry.text)).toEqual(['Keep a reserve list <b>ready</b>']);
        expect(volunteers.entries[0].snippet.text).toBe('Volunteers dropped out in week two');
        expect((await find('q=nothing')).json().entries).toEqual([]);
      });

      it('filters by organisation, tag and board, and pages with a cursor', async () => {
        expect((await find('org=Delft')).json().entries).toHaveLength(1);
        expect((await find('tag=Mobiliteit')).json().entries[0].organisation).toBe('Zwolle');
        const first = (await find('limit=1')).json();
        expect(first.entries).toHaveLength(1);
        expect(first.next).toEqual(expect.any(String));
        const second = (await find(`limit=1&cursor=${first.next}`)).json();
        expect(second.entries).toHaveLength(1);
        expect(second.entries[0].id).not.toBe(first.entries[0].id);
        expect(second.next).toBeNull();
        const board = first.entries[0].boardId;
        expect((await find(`board=${board}`)).json().entries.map((entry: { boardId: string }) => entry.boardId)).toEqual([board]);
      });

      it('refuses oversized queries, bad cursors and limits, and callers without a member token', async () => {
        expect((await find(`q=${'a'.repeat(201)}`)).statusCode).toBe(400);
        expect((await find(`q=${Array.from({ length: 13 }, (_, i) => `w${i}`).join('+')}`)).statusCode).toBe(400);
        expect((await find('cursor=zzz')).statusCode).toBe(400);
        for (const limit of ['0', '101', 'x']) expect((await find(`limit=${limit}`)).statusCode).toBe(400);
        expect((await find('q=fiets', 'wrong')).statusCode).toBe(401);
      });

      it('exports the library as Markdown by tag and organisation, CSV and JSON', async () => {
        const url = `/api/networks/${network.id}/lessons/export`;
        const md = await server.app.inject({ method: 'GET', url: `${url}?format=md`, headers: bearer(network.tokens.member) });
        expect(md.statusCode).toBe(200);
        expect(md.headers['content-type']).toContain('text/markdown');
        expect(md.body).toContain('# SPARK · Lessenbibliotheek');
        expect(md.body.indexOf('## mobiliteit')).toBeLessThan(md.body.indexOf('## people'));
        expect(md.body).toContain('### Organisatie: Zwolle');
        // The overview's figures as tables, before the entries.
        const month = new Date().toISOString().slice(0, 7);
        expect(md.body).toContain(
          `## Overzicht\n\n### Lessen per organisatie en maand\n\n| Organisatie | ${month} | Totaal |\n| --- | ---: | ---: |\n| Delft | 1 | 1 |\n| Zwolle | 1 | 1 |`,
        );
        expect(md.body).toContain('| mobiliteit | 1 | 1 |');
        expect(md.body).toContain('| Ouders brengen kinderen met de auto. | Delft, Zwolle | 2 |');
        expect(md.body.indexOf('## Overzicht')).toBeLessThan(md.body.indexOf('## mobiliteit'));
        const csv = await server.app.inject({ method: 'GET', url: `${url}?format=csv&tag=people`, headers: bearer(network.tokens.member) });
        expect(csv.body.split('\r\n').filter((line) => line.length > 0)).toHaveLength(2);
        const json = await server.app.inject({ method: 'GET', url: `${url}?format=json&org=Zwolle`, headers: bearer(network.tokens.member) });
        expect(json.json().entries.map((entry: { text: string }) => entry.text)).toEqual(['Laat kinderen fietsen naar school']);
        expect((await server.app.inject({ method: 'GET', url: `${url}?format=pdf`, headers: bearer(network.tokens.member) })).statusCode).toBe(400);
        expect((await server.app.inject({ method: 'GET', url })).statusCode).toBe(401);
      });

      it('gives the overview: lessons per organisation and tag by month, problems shared by organisations', async () => {
        const url = `/api/networks/${network.id}/overview`;
        const response = await server.app.inject({ method: 'GET', url, headers: bearer(network.tokens.member) });
        expect(response.statusCode).toBe(200);
        const month = new Date().toISOString().slice(0, 7);
        expect(response.json()).toEqual({
          entries: 2,
          months: [month],
          organisations: [
            { name: 'Delft', total: 1, counts: [1] },
            { name: 'Zwolle', total: 1, counts: [1] },
          ],
          tags: [
            { name: 'mobiliteit', total: 1, counts: [1] },
            { name: 'people', total: 1, counts: [1] },
          ],
          sharedProblems: [{ text: 'Ouders brengen kinderen met de auto.', organisations: ['Delft', 'Zwolle'], lessons: 2 }],
        });
        expect((await server.app.inject({ method: 'GET', url })).statusCode).toBe(401);
        expect((await server.app.inject({ method: 'GET', url, headers: bearer('wrong') })).statusCode).toBe(401);
        expect((await server.app.inject({ method: 'GET', url: '/api/networks/nope/overview', headers: bearer(network.tokens.member) })).statusCode).toBe(404);
        const empty = await createNetwork();
        const none = await server.app.inject({ method: 'GET', url: `/api/networks/${empty.id}/overview`, headers: bearer(empty.tokens.member) });
        expect(none.json()).toEqual({ entries: 0, months: [], organisations: [], tags: [], sharedProblems: [] });
      });

      it('serves an Atom feed per network and per tag, with the member token in its address', async () => {
        const url = `/api/networks/${network.id}/feed.atom?token=${network.tokens.member}`;
        const all = await server.app.inject({ method: 'GET', url });
        expect(all.statusCode).toBe(200);
        expect(all.headers['content-type']).toContain('application/atom+xml');
        expect(all.body).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom"/);
        expect(all.body.match(/<entry>/g)).toHaveLength(2);
        // Board text is escaped, never markup.
        expect(all.body).toContain('Keep a reserve list &lt;b&gt;ready&lt;/b&gt;');
        expect(all.body).not.toContain(network.tokens.member);
        const tagged = await server.app.inject({ method: 'GET', url: `${url}&tag=people` });
        expect(tagged.body.match(/<entry>/g)).toHaveLength(1);
        // Read as a feed reader reads it: well-formed XML, Atom's elements and attributes.
        for (const body of [all.body, tagged.body]) expect(XMLValidator.validate(body)).toBe(true);
        const feed = readAtom(all.body);
        expect(feed['@_xmlns']).toBe('http://www.w3.org/2005/Atom');
        expect(feed.title).toBe('SPARK · Lessenbibliotheek');
        expect(feed.link.map((link) => link['@_rel'])).toEqual(['self', 'alternate']);
        expect(feed.entry.map((entry) => entry.title).sort()).toEqual(['Keep a reserve list <b>ready</b>', 'Laat kinderen fietsen naar school']);
        const delft = feed.entry.find((entry) => entry.title.startsWith('Keep'));
        expect(delft?.category.map((category) => category['@_term'])).toEqual(['people']);
        expect(delft?.content['#text']).toContain('Volunteers dropped out in week two');
        expect(delft?.content['@_type']).toBe('text');
        expect(Number.isNaN(Date.parse(delft?.updated ?? ''))).toBe(false);
        expect(readAtom(tagged.body).entry.map((entry) => entry.title)).toEqual(['Keep a reserve list <b>ready</b>']);
        expect((await server.app.inject({ method: 'GET', url: `/api/networks/${network.id}/feed.atom` })).statusCode).toBe(401);
      });
    });
  });
}

apiSuite('sqlite', () => startServer(settings));

const unreachable = await postgresProblem();
if (unreachable && process.env.CI !== 'true') {
  console.warn(`[network API tests, postgres] SKIPPED: ${unreachable}.`);
} else {
  const schema = `benchlearn_netapi_${randomBytes(6).toString('hex')}`;
  afterAll(() => adminQuery(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
  apiSuite('postgres', async () => startServer(settings, { storage: await PostgresStorage.open({ connectionString: TEST_DATABASE_URL, schema }) }));
}

describe('networks when storage fails', () => {
  it('answers 503 storage_unavailable, not a bare 500', async () => {
    const failing = await startServer();
    try {
      await failing.storage.close();
      const created = await failing.app.inject({ method: 'POST', url: '/api/networks', payload: { name: 'after the disk filled' } });
      expect(created.statusCode).toBe(503);
      expect(created.json().error.code).toBe('storage_unavailable');
    } finally {
      await failing.stop();
    }
  });
});
