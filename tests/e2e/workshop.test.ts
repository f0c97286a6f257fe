import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createBoard, type CreatedBoard } from '../support/api';
import { addCardFromToolbar, canvasBox, canvasBoxByName, canvasIds, outlineCards, waitForOutlineText, waitForStatus } from '../support/board';
import { participant } from '../support/browser';
import { serverAndBrowser } from '../support/rig';
import { decodeQr, facilitator, ownRegion, panCanvas, projectorRegion, settledRegion, waitForProjectorToShow, waitForViewCentredOn } from '../support/workshop';

const fay = { id: 'fay-0000000000000000001', name: 'Fay', color: '#8e24aa' };
const eve = { id: 'eve-0000000000000000002', name: 'Eve', color: '#00897b' };
const vic = { id: 'vic-0000000000000000003', name: 'Vic', color: '#f4511e' };
const pia = { id: 'pia-0000000000000000004', name: 'Pia', color: '#3949ab' };

/** The middle of the canvas element, in page coordinates. */
async function canvasMiddle(page: Page): Promise<{ x: number; y: number }> {
  const box = await page.locator('[data-testid=board-canvas]').boundingBox();
  if (!box) throw new Error('no canvas');
  return { x: box.x + box.width / 2, y: box.y + box.height * 0.6 };
}

