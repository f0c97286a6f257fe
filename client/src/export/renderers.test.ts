import { describe, expect, it } from 'vitest';
import Konva from 'konva';
import {
  addCard,
  cardLayout,
  estimateWidth,
  exportSvg,
  exportedFace,
  initBoard,
  linkCards,
  lowDetailBands,
  newBoardDocs,
  setVote,
  startVoting,
  type Card,
  type CardKind,
  type CardLayout,
  type CardPartName,
} from '@benchlearn/shared';
import { KONVA_NAMES, konvaCardShapes } from '../ui/konvaCard';
import { BoardStore } from '../editor/boardStore';
import { sceneData } from './exportBoard';
import { ExportScene } from './scene';

/**
 * One board through every renderer of a card (issue 13): the server's SVG, the PNG/PDF export
 * scene's Konva nodes, the canvas's shapes (CardView draws konvaCardShapes) and low detail must
 * all draw what the one card layout (shared/src/layout) says, part by part.
 */

// Konva measures text on a canvas when a Text node is made; Node has none. This stands in for
// the browser's canvas only, with the layout's own width estimate.
Konva.Util.createCanvasElement = () =>
  ({
    style: {},
    width: 0,
    height: 0,
    getContext: () => ({
      font: '',
      save() {},
      restore() {},
      measureText(text: string) {
        return {
          width: estimateWidth(text, { size: 14, weight: 'normal', style: 'normal' }),
          actualBoundingBoxAscent: 10,
          actualBoundingBoxDescent: 3,
          fontBoundingBoxAscent: 11,
          fontBoundingBoxDescent: 3,
        };
      },
    }),
  }) as unknown as HTMLCanvasElement;

const LABELS: Readonly<Record<CardKind, string>> = { success: 'Success', problem: 'Problem', lesson: 'Lesson', note: 'Note' };

/** What a renderer drew of one part, rounded as the SVG writes numbers. */
interface Drawn {
  name: CardPartName;
  x: number;
  y: number;
  w?: number;
  h?: number;
  lines?: readonly string[];
}

const r2 = (v: number) => Math.round(v * 100) / 100;

function expected(layout: CardLayout): Drawn[] {
  return layout.parts.map((part) => {
    switch (part.type) {
      case 'rect':
        return { name: part.name, x: r2(part.x), y: r2(part.y), w: r2(part.w), h: r2(part.h) };
      case 'circle':
        return { name: part.name, x: r2(part.x), y: r2(part.y), w: r2(2 * part.r) };
      case 'icon':
        return { name: part.name, x: r2(part.x), y: r2(part.y) };
      case 'text':
        return { name: part.name, x: r2(part.x), y: r2(part.y), w: r2(part.w), lines: part.lines };
    }
  });
}

const byName = (a: Drawn, b: Drawn) => a.name.localeCompare(b.name);

