import type { BoardDocs } from '../board/doc';
import { drawnLinks, readFrames, readMeta } from '../board/read';
import { KIND_COLORS } from '../board/templates';
import { readShownCards } from '../board/session';
import { votesTotal } from '../board/votes';
import type { Card, Frame } from '../model/schemas';

/** XML 1.0 cannot hold these at all (not even escaped); a card text may contain them. */
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text for an SVG text node or attribute value: every markup character escaped. */
export function escapeXml(value: string): string {
  return value
    .replace(XML_INVALID, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
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

const FONT = 'system-ui, -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif';
const CARD_FONT_SIZE = 14;
const LINE_HEIGHT = 18;
const PAD = 10;
/** Average glyph width of a sans-serif font, as a share of the font size: wrapping by count. */
const CHAR_WIDTH = 0.55;
const LINK_COLOR = '#455a64';

/**
 * Wraps text into lines of at most `maxChars` characters, breaking at spaces where it can and
 * inside long words where it must; at most `maxLines` lines, the last ending in an ellipsis
 * when text was cut.
 */
export function wrapText(text: string, maxChars: number, maxLines: number): string[] {
  const width = Math.max(1, maxChars);
  const lines: string[] = [];
  for (const paragraph of text.split(/\r\n|\r|\n/)) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      let rest = word;
      while (rest.length > 0) {
        const room = line ? width - line.length - 1 : width;
        if (rest.length <= room) {
          line = line ? `${line} ${rest}` : rest;
          rest = '';
        } else if (line && rest.length <= width) {
          lines.push(line);
          line = '';
        } else {
          const cut = Math.max(1, room);
          lines.push(line ? `${line} ${rest.slice(0, cut)}` : rest.slice(0, cut));
          line = '';
          rest = rest.slice(cut);
        }
      }
    }
    lines.push(line);
  }
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, Math.max(1, maxLines));
  const last = kept[kept.length - 1]!;
  kept[kept.length - 1] = `${last.slice(0, Math.max(0, width - 1))}…`;
  return kept;
}

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Where the segment from the box's centre towards (tx, ty) leaves the box. */
function edgePoint(box: Box, tx: number, ty: number): { x: number; y: number } {
  const cx = box.x + box.w / 2;
  const cy = box.y + box.h / 2;
  const dx = tx - cx;
  const dy = ty - cy;
  if (dx === 0 && dy === 0) return { x: cx, y: cy };
  const t = Math.min(dx === 0 ? Infinity : box.w / 2 / Math.abs(dx), dy === 0 ? Infinity : box.h / 2 / Math.abs(dy));
  return { x: cx + dx * Math.min(1, t), y: cy + dy * Math.min(1, t) };
}

function frameSvg(frame: Frame): string {
  const color = safeColor(frame.color, '#90a4ae');
  return (
    `<g><rect x="${num(frame.x)}" y="${num(frame.y)}" width="${num(frame.w)}" height="${num(frame.h)}" rx="12" ` +
    `fill="${color}" fill-opacity="0.06" stroke="${color}" stroke-width="2"/>` +
    `<text x="${num(frame.x + 20)}" y="${num(frame.y + 40)}" font-size="26" font-weight="600" fill="${color}">${escapeXml(frame.title)}</text></g>`
  );
}

