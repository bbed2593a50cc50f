import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { zhCN } from './zh-CN';
import { en } from './en';

export type Language = 'zh-CN' | 'en';
/** zh-CN first: it is the default and the fallback. */
export const LANGUAGES: readonly Language[] = ['zh-CN', 'en'];
export const DEFAULT_LANGUAGE: Language = 'zh-CN';

export const resources = {
  'zh-CN': { translation: zhCN },
  en: { translation: en },
} as const;

/** One i18next instance for the app; resources are bundled, so initialisation is synchronous. */
export const i18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  resources,
  lng: DEFAULT_LANGUAGE,
  fallbackLng: DEFAULT_LANGUAGE,
  supportedLngs: LANGUAGES as Language[],
  initAsync: false,
  // React escapes what it renders.
  interpolation: { escapeValue: false },
});

/**
 * The languages this kiosk offers its citizens (its config's `languages`), in the app's order, so
 * Chinese comes first whatever order the config lists them in. Before the backend has said (no
 * state yet) or if it named none the app knows, every bundled language.
 */
export function offeredLanguages(configured: readonly string[] | undefined): Language[] {
  const offered = LANGUAGES.filter((l) => configured?.includes(l) === true);
  return offered.length > 0 ? offered : [...LANGUAGES];
}

/** The language each session starts in: Chinese when the kiosk offers it, else its first language. */
export function sessionLanguage(configured: readonly string[] | undefined): Language {
  const offered = offeredLanguages(configured);
  return offered.includes(DEFAULT_LANGUAGE) ? DEFAULT_LANGUAGE : offered[0]!;
}

export function setI18nLanguage(language: Language): void {
  if (i18n.language !== language) void i18n.changeLanguage(language);
  if (typeof document !== 'undefined') document.documentElement.lang = language;
}
