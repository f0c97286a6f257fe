import i18next from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';
import { LOCALES, type Locale } from '@benchlearn/shared';
import appEn from './app.en';
import appNl from './app.nl';
import canvasEn from './canvas.en';
import canvasNl from './canvas.nl';
import sessionEn from './session.en';
import sessionNl from './session.nl';
import exportEn from './export.en';
import exportNl from './export.nl';
import libraryEn from './library.en';
import libraryNl from './library.nl';

export const resources = {
  en: { app: appEn, canvas: canvasEn, export: exportEn, session: sessionEn, library: libraryEn },
  nl: { app: appNl, canvas: canvasNl, export: exportNl, session: sessionNl, library: libraryNl },
} as const;

/** Where the language switch remembers the choice. */
export const LANGUAGE_STORAGE_KEY = 'benchlearn:language';

// Keys are checked at compile time: a t('...') with a key that en lacks does not build.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'app';
    resources: (typeof resources)['en'];
  }
}

export function isSupportedLanguage(value: string | undefined): value is Locale {
  return value !== undefined && (LOCALES as readonly string[]).includes(value);
}

/** The language in use, one of nl/en (i18next may report a regional code such as nl-BE). */
export function currentLanguage(): Locale {
  const language = i18next.resolvedLanguage ?? i18next.language;
  return isSupportedLanguage(language) ? language : 'en';
}

/** The switch's choice, remembered; until someone chooses, the language follows the browser. */
export function setLanguage(language: Locale): void {
  try {
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // Not remembered across visits; the switch still works now.
  }
  void i18next.changeLanguage(language);
}

let started = false;

/** Starts i18n once: the browser's language unless the switch chose one (localStorage). */
export function startI18n(): typeof i18next {
  if (started) return i18next;
  started = true;
  void i18next
    .use(LanguageDetector)
    .use(initReactI18next)
    .init({
      resources,
      ns: ['app', 'canvas', 'export', 'session', 'library'],
      defaultNS: 'app',
      supportedLngs: [...LOCALES],
      nonExplicitSupportedLngs: true,
      load: 'languageOnly',
      fallbackLng: 'en',
      initAsync: false,
      showSupportNotice: false,
      interpolation: { escapeValue: false }, // React escapes already
      detection: {
        order: ['localStorage', 'navigator'],
        lookupLocalStorage: LANGUAGE_STORAGE_KEY,
        caches: [], // only an explicit choice is remembered (setLanguage)
      },
    });
  const syncDocumentLanguage = () => {
    if (typeof document !== 'undefined') document.documentElement.lang = currentLanguage();
  };
  syncDocumentLanguage();
  i18next.on('languageChanged', syncDocumentLanguage);
  return i18next;
}