function cardSvg(card: Card): string {
  const color = KIND_COLORS[card.kind];
  const byline = [card.org, card.authorName].filter(Boolean).join(' · ');
  const bylineSpace = byline ? LINE_HEIGHT : 0;
  const maxChars = Math.floor((card.w - 2 * PAD) / (CARD_FONT_SIZE * CHAR_WIDTH));
  const maxLines = Math.max(1, Math.floor((card.h - 2 * PAD - 6 - bylineSpace) / LINE_HEIGHT));
  const lines = wrapText(card.text, maxChars, maxLines);
  const x = card.x + PAD;
  const parts = [
    `<g>`,
    `<rect x="${num(card.x)}" y="${num(card.y)}" width="${num(card.w)}" height="${num(card.h)}" rx="8" fill="#ffffff" stroke="${color}" stroke-width="2"/>`,
    `<rect x="${num(card.x)}" y="${num(card.y)}" width="${num(card.w)}" height="6" fill="${color}"/>`,
  ];
  if (lines.length > 0) {
    const spans = lines
      .map((line, i) => `<tspan x="${num(x)}" y="${num(card.y + PAD + 6 + CARD_FONT_SIZE + i * LINE_HEIGHT)}">${escapeXml(line)}</tspan>`)
      .join('');
    parts.push(`<text font-size="${CARD_FONT_SIZE}" fill="#1a1a1a">${spans}</text>`);
  }
  if (byline) {
    const bylineChars = Math.floor((card.w - 2 * PAD) / (11 * CHAR_WIDTH));
    const shown = byline.length > bylineChars ? `${byline.slice(0, Math.max(0, bylineChars - 1))}…` : byline;
    parts.push(`<text x="${num(x)}" y="${num(card.y + card.h - PAD)}" font-size="11" fill="#555555">${escapeXml(shown)}</text>`);
  }
  const votes = votesTotal(card.votes);
  if (votes > 0) {
    const cx = card.x + card.w - 14;
    const cy = card.y + 20;
    parts.push(
      `<circle cx="${num(cx)}" cy="${num(cy)}" r="10" fill="${color}"/>` +
        `<text x="${num(cx)}" y="${num(cy + 4)}" font-size="11" font-weight="700" fill="#ffffff" text-anchor="middle">${votes}</text>`,
    );
  }
  parts.push('</g>');
  return parts.join('');
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
}

function touches(a: Box, b: Box): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/**
 * The board as a standalone SVG, drawn without a browser: frames, links (arrows from the card
 * to its lesson) and cards in stacking order, the viewBox fitted to the content. Every text is
 * escaped and nothing is referenced outside the file: no scripts, no event attributes, no
 * links, no external images or fonts (card text is wrapped by character count, an estimate).
 */
export function exportSvg(board: BoardDocs, options: SvgOptions = {}): string {
  const margin = options.margin ?? 40;
  const meta = readMeta(board);
  const only = options.cardIds;
  const region = options.region;
  // Names and hidden votes stay out as the board shows them (anonymous mode, a hidden round).
  const shownCards = readShownCards(board);
  const allCards = only ? shownCards.filter((card) => only.has(card.id)) : shownCards;
  const byId = new Map(allCards.map((card) => [card.id, card]));
  // Links first, from every card: a link from a card outside the region into it is drawn too.
  let links = drawnLinks(board, allCards);
  let cards = allCards;
  let frames = only ? [] : readFrames(board);
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
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${num(vx)} ${num(vy)} ${num(vw)} ${num(vh)}" width="${num(vw)}" height="${num(vh)}" font-family="${escapeXml(FONT)}">`,
    `<title>${escapeXml(meta.title)}</title>`,
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto">' +
      `<path d="M0,0 L10,5 L0,10 z" fill="${LINK_COLOR}"/></marker></defs>`,
  ];
  if (options.background !== null) {
    out.push(`<rect x="${num(vx)}" y="${num(vy)}" width="${num(vw)}" height="${num(vh)}" fill="${safeColor(options.background, '#ffffff')}"/>`);
  }
  out.push('<g>', ...frames.map(frameSvg), '</g>');
  out.push('<g>');
  for (const link of links) {
    const from = byId.get(link.from)!;
    const to = byId.get(link.to)!;
    const start = edgePoint(from, to.x + to.w / 2, to.y + to.h / 2);
    const end = edgePoint(to, from.x + from.w / 2, from.y + from.h / 2);
    out.push(
      `<line x1="${num(start.x)}" y1="${num(start.y)}" x2="${num(end.x)}" y2="${num(end.y)}" stroke="${LINK_COLOR}" stroke-width="2" marker-end="url(#arrow)"/>`,
    );
    if (link.label) {
      out.push(
        `<text x="${num((start.x + end.x) / 2)}" y="${num((start.y + end.y) / 2 - 6)}" font-size="12" fill="${LINK_COLOR}" text-anchor="middle">${escapeXml(link.label)}</text>`,
      );
    }
  }
  out.push('</g>');
  out.push('<g>', ...cards.map(cardSvg), '</g>');
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
