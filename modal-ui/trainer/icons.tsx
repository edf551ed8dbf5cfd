// Small line icons drawn inline: emoji fonts are missing on some school machines and render as empty boxes.
import type { ReactElement } from 'react';

const PATHS = {
  folder: 'M3 6.5A1.5 1.5 0 0 1 4.5 5H9l2 2h8.5A1.5 1.5 0 0 1 21 8.5v9a1.5 1.5 0 0 1-1.5 1.5h-15A1.5 1.5 0 0 1 3 17.5z',
  camera: 'M4 8h3l1.5-2h7L17 8h3v11H4z M12 16.5a3 3 0 1 0 0-6 3 3 0 0 0 0 6',
  trash: 'M5 7h14 M10 7V5h4v2 M7 7l1 12h8l1-12 M10.5 10.5v5.5 M13.5 10.5v5.5',
  pencil: 'M15.5 5.5l3 3L9 18H6v-3z M13.5 7.5l3 3',
  picture: 'M4 5h16v14H4z M4 16l5-5 4 4 2-2 5 5 M15.5 9.5a1 1 0 1 0 0-.01',
  plus: 'M12 5v14 M5 12h14',
  play: 'M8 5.5v13l10-6.5z',
  stop: 'M7 7h10v10H7z',
} as const;

export type IconName = keyof typeof PATHS;

/** Decorative: the button's text names it, so the icon is hidden from screen readers. */
export function Icon({ name }: { readonly name: IconName }): ReactElement {
  const filled = name === 'play' || name === 'stop';
  return (
    <svg className="imt-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path
        d={PATHS[name]}
        fill={filled ? 'currentColor' : 'none'}
        stroke="currentColor"
        strokeWidth={2}
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
