// Makes the README's screenshot: a real server, two participants, a few cards and a link.
// Run (in tests/): node --import tsx support/screenshot.ts ../docs/screenshot.png
import { createBoard } from './api';
import { addCardFromToolbar, canvasBox, linkByHandle, typeIntoCard, waitForOutlineText, waitForStatus } from './board';
import { launchChromium, participant } from './browser';
import { ServerProcess } from './server';

const out = process.argv[2] ?? 'screenshot.png';
const server = await ServerProcess.start();
const browser = await launchChromium();
try {
  const board = await createBoard(server.url, { title: 'SPARK: mobility in small towns', template: 'benchlearning', locale: 'en' });
  const { page: a } = await participant(browser, { id: 'screenshot-ann-0000001', name: 'Ann (Delft)', color: '#d81b60' });
  const { page: b } = await participant(browser, { id: 'screenshot-bob-0000002', name: 'Bob (Zwolle)', color: '#3949ab' });
  await a.setViewportSize({ width: 1440, height: 900 });
  await Promise.all([a.goto(board.links.facilitator), b.goto(board.links.editor)]);
  await Promise.all([waitForStatus(a, 'connected'), waitForStatus(b, 'connected')]);

  const success = await addCardFromToolbar(a, 'success');
  await typeIntoCard(a, success, 'Shared e-bikes at the station: 300 rides a week');
  const problem = await addCardFromToolbar(b, 'problem');
  await typeIntoCard(b, problem, 'Volunteers drop out after the pilot');
  const lesson = await addCardFromToolbar(a, 'lesson');
  await typeIntoCard(a, lesson, 'Start small, with the people who already ride');
  await waitForOutlineText(b, lesson, 'Start small, with the people who already ride');

  // Put each card in its frame, as a facilitator would (frames left to right: successes, problems, lessons).
  const frameIds = await a.evaluate(() => window.__benchlearn?.stage?.find('.frame').map((node) => node.id()) ?? []);
  const frames = (await Promise.all(frameIds.map((id) => canvasBox(a, id)))).sort((p, q) => p.x - q.x);
  const targets: Array<[string, number, number]> = [
    [lesson, 2, 0.4],
    [problem, 1, 0.55],
    [success, 0, 0.3],
  ];
  for (const [card, frameIndex, height] of targets) {
    const box = await canvasBox(a, card);
    const frame = frames[frameIndex]!;
    await a.mouse.move(box.x + box.width / 2, box.y + 12);
    await a.mouse.down();
    await a.mouse.move(frame.x + frame.width / 2, frame.y + frame.height * height, { steps: 10 });
    await a.mouse.up();
  }

  await linkByHandle(a, success, lesson);
  await a.mouse.click(5, 300);

  // Bob links his problem to the same lesson from the outline, as a keyboard user would.
  const select = b.locator(`[data-testid=outline-card][data-card-id="${problem}"] [data-testid=outline-link-select]`);
  await select.focus();
  await select.selectOption(lesson);
  await a.waitForFunction((id) => !!document.querySelector(`[data-testid=outline-link][data-from="${id}"]`), problem);

  // Bob points at the lesson: Ann sees his cursor.
  const lessonOnB = await canvasBox(b, lesson);
  await b.mouse.move(lessonOnB.x + lessonOnB.width * 0.7, lessonOnB.y + lessonOnB.height + 30, { steps: 5 });
  await a.waitForFunction(() => (window.__benchlearn?.stage?.find('.cursor').length ?? 0) > 0);
  await a.waitForTimeout(300);
  await a.screenshot({ path: out });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
  await server.stop();
}
