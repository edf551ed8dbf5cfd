// Fills the game page's template (dist/web-page/game-page.html, player/webpack.player.mjs) with what the editor
// holds at save time: the project, the base model and the page's words in the child's language. Each part is
// compressed as the template's are (player/game-page-format.ts).
import {
  encodePart,
  LANG_PLACEHOLDER,
  partElement,
  TITLE_PLACEHOLDER,
  wordsElement,
  WRITTEN_PARTS_PLACEHOLDER,
  type GamePageWords,
} from '../../player/game-page-format';

export interface GamePageContent {
  /** The template's text. */
  readonly template: string;
  /** The game's .sb3 (makeGameProject: checked, without pictures). */
  readonly project: Uint8Array<ArrayBuffer>;
  readonly baseModel: { readonly json: Uint8Array<ArrayBuffer>; readonly weights: Uint8Array<ArrayBuffer> };
  readonly title: string;
  /** The page's language (our locale code), for its `lang` and our extension's catalogue. */
  readonly lang: string;
  readonly words: GamePageWords;
}

const HTML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]);
}

export class StaleTemplateError extends Error {}

export async function writeGamePage(content: GamePageContent): Promise<string> {
  const { template } = content;
  for (const placeholder of [WRITTEN_PARTS_PLACEHOLDER, TITLE_PLACEHOLDER, LANG_PLACEHOLDER]) {
    if (!template.includes(placeholder)) throw new StaleTemplateError(`the game page's template has no ${placeholder}`);
  }
  const [project, json, weights] = await Promise.all([
    encodePart(content.project),
    encodePart(content.baseModel.json),
    encodePart(content.baseModel.weights),
  ]);
  const written = [
    partElement('project', project),
    partElement('base-model-json', json),
    partElement('base-model-weights', weights),
    wordsElement(content.words),
  ].join('\n');
  // Functions as replacements: a `$` in the title or the parts is then never read as a pattern.
  return template
    .replace(LANG_PLACEHOLDER, () => escapeHtml(content.lang))
    .replace(TITLE_PLACEHOLDER, () => escapeHtml(content.title))
    .replace(WRITTEN_PARTS_PLACEHOLDER, () => written);
}
