import { describe, expect, it } from 'vitest';
import { newBoardDocs } from '../board/doc';
import { cloneBoard } from '../board/testing';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { addCard, addFrame, initBoard, KIND_COLORS } from '../board';
import { LINK_STYLE } from '../layout';
import { escapeXml, exportSvg, safeColor } from './index';
import { HOSTILE_TEXT, sampleBoard } from './testing';

interface XmlNode {
  name: string;
  attributes: Record<string, string>;
  text: string;
  children: XmlNode[];
}

/** The SVG as a tree (fast-xml-parser's ordered form turned into plain nodes). */
function parseSvg(svg: string): XmlNode {
  expect(XMLValidator.validate(svg)).toBe(true);
  const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '', processEntities: true, trimValues: false });
  const ordered = parser.parse(svg) as Record<string, unknown>[];
  const convert = (entry: Record<string, unknown>): XmlNode | null => {
    const name = Object.keys(entry).find((key) => key !== ':@');
    if (!name) return null;
    if (name === '#text') return { name, attributes: {}, text: String(entry[name]), children: [] };
    const children = ((entry[name] as Record<string, unknown>[]) ?? []).map(convert).filter((node): node is XmlNode => node !== null);
    return { name, attributes: (entry[':@'] as Record<string, string>) ?? {}, text: '', children };
  };
  const root = ordered.map(convert).find((node) => node?.name === 'svg');
  expect(root).toBeDefined();
  return root!;
}

function walk(node: XmlNode, visit: (node: XmlNode) => void): void {
  visit(node);
  for (const child of node.children) walk(child, visit);
}

function textOf(node: XmlNode): string {
  return node.name === '#text' ? node.text : node.children.map(textOf).join(node.name === 'text' ? ' ' : '');
}

