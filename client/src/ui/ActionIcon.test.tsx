import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { actions, type Action } from '../editor/actions';
import { ActionIcon } from './ActionIcon';

describe('ActionIcon', () => {
  it('draws every icon the registry names, hidden from assistive technology', () => {
    const icons = new Set((Object.values(actions) as Action[]).map((action) => action.icon).filter((icon) => icon !== undefined));
    expect(icons.size).toBeGreaterThan(0);
    for (const icon of icons) {
      const html = renderToStaticMarkup(<ActionIcon icon={icon} />);
      expect(html).toContain('aria-hidden="true"');
      expect(html).toContain('focusable="false"');
      expect(html).toMatch(/<path d="M[^"]+"/);
    }
  });

  it("strokes in the button's text colour", () => {
    expect(renderToStaticMarkup(<ActionIcon icon="undo" />)).toContain('stroke="currentColor"');
  });
});
