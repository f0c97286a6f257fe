import { DATE_LOCALES } from '@benchlearn/shared';

/**
 * The language tag to format dates with for a UI language: English dates the British way
 * (`3 Dec 2026, 15:05`), never the US order that a bare `en` gives; Dutch the Dutch way. The
 * same tags as the board's reports (shared DATE_LOCALES), so a PDF's header and its report agree.
 */
export function dateLocale(language: string): string {
  const base = language.toLowerCase().split('-')[0];
  return base === 'nl' || base === 'en' ? DATE_LOCALES[base] : language;
}

/** A date and time in the UI's language (dateLocale), falling back to the browser's own format. */
export function formatDateTime(ms: number, language: string, options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' }): string {
  try {
    return new Intl.DateTimeFormat(dateLocale(language), options).format(ms);
  } catch {
    return new Date(ms).toLocaleString();
  }
}
