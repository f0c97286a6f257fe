import { FONT_FAMILY, estimateWidth, type CardFont, type TextMeasure } from '@benchlearn/shared';

interface MeasuringContext {
  font: string;
  measureText(text: string): { width: number };
}

let context: MeasuringContext | null | undefined;
let contextFont = '';

/** A 2D context to measure with: off screen where there is one (the export worker has no document). */
function measuringContext(): MeasuringContext | null {
  if (context !== undefined) return context;
  try {
    const canvas: { getContext(id: '2d'): MeasuringContext | null } | null =
      'OffscreenCanvas' in globalThis ? new OffscreenCanvas(1, 1) : typeof document !== 'undefined' ? document.createElement('canvas') : null;
    context = canvas?.getContext('2d') ?? null;
  } catch {
    context = null;
  }
  return context;
}

function cssFont(font: CardFont): string {
  return `${font.style} ${font.weight} ${font.size}px ${FONT_FAMILY}`;
}

/**
 * Text widths in the fonts the canvas draws with, for the card layout; without a canvas (unit
 * tests in Node) the layout's estimate.
 */
export const measureText: TextMeasure = (text, font) => {
  const ctx = measuringContext();
  if (!ctx) return estimateWidth(text, font);
  const css = cssFont(font);
  // Setting the font parses it: only when it changes (the context normalises what it reports back).
  if (contextFont !== css) {
    ctx.font = css;
    contextFont = css;
  }
  return ctx.measureText(text).width;
};
