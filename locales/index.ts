// Every string a child sees goes through t(): one catalogue per language and area (locales/<lang>/<area>.json),
// the same keys in each. Keys are '<area>.<key>', e.g. t('trainer.addClass').
import enBlocks from './en/blocks.json';
import enTrainer from './en/trainer.json';
import enErrors from './en/errors.json';
import enEditor from './en/editor.json';
import enSharing from './en/sharing.json';
import enLab from './en/lab.json';
import koBlocks from './ko/blocks.json';
import koTrainer from './ko/trainer.json';
import koErrors from './ko/errors.json';
import koEditor from './ko/editor.json';
import koSharing from './ko/sharing.json';
import koLab from './ko/lab.json';

type Catalogue = Readonly<Record<string, string>>;

function flatten(areas: Record<string, Record<string, string>>): Catalogue {
  const out: Record<string, string> = {};
  for (const [area, entries] of Object.entries(areas)) {
    for (const [key, text] of Object.entries(entries)) out[`${area}.${key}`] = text;
  }
  return out;
}

export const catalogues: Readonly<Record<string, Catalogue>> = {
  en: flatten({ blocks: enBlocks, trainer: enTrainer, errors: enErrors, editor: enEditor, sharing: enSharing, lab: enLab }),
  ko: flatten({ blocks: koBlocks, trainer: koTrainer, errors: koErrors, editor: koEditor, sharing: koSharing, lab: koLab }),
};

export const DEFAULT_LOCALE = 'en';
let current = DEFAULT_LOCALE;
const listeners = new Set<(locale: string) => void>();

/** Maps a Scratch locale code ('ko', 'pt-br', 'zh-cn', 'en-GB'…) to the catalogue we have, else English. */
export function resolveLocale(code: string | undefined | null): string {
  if (!code) return DEFAULT_LOCALE;
  const lower = code.toLowerCase();
  if (catalogues[lower]) return lower;
  const base = lower.split(/[-_]/)[0];
  return catalogues[base] ? base : DEFAULT_LOCALE;
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