describe('the workshop: facilitate, present, join from a phone', () => {
  const rig = serverAndBrowser();
  let board: CreatedBoard;
  let f: Page;
  let e: Page;
  let projector: Page;

  beforeAll(async () => {
    board = await createBoard(rig.server.url, { title: 'Regional benchlearning', template: 'benchlearning', locale: 'en' });
    f = (await facilitator(rig.browser, fay, board)).page;
    e = (await participant(rig.browser, eve)).page;
    await Promise.all([f.goto(board.links.facilitator), e.goto(board.links.editor)]);
    await Promise.all([waitForStatus(f, 'connected'), waitForStatus(e, 'connected')]);
  });

  it('the share dialog’s QR code decodes to the editor link', async () => {
    await f.click('[data-testid=share-button]');
    await f.waitForSelector('[data-testid=share-qr]');
    expect(await f.inputValue('[data-testid=share-link-editor]')).toBe(board.links.editor);
    await f.waitForFunction(() => {
      const canvas = document.querySelector<HTMLCanvasElement>('[data-testid=share-qr]');
      return !!canvas?.getContext('2d')?.getImageData(0, 0, 1, 1).data[3];
    });
    expect(await decodeQr(f, '[data-testid=share-qr]')).toBe(board.links.editor);
    expect(await f.inputValue('[data-testid=share-link-viewer]')).toBe(board.links.viewer);
    await f.click('[data-testid=share-button]');
  });

  it('the projector follows the presenter’s pan and zoom, shows the laser dot and a join code that decodes to the editor link', async () => {
    await f.click('[data-testid=share-button]');
    const href = await f.getAttribute('[data-testid=open-projector]', 'href');
    await f.keyboard.press('Escape');
    expect(href).toContain('/present#token=');
    const context = await rig.browser.newContext({ viewport: { width: 1600, height: 900 } });
    projector = await context.newPage();
    await projector.goto(new URL(href!, rig.server.url).toString());
    await projector.waitForSelector('[data-testid=projector-view]', { state: 'attached' });
    // Nobody presents: the board from its start, zoomed so that card text is 24 px (body 14 units: 24 / 14, to 2 decimals).
    await projector.waitForFunction(() => Number(document.querySelector('[data-testid=projector-view]')?.getAttribute('data-scale')) >= 1.71);
    expect((await projectorRegion(projector)).presenter).toBe('');
    // The QR code holds the short link of the join code, which leads to the editor link.
    const code = (await projector.textContent('[data-testid=projector-join-code]', { timeout: 10_000 }))!;
    await projector.waitForFunction(
      () => !!document.querySelector<HTMLCanvasElement>('[data-testid=projector-qr]')?.getContext('2d')?.getImageData(0, 0, 1, 1).data[3],
    );
    expect(await decodeQr(projector, '[data-testid=projector-qr]')).toBe(`${rig.server.url}/j/${code}`);
    expect((await (await fetch(`${rig.server.url}/api/join/${code}`)).json()).link).toBe(board.links.editor);

    await f.click('[data-testid=present-toggle]');
    // Close enough that the projector can show all of it with card text at 24 px.
    for (let i = 0; i < 3; i++) await f.click('[data-testid=zoom-in]');
    const zoomed = await settledRegion(f);
    await waitForProjectorToShow(projector, zoomed);
    expect((await projectorRegion(projector)).presenter).toBe(fay.id);
    // A 16:9 projector following a 16:10 laptop: the heights match, the sides get bands.
    const shown = await projectorRegion(projector);
    expect(shown.width).toBeGreaterThan(zoomed.width);

    await panCanvas(f, await canvasMiddle(f), -260, 140);
    const panned = await settledRegion(f);
    expect(panned.x).not.toBeCloseTo(zoomed.x, 0);
    await waitForProjectorToShow(projector, panned);

    // The presenter's pointer is a laser dot on the projector.
    const middle = await canvasMiddle(f);
    await f.mouse.move(middle.x + 30, middle.y - 40, { steps: 3 });
    await projector.waitForFunction((id) => !!(window.__benchlearn?.stage?.find('.laser') ?? []).some((node) => node.id() === `laser-${id}`), fay.id);

    // The facilitator hides the join code for everyone, then shows it again.
    await f.click('[data-testid=share-button]');
    // The box shows the room state, which comes back from the server: click, then wait for it.
    await f.click('[data-testid=show-join-toggle]');
    await projector.waitForSelector('[data-testid=projector-join]', { state: 'detached' });
    await f.waitForSelector('[data-testid=show-join-toggle]:not(:checked)');
    await f.click('[data-testid=show-join-toggle]');
    await projector.waitForSelector('[data-testid=projector-join]');
    await f.click('[data-testid=share-button]');
    // Back to the zoom the later tests were written for (two steps in, not three).
    await f.click('[data-testid=zoom-out]');
  });

  it('“bring everyone to me” makes every view jump to the facilitator’s and follow until they pan away', async () => {
    // Eve looks elsewhere.
    await panCanvas(e, await canvasMiddle(e), 300, -200);
    // At 1280 px the header has no room for every facilitator action: this one may be in "More".
    if (!(await f.isVisible('[data-testid=summon]'))) await f.click('[data-testid=more-button]');
    await f.click('[data-testid=summon]');
    const target = await ownRegion(f);
    await waitForViewCentredOn(e, target);
    await e.waitForSelector(`[data-testid=following-banner][data-user-id="${fay.id}"]`);
    // Following: Fay pans, Eve's view goes along.
    await panCanvas(f, await canvasMiddle(f), 200, 0);
    await waitForViewCentredOn(e, await settledRegion(f));
    // Eve pans herself: she stops following.
    await panCanvas(e, await canvasMiddle(e), -150, 0);
    await e.waitForSelector('[data-testid=following-banner]', { state: 'detached' });

    // Anyone can follow anyone by clicking their avatar.
    await f.click('[data-testid=present-toggle]');
    await e.click(`[data-testid=avatar][data-user-id="${fay.id}"] [data-testid=follow-avatar]`);
    await e.waitForSelector(`[data-testid=following-banner][data-user-id="${fay.id}"]`);
    await waitForViewCentredOn(e, await settledRegion(f));
    await projector.waitForFunction(() => document.querySelector('[data-testid=projector-view]')?.getAttribute('data-presenter') === '');
    await e.click('[data-testid=following-banner] button');
    await e.waitForSelector('[data-testid=following-banner]', { state: 'detached' });
  });

  it('renaming shows everywhere; locking makes an editor read-only at once and the server drops its updates; unlocking restores', async () => {
    const { page: v } = await participant(rig.browser, vic);
    await v.goto(board.links.viewer);
    await waitForStatus(v, 'connected');

    await f.click('[data-testid=rename-board]');
    await f.fill('[data-testid=board-title-input]', 'Regional benchlearning, day 2');
    await f.click('[data-testid=board-title-save]');
    await e.waitForFunction(() => document.querySelector('[data-testid=board-title]')?.textContent === 'Regional benchlearning, day 2');

    await f.click('[data-testid=lock-toggle]');
    await e.waitForSelector('[data-testid=locked-banner]');
    await e.waitForSelector('[data-testid=read-only-badge]');
    await e.waitForSelector('[data-testid=toolbar]', { state: 'detached' });
    expect(await e.locator('[data-testid=outline-link-select]').count()).toBe(0);
    // The facilitator still edits.
    expect(await f.locator('[data-testid=toolbar]').count()).toBe(1);

    // A tampered editor writes anyway: the server drops it, so nobody else ever sees it.
    const tampered = 'T'.repeat(21);
    await e.evaluate((key) => {
      type Doc = { getMap(name: string): { set(key: string, value: unknown): void } };
      (window.__benchlearn?.board.content as Doc).getMap('cards').set(key, 'written while locked');
    }, tampered);
    await v.waitForTimeout(700);
    const entry = (page: Page) =>
      page.evaluate(
        (key) => (window.__benchlearn?.board.content as { getMap(n: string): { get(k: string): unknown } }).getMap('cards').get(key) ?? null,
        tampered,
      );
    expect(await entry(v)).toBeNull();
    expect(await entry(f)).toBeNull();

    await f.click('[data-testid=lock-toggle]');
    await e.waitForSelector('[data-testid=locked-banner]', { state: 'detached' });
    await e.waitForSelector('[data-testid=toolbar]');
    await waitForStatus(e, 'connected');
    const note = await addCardFromToolbar(e, 'note');
    await v.waitForFunction((id) => !!document.querySelector(`[data-testid=outline-card][data-card-id="${id}"]`), note);
    await v.context().close();
  });

  it('a phone opening the editor link adds a card with the form and edits it; a desktop sees both', async () => {
    const context = await rig.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'en-US' });
    await context.addInitScript((identity) => window.localStorage.setItem('benchlearn:identity', JSON.stringify(identity)), pia);
    const phone = await context.newPage();
    await phone.goto(board.links.editor);
    await waitForStatus(phone, 'connected');
    await phone.waitForSelector('[data-testid=phone-bar]');
    expect(await phone.locator('[data-testid=toolbar]').isVisible()).toBe(false);

    await phone.tap('[data-testid=phone-add-card]');
    await phone.tap('[data-testid=card-form] input[value=problem]');
    await phone.fill('[data-testid=card-form] textarea', 'The bus stops at nine');
    await phone.tap('[data-testid=card-form-save]');
    const added = await f.waitForFunction(() => {
      const item = [...document.querySelectorAll('[data-testid=outline-card][data-kind=problem]')].find(
        (el) => el.querySelector('[data-testid=outline-card-text]')?.textContent === 'The bus stops at nine',
      );
      return item?.getAttribute('data-card-id') ?? false;
    });
    const id = (await added.jsonValue()) as string;
    // On the canvas too, not only in the outline.
    await f.waitForFunction((cardId) => !!window.__benchlearn?.stage?.find('.card').some((node) => node.id() === cardId), id);

    // Edit your own card from the outline tab.
    await phone.tap('[data-testid=phone-tab-outline]');
    await phone.tap(`[data-testid=outline-card][data-card-id="${id}"] [data-testid=outline-card-edit]`);
    await phone.fill('[data-testid=card-form] textarea', 'The bus stops at nine, on weekdays');
    await phone.tap('[data-testid=card-form-save]');
    await waitForOutlineText(f, id, 'The bus stops at nine, on weekdays');
    expect((await outlineCards(f)).find((card) => card.id === id)?.kind).toBe('problem');
    await context.close();
  });

  it('a phone pans with one finger and zooms with two', async () => {
    const context = await rig.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'en-US' });
    await context.addInitScript((identity) => window.localStorage.setItem('benchlearn:identity', JSON.stringify(identity)), pia);
    const phone = await context.newPage();
    await phone.goto(board.links.editor);
    await waitForStatus(phone, 'connected');
    await phone.waitForFunction(() => {
      const awareness = window.__benchlearn?.awareness as { getLocalState(): { viewport?: { width: number } } | null } | undefined;
      return (awareness?.getLocalState()?.viewport?.width ?? 0) > 0;
    });
    const cdp = await context.newCDPSession(phone);
    const box = (await phone.locator('[data-testid=board-canvas]').boundingBox())!;
    const at = (x: number, y: number, id = 0) => ({ x: box.x + x, y: box.y + y, id });
    const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', points: Array<{ x: number; y: number; id: number }>) =>
      cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points });

    const before = await ownRegion(phone);
    await touch('touchStart', [at(200, 300)]);
    for (let i = 1; i <= 5; i++) await touch('touchMove', [at(200 - i * 20, 300 - i * 10)]);
    await touch('touchEnd', []);
    await phone.waitForFunction((x) => {
      const awareness = window.__benchlearn?.awareness as { getLocalState(): { viewport?: { x: number } } | null } | undefined;
      return Math.abs((awareness?.getLocalState()?.viewport?.x ?? x) - x) > 1;
    }, before.x);
    const panned = await ownRegion(phone);
    expect(panned.width).toBeCloseTo(before.width, 1);
    expect(panned.x).toBeGreaterThan(before.x);

    await touch('touchStart', [at(150, 300, 1), at(250, 300, 2)]);
    for (let i = 1; i <= 5; i++) await touch('touchMove', [at(150 - i * 15, 300, 1), at(250 + i * 15, 300, 2)]);
    await touch('touchEnd', []);
    await phone.waitForFunction((w) => {
      const awareness = window.__benchlearn?.awareness as { getLocalState(): { viewport?: { width: number } } | null } | undefined;
      return (awareness?.getLocalState()?.viewport?.width ?? w) < w * 0.8;
    }, panned.width);
    await context.close();
  });

  it('a facilitator adds, renames, moves (with its cards), resizes and deletes a frame; editors get no frame tools', async () => {
    type Entry = { get(key: string): unknown };
    type Doc = { getMap(name: string): { get(id: string): Entry | undefined; has(id: string): boolean } };
    const read = (page: Page, map: string, id: string) =>
      page.evaluate(
        ({ m, key }) => {
          const board = window.__benchlearn?.board;
          const entry = ((m === 'frames' ? board?.control : board?.content) as Doc).getMap(m).get(key);
          return entry ? { x: entry.get('x') as number, y: entry.get('y') as number, w: entry.get('w') as number, title: entry.get('title') } : null;
        },
        { m: map, key: id },
      );
    expect(await e.locator('[data-testid=add-frame]').count()).toBe(0);
    const framesBefore = await canvasIds(f, 'frame');
    await f.click('[data-testid=add-frame]');
    await f.waitForSelector('[data-testid=frame-panel]');
    const frameId = (await canvasIds(f, 'frame')).find((id) => !framesBefore.includes(id))!;
    await f.fill('[data-testid=frame-title-input]', 'Parking lot');
    await e.waitForFunction((id) => window.__benchlearn?.stage?.find('.frame').some((node) => node.id() === id), frameId);
    // The frame and its new title are two changes: the title may reach the editor a moment later.
    await e.waitForFunction((id) => (window.__benchlearn?.board.control as Doc).getMap('frames').get(id)?.get('title') === 'Parking lot', frameId);

    // A card in the middle of the view lands inside the new frame.
    const card = await addCardFromToolbar(f, 'note');
    const cardBefore = (await read(f, 'cards', card))!;
    const frameBefore = (await read(f, 'frames', frameId))!;
    const handle = await canvasBox(f, `frame-handle-${frameId}`);
    await panCanvas(f, { x: handle.x + 40, y: handle.y + handle.height / 2 }, 120, 60);
    await e.waitForFunction(({ id, x }) => ((window.__benchlearn?.board.control as Doc).getMap('frames').get(id)?.get('x') as number) !== x, {
      id: frameId,
      x: frameBefore.x,
    });
    const frameAfter = (await read(e, 'frames', frameId))!;
    const cardAfter = (await read(e, 'cards', card))!;
    const dx = frameAfter.x - frameBefore.x;
    expect(dx).toBeGreaterThan(0);
    expect(cardAfter.x - cardBefore.x).toBe(dx);
    expect(cardAfter.y - cardBefore.y).toBe(frameAfter.y - frameBefore.y);

    // Resize from the corner handle, with the whole board in view (a new frame at a readable
    // zoom may reach past the window's bottom).
    await f.click('[data-testid=zoom-fit]');
    const corner = await canvasBoxByName(f, 'frame-resize');
    await panCanvas(f, { x: corner.x + corner.width / 2, y: corner.y + corner.height / 2 }, 80, 0);
    await e.waitForFunction(({ id, w }) => ((window.__benchlearn?.board.control as Doc).getMap('frames').get(id)?.get('w') as number) > w, {
      id: frameId,
      w: frameAfter.w,
    });

    // Delete it: the card stays.
    await f.click('[data-testid=delete-frame]');
    await e.waitForFunction((id) => !(window.__benchlearn?.board.control as Doc).getMap('frames').has(id), frameId);
    expect(await read(e, 'cards', card)).not.toBeNull();
  });

  it('a new editor link shuts out the old one: open pages lose access and the old link shows the no-access error', async () => {
    await f.click('[data-testid=share-button]');
    await f.click('[data-testid=rotate-editor]');
    await f.click('[data-testid=rotate-confirm-editor]');
    await f.waitForSelector('[data-testid=rotated-editor]');
    const fresh = await f.inputValue('[data-testid=share-link-editor]');
    expect(fresh).not.toBe(board.links.editor);
    // Eve's open page was on the old link: its socket is closed with "no access".
    await e.waitForSelector('[data-testid=board-error][data-code="4401"]');

    const { page: late } = await participant(rig.browser, vic);
    await late.goto(board.links.editor);
    await late.waitForSelector('[data-testid=board-error][data-code="4401"]');
    await late.goto(fresh);
    await waitForStatus(late, 'connected');
    // The QR code follows the new link.
    expect(await decodeQr(f, '[data-testid=share-qr]')).toBe(fresh);
  });
});
