// The category's icons: a picture card with a mountain, a sun and a sparkle ("a picture the computer
// learns"). Plain SVG text turned into data URIs; encodeURIComponent keeps them safe inside the toolbox XML.

const CARD = `
  <rect x="5" y="9" width="28" height="23" rx="4" fill="#fff" stroke="#3a438f" stroke-opacity=".3"/>
  <circle cx="25.5" cy="16" r="3" fill="#ffbf00"/>
  <path d="M8.5 29l7.5-9.5 5.5 6.5 3.5-3.5 5.5 6.5z" fill="#5e6ad2"/>
  <path d="M33.5 2.5l1.3 3.4 3.4 1.3-3.4 1.3-1.3 3.4-1.3-3.4-3.4-1.3 3.4-1.3z" fill="#ffd84d" stroke="#c79300" stroke-width=".6"/>`;

/** 40x40, drawn at the start of every block (on the category colour). */
export const BLOCK_ICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40" viewBox="0 0 40 40">${CARD}
</svg>`;

/** 20x20, the round button of the category in the palette's menu. */
export const MENU_ICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20" viewBox="0 0 40 40">
  <circle cx="20" cy="20" r="19" fill="#5e6ad2"/>
  <g transform="translate(1 0)">${CARD}
  </g>
</svg>`;

export function svgDataUri(svg: string): string {
  return `data:image/svg+xml,${encodeURIComponent(svg.replace(/\s*\n\s*/g, ' ').trim())}`;
}

export const BLOCK_ICON_URI = svgDataUri(BLOCK_ICON_SVG);
export const MENU_ICON_URI = svgDataUri(MENU_ICON_SVG);
