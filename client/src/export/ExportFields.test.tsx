import { describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import i18next from 'i18next';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { resources } from '../i18n';
import type { ExportChoice } from './exportBoard';
import { PictureFields, type PictureFieldsProps } from './ExportFields';

const choice: ExportChoice = { format: 'png', area: 'board', ratio: 1, background: 'white', paper: 'a4', orientation: 'landscape', withReport: true };

function render(props: Partial<PictureFieldsProps> = {}, language: 'en' | 'nl' = 'en'): string {
  const i18n = i18next.createInstance();
  void i18n.use(initReactI18next).init({ resources, lng: language, defaultNS: 'app', ns: ['app', 'export'], initAsync: false, showSupportNotice: false });
  return renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <PictureFields choice={choice} area="board" update={vi.fn()} selectionEmpty={false} size={null} working={false} {...props} />
    </I18nextProvider>,
  );
}

/** The options of the select named `name`, as `value:selected?`. */
function options(html: string, name: string): string[] {
  const select = new RegExp(`<select name="${name}"[^>]*>(.*?)</select>`).exec(html)?.[1] ?? '';
  return [...select.matchAll(/<option value="([^"]+)"( selected="")?( disabled="")?/g)].map(
    ([, value, selected, disabled]) => `${value}${selected ? '*' : ''}${disabled ? '!' : ''}`,
  );
}

describe("the export dialog's fields", () => {
  it('a PNG: format, area, pixel ratio and background, with the current choice selected', () => {
    const html = render();
    expect(options(html, 'export-format')).toEqual(['png*', 'svg', 'pdf']);
    expect(options(html, 'export-area')).toEqual(['board*', 'view', 'selection']);
    expect(options(html, 'export-ratio')).toEqual(['1*', '2', '3']);
    expect(options(html, 'export-background')).toEqual(['white*', 'transparent']);
    expect(html).not.toContain('export-paper');
  });

  it('a PDF: paper, orientation and the report instead of ratio and background', () => {
    const html = render({ choice: { ...choice, format: 'pdf', paper: 'a3', orientation: 'portrait' } });
    expect(options(html, 'export-paper')).toEqual(['auto', 'a4', 'a3*']);
    expect(options(html, 'export-orientation')).toEqual(['auto', 'landscape', 'portrait*']);
    expect(html).toContain('name="export-report" checked=""');
    expect(html).not.toContain('export-ratio');
    expect(html).not.toContain('export-background');
  });

  it('a PDF can take the page the way the board is (a tall board portrait)', () => {
    const html = render({ choice: { ...choice, format: 'pdf', orientation: 'auto' } });
    expect(options(html, 'export-orientation')).toEqual(['auto*', 'landscape', 'portrait']);
    expect(html).toContain('The way the board is');
  });

  it('an SVG: a background but no pixel ratio', () => {
    const html = render({ choice: { ...choice, format: 'svg' } });
    expect(html).toContain('export-background');
    expect(html).not.toContain('export-ratio');
  });

  it('nothing selected: the selection cannot be chosen, and it says so', () => {
    const html = render({ selectionEmpty: true });
    expect(options(html, 'export-area')).toEqual(['board*', 'view', 'selection!']);
    expect(html).toContain('class="muted"');
  });

  it("shows the PNG's size in pixels, and when it was reduced to the limit", () => {
    const html = render({ size: { width: 4000, height: 3000, reduced: true } });
    expect(html).toContain('data-testid="export-size" data-width="4000" data-height="3000"');
    expect(html).toContain('4,000');
  });

  it('while a picture is made, the fields are disabled', () => {
    expect(render({ working: true })).toMatch(/<fieldset class="export-fields" disabled="">/);
  });

  it('speaks Dutch on a Dutch page', () => {
    const en = render();
    const nl = render({}, 'nl');
    expect(nl).not.toBe(en);
    expect(options(nl, 'export-format')).toEqual(['png*', 'svg', 'pdf']);
  });
});
