import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createBoard, type CreatedBoard } from '../support/api';
import { participant } from '../support/browser';
import {
  addCardFromToolbar,
  canvasBox,
  linkByHandle,
  canvasIds,
  outlineCards,
  outlineLinks,
  typeIntoCard,
  waitForOutlineText,
  waitForStatus,
} from '../support/board';
import { serverAndBrowser } from '../support/rig';

const ann = { id: 'ann-0000000000000000001', name: 'Ann', color: '#e91e63' };
const bob = { id: 'bob-0000000000000000002', name: 'Bob', color: '#3f51b5' };
const vic = { id: 'vic-0000000000000000003', name: 'Vic', color: '#009688' };

describe('the core board, two people live', () => {
  const rig = serverAndBrowser();
  let board: CreatedBoard;
  let a: Page;
  let b: Page;
  let successId = '';
  let lessonId = '';

  beforeAll(async () => {
    board = await createBoard(rig.server.url, { title: 'SPARK session', template: 'benchlearning', locale: 'en' });
    a = (await participant(rig.browser, ann)).page;
    b = (await participant(rig.browser, bob)).page;
    await Promise.all([a.goto(board.links.editor), b.goto(board.links.editor)]);
    await Promise.all([waitForStatus(a, 'connected'), waitForStatus(b, 'connected')]);
  });

  it('shows the template frames the server wrote', async () => {
    await a.waitForFunction(() => (window.__benchlearn?.stage?.find('.frame').length ?? 0) === 3);
    expect(await canvasIds(b, 'frame')).toHaveLength(3);
  });

  it('A adds a success and a lesson and links them; B sees all of it in the outline and on the canvas', async () => {
    successId = await addCardFromToolbar(a, 'success');
    await typeIntoCard(a, successId, 'Shared bikes at the station');
    lessonId = await addCardFromToolbar(a, 'lesson');
    await typeIntoCard(a, lessonId, 'Start small');

    await linkByHandle(a, successId, lessonId);

    const link = `${successId}>${lessonId}`;
    await b.waitForFunction((id) => !!document.querySelector(`[data-testid=outline-link][data-from="${id.split('>')[0]}"]`), link);
    expect(await outlineLinks(b)).toEqual([link]);
    await waitForOutlineText(b, successId, 'Shared bikes at the station');
    await waitForOutlineText(b, lessonId, 'Start small');
    expect(await canvasIds(b, 'card')).toEqual([successId, lessonId].sort());
    expect(await canvasIds(b, 'link')).toEqual([link]);
  });

  it('B edits the text and A sees it; B sees A’s cursor', async () => {
    await typeIntoCard(b, successId, ' and the library');
    await waitForOutlineText(a, successId, 'Shared bikes at the station and the library');
    const box = await canvasBox(a, lessonId);
    await a.mouse.move(box.x + 5, box.y + box.height + 40, { steps: 4 });
    await b.waitForFunction((id) => !!window.__benchlearn?.stage?.find('.cursor').some((node) => node.id() === `cursor-${id}`), ann.id);
  });

  it('a viewer sees the board but cannot change anything', async () => {
    const { page: v } = await participant(rig.browser, vic);
    await v.goto(board.links.viewer);
    await waitForStatus(v, 'connected');
    await waitForOutlineText(v, lessonId, 'Start small');
    await v.waitForSelector('[data-testid=read-only-badge]');
    expect(await v.locator('[data-testid=toolbar]').count()).toBe(0);

    const before = await canvasBox(v, successId);
    await v.mouse.move(before.x + 20, before.y + 20);
    await v.mouse.down();
    await v.mouse.move(before.x + 220, before.y + 160, { steps: 6 });
    await v.mouse.up();
    await v.mouse.dblclick(before.x + 20, before.y + 20);
    await v.keyboard.press('Delete');
    expect(await v.locator('[data-testid=card-editor]').count()).toBe(0);
    // Nothing reached the others: A's view of the card is where it was, with its text.
    await new Promise((r) => setTimeout(r, 500));
    const seenByA = await outlineCards(a);
    expect(seenByA.map((c) => c.id).sort()).toEqual([successId, lessonId].sort());
    const cardOnA = await a.evaluate((id) => {
      const doc = window.__benchlearn?.board.content as { getMap(name: string): { get(id: string): { get(key: string): unknown } | undefined } };
      const card = doc.getMap('cards').get(id);
      return { x: card?.get('x'), y: card?.get('y') };
    }, successId);
    const cardOnV = await v.evaluate((id) => {
      const doc = window.__benchlearn?.board.content as { getMap(name: string): { get(id: string): { get(key: string): unknown } | undefined } };
      const card = doc.getMap('cards').get(id);
      return { x: card?.get('x'), y: card?.get('y') };
    }, successId);
    expect(cardOnV).toEqual(cardOnA);
    await v.context().close();
  });

  it('a viewer tab never passes its local state to an editor tab of the same browser', async () => {
    const { context } = await participant(rig.browser, vic);
    const editorTab = await context.newPage();
    const viewerTab = await context.newPage();
    await editorTab.goto(board.links.editor);
    await viewerTab.goto(board.links.viewer);
    await Promise.all([waitForStatus(editorTab, 'connected'), waitForStatus(viewerTab, 'connected')]);
    type MetaDoc = { getMap(name: string): { get(key: string): unknown; set(key: string, value: unknown): void } };
    // A tampered viewer: its own document changed behind the app's back.
    await viewerTab.evaluate(() => (window.__benchlearn?.board.control as MetaDoc).getMap('meta').set('title', 'changed by a viewer'));
    await viewerTab.waitForTimeout(800);
    const titleIn = (page: Page) => page.evaluate(() => (window.__benchlearn?.board.control as MetaDoc).getMap('meta').get('title'));
    expect(await titleIn(editorTab)).toBe('SPARK session');
    await editorTab.reload();
    await waitForStatus(editorTab, 'connected');
    expect(await titleIn(editorTab)).toBe('SPARK session');
    expect(await titleIn(a)).toBe('SPARK session');
    await context.close();
  });

  it('survives a SIGKILL of the server: both reconnect, nothing is lost, offline edits merge', async () => {
    await rig.server.kill('SIGKILL');
    await Promise.all([
      waitForStatus(a, 'connecting').catch(() => waitForStatus(a, 'offline')),
      waitForStatus(b, 'connecting').catch(() => waitForStatus(b, 'offline')),
    ]);

    // A keeps working while the server is down.
    const noteId = await addCardFromToolbar(a, 'note');
    await rig.server.restart();
    await Promise.all([waitForStatus(a, 'connected'), waitForStatus(b, 'connected')]);

    await b.waitForFunction((id) => !!document.querySelector(`[data-testid=outline-card][data-card-id="${id}"]`), noteId);
    await waitForOutlineText(b, successId, 'Shared bikes at the station and the library');
    expect(await outlineLinks(b)).toEqual([`${successId}>${lessonId}`]);

    // A fresh browser that never saw the board gets everything from the server's storage.
    const { page: late } = await participant(rig.browser, vic);
    await late.goto(board.links.editor);
    await waitForStatus(late, 'connected');
    await waitForOutlineText(late, successId, 'Shared bikes at the station and the library');
    expect((await outlineCards(late)).map((c) => c.id).sort()).toEqual([successId, lessonId, noteId].sort());
    expect(await outlineLinks(late)).toEqual([`${successId}>${lessonId}`]);
  });
});