/** The parts of each card in the SVG (its own regular output: one <g data-card> per card). */
function svgCards(svg: string): Map<string, Drawn[]> {
  const cards = new Map<string, Drawn[]>();
  const unescape = (s: string) =>
    s
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&');
  for (const [, id, body] of svg.matchAll(/<g data-card="([^"]+)" transform="translate\([^)]*\)">(.*?)<\/g>(?=<g data-card|\n|$)/gs)) {
    const parts: Drawn[] = [];
    for (const [tag, el, attrs] of body!.matchAll(/<(rect|path|circle|g|text)\s([^>]*)>/g)) {
      const attr = (name: string) => Number(new RegExp(`\\b${name}="([^"]+)"`).exec(attrs!)?.[1]);
      const name = /data-part="([^"]+)"/.exec(attrs!)?.[1] as CardPartName | undefined;
      if (!name) continue;
      if (el === 'rect') parts.push({ name, x: attr('x'), y: attr('y'), w: attr('width'), h: attr('height') });
      if (el === 'path') {
        // The header band (top corners rounded): its bounds from the path's points.
        const nums = [...attrs!.matchAll(/([MHVAZ])([^MHVAZ"]*)/g)];
        const xs: number[] = [];
        const ys: number[] = [];
        let x = 0;
        let y = 0;
        for (const [, cmd, args] of nums) {
          const v = args!.trim().split(/[ ,]+/).filter(Boolean).map(Number);
          if (cmd === 'M') [x, y] = [v[0]!, v[1]!];
          if (cmd === 'H') x = v[0]!;
          if (cmd === 'V') y = v[0]!;
          if (cmd === 'A') [x, y] = [v[5]!, v[6]!];
          xs.push(x);
          ys.push(y);
        }
        parts.push({ name, x: Math.min(...xs), y: Math.min(...ys), w: r2(Math.max(...xs) - Math.min(...xs)), h: r2(Math.max(...ys) - Math.min(...ys)) });
      }
      if (el === 'circle') parts.push({ name, x: attr('cx'), y: attr('cy'), w: 2 * attr('r') });
      if (el === 'g') {
        const [tx, ty] = /translate\(([^ ]+) ([^)]+)\)/.exec(attrs!)!.slice(1).map(Number);
        parts.push({ name, x: tx!, y: ty! });
      }
      if (el === 'text') {
        const at = body!.indexOf(tag!);
        const inner = body!.slice(at + tag!.length, body!.indexOf('</text>', at));
        const spans = [...inner.matchAll(/<tspan x="([^"]+)" y="([^"]+)">(.*?)<\/tspan>/g)];
        parts.push({ name, x: Number(spans[0]![1]), y: Number(spans[0]![2]), lines: spans.map((s) => unescape(s[3]!)) });
      }
    }
    cards.set(id!, parts);
  }
  return cards;
}

/** The Konva nodes of one card group as Drawn parts (Konva names mapped back to the layout's). */
function konvaParts(group: Konva.Group): Drawn[] {
  const names = new Map(Object.entries(KONVA_NAMES).map(([part, konva]) => [konva, part as CardPartName]));
  const parts: Drawn[] = [];
  const visit = (node: Konva.Node) => {
    const name = names.get(node.name());
    if (name) {
      const a = node.getAttrs() as Record<string, number | string>;
      if (node instanceof Konva.Text) {
        parts.push({ name, x: r2(node.x()), y: r2(node.y()), w: r2(node.width()), lines: node.text().split('\n') });
        expect(node.lineHeight() * node.fontSize()).toBeGreaterThan(0);
      } else if (node instanceof Konva.Circle) parts.push({ name, x: r2(node.x()), y: r2(node.y()), w: r2(2 * node.radius()) });
      else if (node instanceof Konva.Rect) parts.push({ name, x: r2(Number(a.x ?? 0)), y: r2(Number(a.y ?? 0)), w: r2(node.width()), h: r2(node.height()) });
      else parts.push({ name, x: r2(node.x()), y: r2(node.y()) });
    }
    if (node instanceof Konva.Group && !name) node.getChildren().forEach(visit);
  };
  group.getChildren().forEach(visit);
  return parts;
}

/** The SVG writes a text's first line at the middle of its line box; the layout gives its top. */
function svgExpected(layout: CardLayout): Drawn[] {
  return expected(layout).map((drawn, i) => {
    const part = layout.parts[i]!;
    if (part.type !== 'text') return drawn;
    return { ...drawn, x: r2(part.align === 'center' ? part.x + part.w / 2 : part.x), y: r2(part.y + part.lineHeight / 2), w: undefined };
  });
}

function sampleBoard() {
  const board = newBoardDocs();
  initBoard(board, { title: 'Retro', template: 'blank', locale: 'en' });
  const add = (kind: CardKind, x: number, y: number, text: string, org?: string) =>
    addCard(board, { kind, x, y, w: 220, h: 140, text, authorId: 'u-ann', authorName: 'Ann', org });
  const ids = {
    lesson: add('lesson', 600, 0, 'Plan the retro with the whole team, every quarter, on a Monday morning before the stand-up, and write it all down'),
    success: add('success', 0, 0, 'Daily stand-up works', 'Gemeente Utrecht'),
    problem: add('problem', 0, 300, 'Nobody owned the backlog <so> "urgent" meant everything & more'),
    note: add('note', 600, 300, ''),
  };
  linkCards(board, ids.success, ids.lesson, 'u-ann');
  setVote(board, ids.lesson, 'u-ann', 2);
  setVote(board, ids.lesson, 'u-bob', 1);
  setVote(board, ids.problem, 'u-bob', 1);
  return { board, ids };
}