describe('exportSvg', () => {
  it('draws frames, cards in the kind colours and links with an arrow marker, fitted with a margin', () => {
    const { board } = sampleBoard();
    const root = parseSvg(exportSvg(board));
    expect(root.attributes.xmlns).toBe('http://www.w3.org/2000/svg');
    // Frames span x 0..2400, y 0..980; a 40-unit margin around them.
    expect(root.attributes.viewBox).toBe('-40 -40 2480 1060');
    const rects: XmlNode[] = [];
    const lines: XmlNode[] = [];
    walk(root, (node) => {
      if (node.name === 'rect') rects.push(node);
      if (node.name === 'line') lines.push(node);
    });
    for (const color of Object.values(KIND_COLORS)) expect(rects.some((rect) => rect.attributes.stroke === color)).toBe(true);
    expect(lines).toHaveLength(4);
    const heads: XmlNode[] = [];
    walk(root, (node) => {
      if (node.name === 'polygon' && node.attributes['data-part'] === 'arrow-head') heads.push(node);
    });
    expect(heads).toHaveLength(4);
    for (const line of [...lines, ...heads]) expect(line.attributes.stroke ?? line.attributes.fill).toBe(LINK_STYLE.color);
    const titles: string[] = [];
    walk(root, (node) => {
      if (node.name === 'title') titles.push(textOf(node));
    });
    expect(titles).toEqual(['Q3 retro']);
  });

  it('keeps hostile card text as text: no script, no event attributes, no external references', () => {
    const { board } = sampleBoard();
    const extra = cloneBoard(board, newBoardDocs());
    addCard(extra, {
      kind: 'note',
      x: 0,
      y: 2000,
      w: 900,
      h: 200,
      text: '<script>alert(3)</script>',
      authorId: 'x',
      authorName: '"><svg onload=alert(4)>',
      org: "' onmouseover='x",
    });
    addFrame(extra, { title: '<foreignObject>', x: 0, y: 2300, w: 100, h: 100, color: 'url(http://evil.example/x.svg#a)' });
    const svg = exportSvg(extra);
    const root = parseSvg(svg);
    const texts: string[] = [];
    walk(root, (node) => {
      expect(['script', 'foreignObject', 'image', 'a', 'iframe', 'use', 'style']).not.toContain(node.name);
      for (const [name, value] of Object.entries(node.attributes)) {
        expect(name.toLowerCase().startsWith('on')).toBe(false);
        expect(name).not.toMatch(/href$/i);
        expect(value).not.toMatch(/url\((?!#)/i);
        expect(value).not.toMatch(/javascript:/i);
      }
      if (node.name === 'text') texts.push(textOf(node));
    });
    const all = texts.join('\n');
    expect(all).toContain('<script>alert(3)</script>');
    expect(all.replace(/\n| /g, '')).toContain(HOSTILE_TEXT.replace(/ /g, '').slice(0, 20));
    expect(all).toContain('<foreignObject>');
    expect(svg).not.toMatch(/<script/i);
    expect(svg).not.toContain('evil.example');
  });

  it('writes the text of every card (wrapped by estimated widths)', () => {
    const { board } = sampleBoard();
    const root = parseSvg(exportSvg(board));
    const texts: string[] = [];
    walk(root, (node) => {
      if (node.name === 'text') texts.push(textOf(node));
    });
    const all = texts.join(' ');
    for (const phrase of ['Plan the retro with the whole team', 'Daily stand-up works', 'Ann · Gemeente Utrecht', '=SUM(A1:A9)', 'Successes']) {
      expect(all).toContain(phrase);
    }
  });

  it('draws only a region (as the viewBox) or only a selection of cards with the links between them', () => {
    const { board, ids } = sampleBoard();
    const region = exportSvg(board, { region: { x: 0, y: 0, w: 700, h: 500 } });
    expect(region).toContain('viewBox="0 0 700 500"');
    expect(region).toContain('Daily stand-up works');
    expect(region).not.toContain('Nobody owned the backlog');
    // The success links to a lesson far to the right: the line is drawn into the region.
    expect(region).toContain('<line ');

    const picked = exportSvg(board, { cardIds: new Set([ids.success1, ids.lesson1, ids.problem2]) });
    expect(picked).toContain('Daily stand-up works');
    expect(picked).toContain('Plan the retro with the');
    expect(picked).not.toContain('Ask the regions');
    expect(picked.match(/<line /g)).toHaveLength(1);
    expect(picked).not.toContain('font-size="26"'); // no frame titles
  });

  it('fits an empty board and a transparent background', () => {
    const board = newBoardDocs();
    initBoard(board, { title: 'Empty', template: 'blank', locale: 'en' });
    const root = parseSvg(exportSvg(board, { background: null }));
    expect(root.attributes.viewBox).toBe('-40 -40 480 380');
    walk(root, (node) => expect(node.name).not.toBe('rect'));
  });
});

describe('SVG helpers', () => {
  it('escapes markup and drops characters XML cannot hold', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect(escapeXml('nul\u0000 bell\u0007 ok\u{1F600}')).toBe('nul bell ok\u{1F600}');
    expect(escapeXml('lone \uD800 surrogate')).toBe('lone  surrogate');
  });

  it('accepts only plain colours', () => {
    expect(safeColor('#1565c0', 'gray')).toBe('#1565c0');
    expect(safeColor('teal', 'gray')).toBe('teal');
    expect(safeColor('url(#x)', 'gray')).toBe('gray');
    expect(safeColor('red;fill:url(http://x)', 'gray')).toBe('gray');
    expect(safeColor(undefined, 'gray')).toBe('gray');
  });
});

describe('exportSvg from a reader’s board', () => {
  it('draws the cards, links and frames it is given instead of reading the documents again', () => {
    const { board, ids } = sampleBoard('en');
    const svg = exportSvg(board, {
      content: {
        cards: [
          {
            id: ids.lesson1,
            kind: 'lesson',
            x: 0,
            y: 0,
            w: 240,
            h: 150,
            z: 'a0',
            text: 'As the editor holds it',
            authorId: 'u',
            authorName: 'U',
            createdAt: 0,
          },
        ],
        links: [],
        frames: [],
      },
    });
    expect(svg).toContain('As the editor holds it');
    expect(svg).not.toContain('Daily stand-up works');
  });
});
