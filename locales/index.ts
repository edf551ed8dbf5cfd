// Every string a child sees goes through t(): one catalogue per language and area (locales/<lang>/<area>.json),
// the same keys in each. Keys are '<area>.<key>', e.g. t('trainer.addClass').
import { withoutDirectionControls } from '../engine';
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

/** Every key English has, '<area>.<key>': t() accepts only these, so a missing or misspelled key fails the typecheck. */
export type MessageKey = { [Area in keyof typeof en]: `${Area}.${keyof (typeof en)[Area] & string}` }[keyof typeof en];

function flatten(areas: Record<string, Record<string, string>>): Catalogue {
  const out: Record<string, string> = {};
  for (const [area, entries] of Object.entries(areas)) {
    for (const [key, text] of Object.entries(entries)) out[`${area}.${key}`] = text;
  }
  return out;
}

/** Keyed by Scratch's locale codes (its language menu), lower case. */
export const catalogues: Readonly<Record<string, Catalogue>> = {
  en: flatten(en),
  ko: flatten(ko),
  ja: flatten(ja),
  'zh-cn': flatten(zhCn),
  'zh-tw': flatten(zhTw),
  es: flatten(es),
  fr: flatten(fr),
  de: flatten(de),
  'pt-br': flatten(ptBr),
  vi: flatten(vi),
};

/** Scratch codes with no catalogue of their own whose speakers read one of ours best. */
const CLOSEST: Readonly<Record<string, string>> = {
  pt: 'pt-br',
  zh: 'zh-cn',
  'zh-hans': 'zh-cn',
  'zh-hant': 'zh-tw',
  'zh-hk': 'zh-tw',
  'zh-mo': 'zh-tw',
  'zh-sg': 'zh-cn',
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
  return catalogues[base] ? base : (CLOSEST[base] ?? DEFAULT_LOCALE);
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

/** Strong right-to-left letters: Hebrew, Arabic, Syriac, Thaana, N'Ko… and their presentation forms. */
const RIGHT_TO_LEFT = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFC\u{10800}-\u{10FFF}\u{1E800}-\u{1EFFF}]/u;
const FIRST_STRONG_ISOLATE = '\u2068';
const POP_DIRECTIONAL_ISOLATE = '\u2069';

/**
 * A name or file name as a message shows it: direction controls removed, so "photo\u202Egpj.exe" cannot mirror
 * the sentence or pass for "photoexe.jpg"; a right-to-left value isolated, so it keeps the sentence's punctuation
 * and numbers where they belong. (Every catalogue is left-to-right, so any other value cannot reorder anything;
 * isolating it too would only add invisible marks to accessible names and copied text.)
 */
function safeValue(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const text = withoutDirectionControls(value);
  return RIGHT_TO_LEFT.test(text) ? `${FIRST_STRONG_ISOLATE}${text}${POP_DIRECTIONAL_ISOLATE}` : text;
}

/** Looks a key up in the current language (falling back to English) and fills {placeholders} with safe values. */
export function t(key: MessageKey, vars?: Readonly<Record<string, string | number>>, locale: string = current): string {
  const text = catalogues[locale]?.[key] ?? catalogues[DEFAULT_LOCALE][key] ?? key;
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? safeValue(vars[name]) : whole));
}
