// Children type class names into menus by hand ("Cat ", "cat", a number block giving 1): compare names
// the way a child would read them, but prefer an exact match so two near-identical classes stay apart.

export function normalizeClassName(value: unknown): string {
  return String(value ?? '')
    .normalize('NFC')
    .trim()
    .replace(/\s+/g, ' ')
    .toLowerCase();
}

export function findByClassName<T extends { readonly name: string }>(items: readonly T[], value: unknown): T | undefined {
  const raw = String(value ?? '');
  const exact = items.find((item) => item.name === raw);
  if (exact) return exact;
  const wanted = normalizeClassName(raw);
  if (!wanted) return undefined;
  return items.find((item) => normalizeClassName(item.name) === wanted);
}
