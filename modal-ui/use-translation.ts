import { useSyncExternalStore } from 'react';
import { getLocale, onLocaleChange, t } from '../locales';

/** Re-renders the component when the editor's language changes; returns the translate function. */
export function useTranslation(): { t: typeof t; locale: string } {
  const locale = useSyncExternalStore(onLocaleChange, getLocale);
  return { t, locale };
}
