import type { Locale, Template } from '../model/schemas';
import { MAX_ORGANISATION_LENGTH, MAX_ORGANISATIONS } from '../protocol/limits';
import type { NewFrame } from './frames';

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
/** Height of one organisation's success or problem area in the by-organisation template. */
export const ORGANISATION_AREA_HEIGHT = 600;

/** Frame titles are board content in the board's language, not UI strings. */
const TITLES = {
  en: {
    successes: 'Successes',
    problems: 'Problems',
    lessons: 'Lessons',
    wentWell: 'Went well',
    actions: 'Actions',
    sharedLessons: 'Lessons (shared)',
  },
  nl: {
    successes: 'Successen',
    problems: 'Problemen',
    lessons: 'Lessen',
    wentWell: 'Ging goed',
    actions: 'Acties',
    sharedLessons: 'Lessen (gedeeld)',
  },
} as const satisfies Record<Locale, Record<string, string>>;

/** Side-by-side columns of the template's frame size. */
function columns(entries: ReadonlyArray<{ title: string; color: string }>): NewFrame[] {
  return entries.map(({ title, color }, i) => ({
    title,
    x: i * (FRAME_WIDTH + FRAME_GAP),
    y: 0,
    w: FRAME_WIDTH,
    h: FRAME_HEIGHT,
    color,
  }));
}

/**
 * Organisation names as the template uses them: trimmed, blanks and repeats (ignoring case)
 * dropped, each cut to MAX_ORGANISATION_LENGTH, at most MAX_ORGANISATIONS.
 */
export function cleanOrganisations(names: readonly string[]): string[] {
  const seen = new Set<string>();
  const kept: string[] = [];
  for (const raw of names) {
    const name = raw.trim().slice(0, MAX_ORGANISATION_LENGTH);
    const key = name.toLocaleLowerCase();
    if (!name || seen.has(key)) continue;
    seen.add(key);
    kept.push(name);
    if (kept.length === MAX_ORGANISATIONS) break;
  }
  return kept;
}

/**
 * The frames a new board starts with. `organisations` is used by `by-organisation` only: a
 * column per organisation with a success area above a problem area, and one shared lessons
 * area on the right (lessons are what organisations learn from each other).
 */
export function templateFrames(template: Template, locale: Locale, organisations: readonly string[] = []): NewFrame[] {
  const t = TITLES[locale];
  switch (template) {
    case 'blank':
      return [];
    case 'benchlearning':
      return columns([
        { title: t.successes, color: KIND_COLORS.success },
        { title: t.problems, color: KIND_COLORS.problem },
        { title: t.lessons, color: KIND_COLORS.lesson },
      ]);
    case 'retrospective':
      return columns([
        { title: t.wentWell, color: KIND_COLORS.success },
        { title: t.problems, color: KIND_COLORS.problem },
        { title: t.lessons, color: KIND_COLORS.lesson },
        { title: t.actions, color: KIND_COLORS.note },
      ]);
    case 'by-organisation': {
      const orgs = cleanOrganisations(organisations);
      const frames: NewFrame[] = [];
      const areaGap = FRAME_GAP / 2;
      orgs.forEach((org, i) => {
        const x = i * (FRAME_WIDTH + FRAME_GAP);
        frames.push(
          { title: `${org} · ${t.successes}`, x, y: 0, w: FRAME_WIDTH, h: ORGANISATION_AREA_HEIGHT, color: KIND_COLORS.success },
          {
            title: `${org} · ${t.problems}`,
            x,
            y: ORGANISATION_AREA_HEIGHT + areaGap,
            w: FRAME_WIDTH,
            h: ORGANISATION_AREA_HEIGHT,
            color: KIND_COLORS.problem,
          },
        );
      });
      frames.push({
        title: t.sharedLessons,
        x: orgs.length * (FRAME_WIDTH + FRAME_GAP),
        y: 0,
        w: FRAME_WIDTH,
        h: 2 * ORGANISATION_AREA_HEIGHT + areaGap,
        color: KIND_COLORS.lesson,
      });
      return frames;
    }
  }
}
