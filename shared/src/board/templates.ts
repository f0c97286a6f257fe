import type { Locale, Template } from '../model/schemas';
import type { NewFrame } from './frames';

/** Frame titles are board content in the board's language, not UI strings. */
const BENCHLEARNING_TITLES: Record<Locale, [string, string, string]> = {
  en: ['Successes', 'Problems', 'Lessons'],
  nl: ['Successen', 'Problemen', 'Lessen'],
};

/** Colours of the kinds, also used by the canvas legend, so a frame matches its cards. */
export const KIND_COLORS = {
  success: '#2e7d32',
  problem: '#c62828',
  lesson: '#1565c0',
  note: '#6d6d6d',
} as const;

export const FRAME_WIDTH = 760;
export const FRAME_HEIGHT = 980;
export const FRAME_GAP = 60;

export function templateFrames(template: Template, locale: Locale): NewFrame[] {
  if (template === 'blank') return [];
  const [successes, problems, lessons] = BENCHLEARNING_TITLES[locale];
  const colors = [KIND_COLORS.success, KIND_COLORS.problem, KIND_COLORS.lesson];
  return [successes, problems, lessons].map((title, i) => ({
    title,
    x: i * (FRAME_WIDTH + FRAME_GAP),
    y: 0,
    w: FRAME_WIDTH,
    h: FRAME_HEIGHT,
    color: colors[i]!,
  }));
}