describe('one board through every renderer of a card', () => {
  it('the SVG, the PNG/PDF scene and the canvas’s shapes draw every part where the card layout puts it', () => {
    const { board, ids } = sampleBoard();
    const data = sceneData(new BoardStore(board), 'board', new Set());
    const svg = svgCards(exportSvg(board, { kindLabels: LABELS, measure: estimateWidth }));
    const scene = new ExportScene(data, LABELS, estimateWidth);
    const group = scene.groupFor({ x: -100, y: -100, w: 2000, h: 2000 });
    try {
      expect(svg.size).toBe(4);
      for (const card of data.cards as Card[]) {
        const layout = cardLayout(exportedFace(card, LABELS[card.kind]), estimateWidth);
        // The SVG.
        expect(
          svg
            .get(card.id)!
            .map((d) => ({ ...d, w: d.lines ? undefined : d.w }))
            .sort(byName),
          `svg of ${card.kind}`,
        ).toEqual(svgExpected(layout).sort(byName));
        // The export scene (PNG and PDF draw it).
        const node = group.getChildren().find((child) => child.id() === card.id) as Konva.Group;
        expect(node.position()).toEqual({ x: card.x, y: card.y });
        expect(konvaParts(node).sort(byName), `export scene of ${card.kind}`).toEqual(expected(layout).sort(byName));
        // The canvas: CardView draws konvaCardShapes of the same layout (full detail), in low detail the bands and the dots.
        const shapes = new Konva.Group();
        for (const shape of konvaCardShapes(layout, card.id)) shapes.add(toNode(shape));
        expect(konvaParts(shapes).sort(byName), `canvas of ${card.kind}`).toEqual(expected(layout).sort(byName));
        const low = konvaCardShapes(layout, card.id, 'low')
          .flatMap((shape) => [shape, ...(shape.children ?? [])])
          .map((shape) => shape.attrs.name);
        expect(low.filter((name) => name !== 'card-votes')).toEqual(
          layout.parts.filter((p) => ['card', 'header', 'votes', 'votes-text'].includes(p.name)).map((p) => KONVA_NAMES[p.name]),
        );
        const bands = lowDetailBands(card);
        const header = layout.parts.find((p) => p.name === 'header')!;
        expect(bands.header).toEqual({ x: card.x + header.x, y: card.y + header.y, w: (header as { w: number }).w, h: (header as { h: number }).h });
      }
      // Every renderer shows the dots a card has: the lesson's 3, the problem's 1.
      const votes = (id: string) => svg.get(id)!.find((d) => d.name === 'votes-text')?.lines;
      expect(votes(ids.lesson)).toEqual(['3']);
      expect(votes(ids.problem)).toEqual(['1']);
      const badge = group.findOne((n: Konva.Node) => n.id() === `votes-${ids.lesson}`) as Konva.Group;
      expect((badge.findOne('.card-votes-text') as Konva.Text).text()).toBe('3');
    } finally {
      scene.destroy();
    }
  });

  it('a hidden round hides the dots in every export', () => {
    const { board, ids } = sampleBoard();
    startVoting(board, { dots: 3, kinds: ['lesson', 'problem'], stack: true });
    setVote(board, ids.lesson, 'u-ann', 1);
    const svg = svgCards(exportSvg(board, { kindLabels: LABELS, measure: estimateWidth }));
    const scene = new ExportScene(sceneData(new BoardStore(board), 'board', new Set()), LABELS, estimateWidth);
    try {
      const group = scene.groupFor({ x: -100, y: -100, w: 2000, h: 2000 });
      expect([...svg.values()].flat().some((d) => d.name === 'votes')).toBe(false);
      expect(group.find('.card-votes')).toHaveLength(0);
    } finally {
      scene.destroy();
    }
  });
});

function toNode(shape: ReturnType<typeof konvaCardShapes>[number]): Konva.Group | Konva.Shape {
  const node = new Konva[shape.className](shape.attrs);
  if (node instanceof Konva.Group) for (const child of shape.children ?? []) node.add(toNode(child));
  return node;
}
