import { describe, expect, it } from 'vitest';
import { newId, type LibraryEntryDraft } from '@benchlearn/shared';
import type { Storage } from './types';

/** Networks and the lessons library, on every adapter: sqlite.test.ts and postgres.test.ts run it. */
export function networkSuite(name: string, open: () => Promise<Storage>): void {
  function draft(boardId: string, lessonId: string, text: string, more: Partial<LibraryEntryDraft> = {}): LibraryEntryDraft {
    return {
      lessonId,
      text,
      organisation: null,
      votes: 0,
      evidence: [],
      organisations: [],
      tags: [],
      boardId,
      boardTitle: 'Board',
      language: 'nl',
      publishedAt: 1000,
      ...more,
    };
  }

  async function withNetwork(work: (storage: Storage, networkId: string) => Promise<void>): Promise<void> {
    const storage = await open();
    try {
      const networkId = newId();
      await storage.networks.createNetwork({ id: networkId, name: 'SPARK', locale: 'nl', createdAt: 5, tokenHashes: { coordinator: 'c', member: 'm' } });
      await work(storage, networkId);
    } finally {
      await storage.close();
    }
  }

  describe(`network storage: ${name}`, () => {
    it('keeps a network, its token hashes and its boards', async () => {
      await withNetwork(async (storage, id) => {
        const { networks } = storage;
        expect(await networks.getNetwork(id)).toEqual({ id, name: 'SPARK', locale: 'nl', createdAt: 5, tokenHashes: { coordinator: 'c', member: 'm' } });
        expect(await networks.setNetworkTokenHash(id, 'member', 'm2')).toBe(true);
        expect((await networks.getNetwork(id))?.tokenHashes.member).toBe('m2');
        expect(await networks.setNetworkTokenHash(newId(), 'member', 'x')).toBe(false);
        expect(await networks.getNetwork(newId())).toBeNull();
        const [a, b] = [newId(), newId()];
        await networks.addBoard(id, a);
        await networks.addBoard(id, b);
        expect(await networks.boardsOf(id)).toEqual([a, b]);
        expect(await networks.networkOfBoard(a)).toBe(id);
        expect(await networks.networkOfBoard(newId())).toBeNull();
      });
    });

    it('publishes, versions and withdraws entries', async () => {
      await withNetwork(async (storage, id) => {
        const { networks } = storage;
        const board = newId();
        const [first] = await networks.publish(id, [draft(board, 'l1', 'Begin klein')], newId);
        expect(first?.version).toBe(1);
        const [again] = await networks.publish(id, [draft(board, 'l1', 'Begin heel klein', { publishedAt: 2000 })], newId);
        expect(again).toEqual({ id: first?.id, version: 2 });
        const entry = await networks.getEntry(id, first?.id ?? '');
        expect(entry).toMatchObject({ id: first?.id, version: 2, text: 'Begin heel klein', networkId: id, publishedAt: 2000 });
        expect(await networks.countEntries(id)).toBe(1);
        expect(await networks.getEntry(newId(), first?.id ?? '')).toBeNull();
        expect((await networks.search({ networkId: id, terms: ['klein'], limit: 10, offset: 0 })).entries).toHaveLength(1);
        expect(await networks.withdraw(id, first?.id ?? '')).toBe(true);
        expect(await networks.withdraw(id, first?.id ?? '')).toBe(false);
        expect(await networks.countEntries(id)).toBe(0);
        expect((await networks.search({ networkId: id, terms: ['klein'], limit: 10, offset: 0 })).entries).toHaveLength(0);
      });
    });

    it('finds lessons with Dutch and English stemming, filters and pages', async () => {
      await withNetwork(async (storage, id) => {
        const { networks } = storage;
        const [b1, b2] = [newId(), newId()];
        await networks.publish(
          id,
          [
            draft(b1, 'a', 'Laat kinderen fietsen naar school', { organisations: ['Zwolle'], tags: ['mobiliteit'], publishedAt: 1 }),
            draft(b1, 'b', 'Plan reserves', {
              language: 'en',
              organisations: ['Delft'],
              tags: ['people'],
              evidence: [{ kind: 'problem', text: 'Volunteers dropped out in week two', organisation: 'Delft', votes: 2 }],
              publishedAt: 2,
            }),
            draft(b2, 'c', 'Fietsenstalling bij het station', { organisations: ['Delft'], tags: ['mobiliteit'], publishedAt: 3 }),
          ],
          newId,
        );
        const find = async (terms: string[], more: object = {}) =>
          (await networks.search({ networkId: id, terms, limit: 10, offset: 0, ...more })).entries.map((entry) => entry.lessonId).sort();
        expect(await find(['fiets'])).toEqual(['a', 'c']);
        expect(await find(['volunteer', 'drop'])).toEqual(['b']);
        expect(await find(['volunteer', 'station'])).toEqual([]);
        expect(await find(['fiets'], { organisation: 'Delft' })).toEqual(['c']);
        expect(await find(['fiets'], { boardId: b1 })).toEqual(['a']);
        expect(await find([], { tag: 'mobiliteit' })).toEqual(['a', 'c']);
        expect(await find([], { since: 2 })).toEqual(['b', 'c']);
        // Without words: newest first, in pages.
        const page1 = await networks.search({ networkId: id, terms: [], limit: 2, offset: 0 });
        expect(page1.entries.map((entry) => entry.lessonId)).toEqual(['c', 'b']);
        expect(page1.more).toBe(true);
        const page2 = await networks.search({ networkId: id, terms: [], limit: 2, offset: 2 });
        expect(page2.entries.map((entry) => entry.lessonId)).toEqual(['a']);
        expect(page2.more).toBe(false);
        // Another network sees none of it.
        expect((await networks.search({ networkId: newId(), terms: ['fiets'], limit: 10, offset: 0 })).entries).toEqual([]);
      });
    });
  });
}
