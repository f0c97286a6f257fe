import { afterEach, describe, expect, it, vi } from 'vitest';
import type Konva from 'konva';
import { CardDrag } from './cardDrag';
import type { LiveMove } from './liveMove';

/** A CardDrag whose collaborators record what it asked of them. */
function setup(options: { readOnly?: boolean; selection?: string[] } = {}) {
  const log: string[] = [];
  const drops: { ids: string[]; dx: number; dy: number }[] = [];
  const stopped: string[] = [];
  const dragging = new Set<string>();
  const move = {
    show: (ids: readonly string[], dx: number, dy: number) => void log.push(`show ${ids.join('+')} ${dx},${dy}`),
    end: () => void log.push('end'),
  };
  const selection = options.selection ?? [];
  const stage = {
    findOne: (selector: string) => {
      const id = selector.slice(1);
      return { isDragging: () => dragging.has(id), stopDrag: () => void stopped.push(id) };
    },
  };
  const drag = new CardDrag({
    move: move as unknown as LiveMove,
    companions: (id) => (selection.includes(id) ? [...selection] : [id]),
    readOnly: () => options.readOnly ?? false,
    unhover: () => void log.push('unhover'),
    drop: (ids, dx, dy) => void drops.push({ ids, dx, dy }),
    stage: () => stage as unknown as Konva.Stage,
  });
  return { drag, log, drops, stopped, dragging };
}

/** A stand-in for a card's Konva node at (x, y). */
function node(x: number, y: number) {
  const n = { at: { x, y }, x: () => n.at.x, y: () => n.at.y };
  return n;
}
const asNode = (n: ReturnType<typeof node>) => n as unknown as Konva.Node;

afterEach(() => {
  vi.useRealTimers();
});

describe('CardDrag', () => {
  it('shows live offsets while dragging and writes once, rounded, on the drop', () => {
    const { drag, log, drops } = setup();
    const n = node(100, 100);
    drag.onDragStart('a', asNode(n));
    expect(drag.active).toBe(true);
    n.at = { x: 110.25, y: 95 };
    drag.onDragMove('a', asNode(n));
    n.at = { x: 130.75, y: 80.25 };
    drag.onDragMove('a', asNode(n));
    expect(drops).toEqual([]);
    drag.onDragEnd('a', asNode(n));
    expect(drops).toEqual([{ ids: ['a'], dx: 31, dy: -20 }]);
    expect(log).toEqual(['unhover', 'show a 10.25,-5', 'show a 30.75,-19.75', 'show a 30.75,-19.75', 'end']);
    expect(drag.active).toBe(false);
  });

  it('takes the selection along when the dragged card is selected', () => {
    const { drag, drops } = setup({ selection: ['a', 'b', 'c'] });
    const n = node(0, 0);
    drag.onDragStart('b', asNode(n));
    n.at = { x: 40, y: 0 };
    drag.onDragEnd('b', asNode(n));
    expect(drops).toEqual([{ ids: ['a', 'b', 'c'], dx: 40, dy: 0 }]);
  });

  it('only the unselected card when it is not part of the selection', () => {
    const { drag, drops } = setup({ selection: ['a', 'b'] });
    const n = node(0, 0);
    drag.onDragStart('z', asNode(n));
    n.at = { x: 5, y: 5 };
    drag.onDragEnd('z', asNode(n));
    expect(drops).toEqual([{ ids: ['z'], dx: 5, dy: 5 }]);
  });

  it('follows only the leader: other nodes moved along by the transformer are ignored', () => {
    const { drag, drops, log } = setup({ selection: ['a', 'b'] });
    const a = node(0, 0);
    const b = node(300, 0);
    drag.onDragStart('a', asNode(a));
    drag.onDragStart('b', asNode(b));
    b.at = { x: 900, y: 900 };
    drag.onDragMove('b', asNode(b));
    drag.onDragEnd('b', asNode(b));
    expect(drag.active).toBe(true);
    expect(log.filter((line) => line.startsWith('show'))).toEqual([]);
    a.at = { x: 20, y: 10 };
    drag.onDragEnd('a', asNode(a));
    expect(drops).toEqual([{ ids: ['a', 'b'], dx: 20, dy: 10 }]);
  });

  it('a drop where it started writes nothing', () => {
    const { drag, drops, log } = setup();
    const n = node(50, 50);
    drag.onDragStart('a', asNode(n));
    n.at = { x: 50.3, y: 49.8 };
    drag.onDragEnd('a', asNode(n));
    expect(drops).toEqual([]);
    expect(log.at(-1)).toBe('end');
  });

  it('does not start on a read-only board', () => {
    const { drag, drops, log } = setup({ readOnly: true });
    const n = node(0, 0);
    drag.onDragStart('a', asNode(n));
    expect(drag.active).toBe(false);
    n.at = { x: 100, y: 0 };
    drag.onDragEnd('a', asNode(n));
    expect(drops).toEqual([]);
    expect(log).toEqual([]);
  });

  it('cancel puts the cards back and writes nothing', () => {
    const { drag, drops, log } = setup();
    drag.begin('a', { x: 0, y: 0 });
    drag.to('a', 70, 70);
    drag.cancel();
    expect(drag.active).toBe(false);
    drag.end('a');
    expect(drops).toEqual([]);
    expect(log).toEqual(['unhover', 'show a 70,70', 'end']);
  });

  it('the low-detail path: begin, to and end by pointer give one write', () => {
    const { drag, drops } = setup({ selection: ['a', 'b'] });
    drag.begin('a', { x: 500, y: 500 });
    drag.to('a', 12.4, -7.6);
    drag.to('b', 999, 999);
    drag.end('a');
    expect(drops).toEqual([{ ids: ['a', 'b'], dx: 12, dy: -8 }]);
  });

  it('the click right after a drop is no click (until the task ends)', () => {
    vi.useFakeTimers();
    const { drag } = setup();
    expect(drag.justDropped).toBe(false);
    drag.begin('a', { x: 0, y: 0 });
    drag.to('a', 10, 0);
    drag.end('a');
    expect(drag.justDropped).toBe(true);
    vi.runAllTimers();
    expect(drag.justDropped).toBe(false);
  });

  it('stopNodeDrags stops Konva dragging the dragged nodes only', () => {
    const { drag, stopped, dragging } = setup({ selection: ['a', 'b'] });
    dragging.add('a').add('x');
    drag.stopNodeDrags();
    expect(stopped).toEqual([]);
    drag.begin('a', { x: 0, y: 0 });
    drag.stopNodeDrags();
    expect(stopped).toEqual(['a']);
  });
});
