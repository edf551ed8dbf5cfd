// Every string a child sees goes through t(): one catalogue per language and area (locales/<lang>/<area>.json),
// the same keys in each. Keys are '<area>.<key>', e.g. t('trainer.addClass').
import de from './de';
import en from './en';
import es from './es';
import fr from './fr';
import ja from './ja';
import ko from './ko';
import ptBr from './pt-br';
import vi from './vi';
import zhCn from './zh-cn';
import zhTw from './zh-tw';

type Catalogue = Readonly<Record<string, string>>;

function flatten(areas: Record<string, Record<string, string>>): Catalogue {
  const out: Record<string, string> = {};
  for (const [area, entries] of Object.entries(areas)) {
    for (const [key, text] of Object.entries(entries)) out[`${area}.${key}`] = text;
  }
  return out;
}

/** Keyed by Scratch's locale codes (its language menu), lower case. */
export const catalogues: Readonly<Record<string, Catalogue>> = {
  en: flatten(en), ko: flatten(ko), ja: flatten(ja), 'zh-cn': flatten(zhCn), 'zh-tw': flatten(zhTw),
  es: flatten(es), fr: flatten(fr), de: flatten(de), 'pt-br': flatten(ptBr), vi: flatten(vi),
};

/** Scratch codes with no catalogue of their own whose speakers read one of ours best. */
const CLOSEST: Readonly<Record<string, string>> = {
  pt: 'pt-br', zh: 'zh-cn', 'zh-hans': 'zh-cn', 'zh-hant': 'zh-tw', 'zh-hk': 'zh-tw', 'zh-mo': 'zh-tw', 'zh-sg': 'zh-cn',
};

export const DEFAULT_LOCALE = 'en';
let current = DEFAULT_LOCALE;
const listeners = new Set<(locale: string) => void>();

/** Maps a Scratch locale code ('ko', 'pt-br', 'zh-cn', 'ja-Hira', 'es-419'…) to the catalogue we have, else English. */
export function resolveLocale(code: string | undefined | null): string {
  if (!code) return DEFAULT_LOCALE;
  const lower = code.toLowerCase().replace('_', '-');
  if (catalogues[lower]) return lower;
  if (CLOSEST[lower]) return CLOSEST[lower];
  const base = lower.split('-')[0];
  return catalogues[base] ? base : CLOSEST[base] ?? DEFAULT_LOCALE;
}

export function getLocale(): string {
  return current;
}

export function setLocale(code: string): void {
  const next = resolveLocale(code);
  if (next === current) return;
  current = next;
  for (const listener of listeners) listener(current);
}

export function onLocaleChange(listener: (locale: string) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Looks a key up in the current language (falling back to English) and fills {placeholders}. */
export function t(key: string, vars?: Readonly<Record<string, string | number>>, locale: string = current): string {
  const text = catalogues[locale]?.[key] ?? catalogues[DEFAULT_LOCALE][key] ?? key;
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}
