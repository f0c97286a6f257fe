import type { BoardDocs } from '../board/doc';
import { drawnLinks, readCards, readFrames, readMeta } from '../board/read';
import { readShownCards } from '../board/session';
import {
  arrowHead,
  cardLayout,
  estimateWidth,
  exportedFace,
  FONT_FAMILY,
  ICON_STROKE_WIDTH,
  LINK_STYLE,
  linkPoints,
  type CardPart,
  type IconPart,
  type TextMeasure,
  type TextPart,
} from '../layout';
import type { Card, CardKind, Frame, Link } from '../model/schemas';
import { REPORT_STRINGS } from './strings';

/** XML 1.0 cannot hold these at all (not even escaped); a card text may contain them. */
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text for an SVG text node or attribute value: every markup character escaped. */
export function escapeXml(value: string): string {
  return value.replace(XML_INVALID, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/**
 * A colour from the board (a frame's `color` may come from any client or file) is used only
 * when it is a plain hex colour or colour name: never a url(), which could fetch something.
 */
export function safeColor(value: string | undefined, fallback: string): string {
  return value && (/^#[0-9a-fA-F]{3,8}$/.test(value) || /^[a-zA-Z]{3,20}$/.test(value)) ? value : fallback;
}

function num(value: number): string {
  return String(Math.round(value * 100) / 100);
}

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

function frameSvg(frame: Frame): string {
  const color = safeColor(frame.color, '#90a4ae');
  return (
    `<g><rect x="${num(frame.x)}" y="${num(frame.y)}" width="${num(frame.w)}" height="${num(frame.h)}" rx="12" ` +
    `fill="${color}" fill-opacity="0.06" stroke="${color}" stroke-width="2"/>` +
    `<text x="${num(frame.x + 20)}" y="${num(frame.y + 40)}" font-size="26" font-weight="600" fill="${color}">${escapeXml(frame.title)}</text></g>`
  );
}

/** A path of a rect with its own radius per corner (top-left, top-right, bottom-right, bottom-left). */
function roundedPath(x: number, y: number, w: number, h: number, [tl, tr, br, bl]: readonly [number, number, number, number]): string {
  const r = (v: number) => Math.max(0, Math.min(v, w / 2, h / 2));
  const [a, b, c, d] = [r(tl), r(tr), r(br), r(bl)];
  return (
    `M${num(x + a)},${num(y)} H${num(x + w - b)} A${num(b)},${num(b)} 0 0 1 ${num(x + w)},${num(y + b)} ` +
    `V${num(y + h - c)} A${num(c)},${num(c)} 0 0 1 ${num(x + w - c)},${num(y + h)} H${num(x + d)} ` +
    `A${num(d)},${num(d)} 0 0 1 ${num(x)},${num(y + h - d)} V${num(y + a)} A${num(a)},${num(a)} 0 0 1 ${num(x + a)},${num(y)} Z`
  );
}

function strokeAttrs(stroke: string | null, width: number): string {
  return stroke ? ` stroke="${stroke}" stroke-width="${num(width)}"` : '';
}

function iconSvg(part: IconPart): string {
  const glyphs = part.glyphs.map((glyph) =>
    glyph.type === 'line'
      ? `<polyline points="${glyph.points.map(num).join(' ')}" fill="none" stroke="${part.color}" stroke-width="${ICON_STROKE_WIDTH}" stroke-linecap="round" stroke-linejoin="round"/>`
      : glyph.type === 'dot'
        ? `<circle cx="${num(glyph.x)}" cy="${num(glyph.y)}" r="${num(glyph.r)}" fill="${part.color}"/>`
        : `<circle cx="${num(glyph.x)}" cy="${num(glyph.y)}" r="${num(glyph.r)}" fill="none" stroke="${part.color}" stroke-width="${ICON_STROKE_WIDTH}"/>`,
  );
  return `<g data-part="${part.name}" transform="translate(${num(part.x)} ${num(part.y)})">${glyphs.join('')}</g>`;
}

function textSvg(part: TextPart): string {
  const x = part.align === 'center' ? part.x + part.w / 2 : part.x;
  // Each line on the middle of its line box, as Konva draws it (textBaseline middle).
  const spans = part.lines.map((line, i) => `<tspan x="${num(x)}" y="${num(part.y + (i + 0.5) * part.lineHeight)}">${escapeXml(line)}</tspan>`).join('');
  const font = `font-size="${part.font.size}"${part.font.weight === 'bold' ? ' font-weight="700"' : ''}${part.font.style === 'italic' ? ' font-style="italic"' : ''}`;
  const anchor = part.align === 'center' ? ' text-anchor="middle"' : '';
  return `<text data-part="${part.name}" ${font} fill="${part.fill}" dominant-baseline="central"${anchor}>${spans}</text>`;
}

/** One part of a card's layout (shared/src/layout), in the card's own coordinates. */
function partSvg(part: CardPart): string {
  const name = `data-part="${part.name}"`;
  switch (part.type) {
    case 'rect':
      return typeof part.radius === 'number'
        ? `<rect ${name} x="${num(part.x)}" y="${num(part.y)}" width="${num(part.w)}" height="${num(part.h)}" rx="${num(part.radius)}" fill="${part.fill}"${strokeAttrs(part.stroke, part.strokeWidth)}/>`
        : `<path ${name} d="${roundedPath(part.x, part.y, part.w, part.h, part.radius)}" fill="${part.fill}"${strokeAttrs(part.stroke, part.strokeWidth)}/>`;
    case 'circle':
      return `<circle ${name} cx="${num(part.x)}" cy="${num(part.y)}" r="${num(part.r)}" fill="${part.fill}"${strokeAttrs(part.stroke, part.strokeWidth)}/>`;
    case 'icon':
      return iconSvg(part);
    case 'text':
      return textSvg(part);
  }
}

function cardSvg(card: Card, kindLabels: Readonly<Record<CardKind, string>>, measure: TextMeasure): string {
  const layout = cardLayout(exportedFace(card, kindLabels[card.kind]), measure);
  return `<g data-card="${escapeXml(card.id)}" transform="translate(${num(card.x)} ${num(card.y)})">${layout.parts.map(partSvg).join('')}</g>`;
}

/** A link's arrow as the canvas draws it: the shaft to the head's base, the head filled. */
function linkSvg(points: readonly [number, number, number, number], label: string | undefined): string {
  const head = arrowHead(points);
  const [x1, y1, x2, y2] = points;
  const color = LINK_STYLE.color;
  const out = [
    `<line x1="${num(x1)}" y1="${num(y1)}" x2="${num(head.base.x)}" y2="${num(head.base.y)}" stroke="${color}" stroke-width="${LINK_STYLE.width}" stroke-linecap="round"/>`,
    `<polygon data-part="arrow-head" points="${[head.tip, head.left, head.right].map((p) => `${num(p.x)},${num(p.y)}`).join(' ')}" fill="${color}"/>`,
  ];
  if (label) {
    out.push(`<text x="${num((x1 + x2) / 2)}" y="${num((y1 + y2) / 2 - 6)}" font-size="12" fill="${color}" text-anchor="middle">${escapeXml(label)}</text>`);
  }
  return out.join('');
}

export interface SvgOptions {
  /** Space around the content, in board units. Default 40. */
  margin?: number;
  /** Background fill, or null for transparent. Default white. */
  background?: string | null;
  /**
   * Only this part of the board (board units): it becomes the viewBox (no margin), and frames,
   * links and cards that do not touch it are left out. Default: fitted to the content.
   */
  region?: { x: number; y: number; w: number; h: number };
  /** Only these cards and the links between two of them, no frames (an export of a selection). */
  cardIds?: ReadonlySet<string>;
  /** The kinds' names in the header bands. Default: in the board's language. */
  kindLabels?: Readonly<Record<CardKind, string>>;
  /** Text widths (the browser passes its fonts'). Default: estimateWidth, an estimate without fonts. */
  measure?: TextMeasure;
  /**
   * The board as a reader already holds it (the client's editor read model): cards in stacking
   * order, drawn links, frames. Default: read from the documents.
   */
  content?: HeldBoard;
}

/** A board's cards (stacking order), drawn links and frames, as a reader holds them. */
export interface HeldBoard {
  cards: readonly Card[];
  links: readonly Link[];
  frames: readonly Frame[];
}

function touches(a: Box, b: Box): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/**
 * The board as a standalone SVG, drawn without a browser: frames, links (arrows from the card
 * to its lesson) and cards in stacking order, the viewBox fitted to the content. Every text is
 * escaped and nothing is referenced outside the file: no scripts, no event attributes, no
 * links, no external images or fonts. Cards are drawn from the one card layout (shared/src/layout),
 * their text wrapped by `measure` (on the server an estimate: it has no fonts).
 */
export function exportSvg(board: BoardDocs, options: SvgOptions = {}): string {
  const margin = options.margin ?? 40;
  const meta = readMeta(board);
  const only = options.cardIds;
  const region = options.region;
  // Names and hidden votes stay out as the board shows them (anonymous mode, a hidden round).
  const content = options.content;
  const shownCards = readShownCards(board, content?.cards ?? readCards(board));
  const allCards = only ? shownCards.filter((card) => only.has(card.id)) : shownCards;
  const byId = new Map(allCards.map((card) => [card.id, card]));
  // Links first, from every card: a link from a card outside the region into it is drawn too.
  let links = content ? content.links.filter((link) => byId.has(link.from) && byId.has(link.to)) : drawnLinks(board, allCards);
  let cards = allCards;
  let frames = only ? [] : (content?.frames ?? readFrames(board));
  if (region) {
    cards = cards.filter((card) => touches(card, region));
    frames = frames.filter((frame) => touches(frame, region));
    links = links.filter((link) => {
      const a = byId.get(link.from)!;
      const b = byId.get(link.to)!;
      const x = Math.min(a.x, b.x);
      const y = Math.min(a.y, b.y);
      return touches({ x, y, w: Math.max(a.x + a.w, b.x + b.w) - x, h: Math.max(a.y + a.h, b.y + b.h) - y }, region);
    });
  }

  const boxes: Box[] = [...frames, ...cards];
  let minX = 0;
  let minY = 0;
  let maxX = 400;
  let maxY = 300;
  if (boxes.length > 0) {
    [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const box of boxes) {
      minX = Math.min(minX, box.x);
      minY = Math.min(minY, box.y);
      maxX = Math.max(maxX, box.x + box.w);
      maxY = Math.max(maxY, box.y + box.h);
    }
  }
  const [vx, vy, vw, vh] = region
    ? [region.x, region.y, region.w, region.h]
    : [minX - margin, minY - margin, maxX - minX + 2 * margin, maxY - minY + 2 * margin];

  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${num(vx)} ${num(vy)} ${num(vw)} ${num(vh)}" width="${num(vw)}" height="${num(vh)}" font-family="${escapeXml(FONT_FAMILY)}">`,
    `<title>${escapeXml(meta.title)}</title>`,
  ];
  if (options.background !== null) {
    out.push(`<rect x="${num(vx)}" y="${num(vy)}" width="${num(vw)}" height="${num(vh)}" fill="${safeColor(options.background, '#ffffff')}"/>`);
  }
  out.push('<g>', ...frames.map(frameSvg), '</g>');
  out.push('<g>');
  for (const link of links) {
    const points = linkPoints(byId.get(link.from)!, byId.get(link.to)!);
    if (points) out.push(linkSvg(points, link.label));
  }
  out.push('</g>');
  const kindLabels = options.kindLabels ?? REPORT_STRINGS[meta.locale].kinds;
  const measure = options.measure ?? estimateWidth;
  out.push('<g>', ...cards.map((card) => cardSvg(card, kindLabels, measure)), '</g>');
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
