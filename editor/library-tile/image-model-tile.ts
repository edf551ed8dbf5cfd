// Our tile in the editor's "Add Extension" library. The GUI's bundle calls withImageModelTile() with its own
// items each time the library renders (see editor/build/scratch-gui-patches.cjs), so the tile's words
// follow the editor's current language.
import { EXTENSION_ID } from '../../extension/contract';
import { t } from '../../locales';
import tileImageUrl from './image-model-tile.svg';
import insetIconUrl from './image-model-inset.svg';

/** The fields of a library item the GUI's extension library reads. */
export interface LibraryTile {
  readonly extensionId: string;
  /** A string (not a message descriptor): the library also uses it as the item's React key. */
  readonly name: string;
  readonly description: string;
  readonly iconURL: string;
  readonly rawURL: string;
  readonly insetIconURL: string;
  readonly featured: true;
}

export function imageModelTile(): LibraryTile {
  return {
    extensionId: EXTENSION_ID,
    name: t('editor.tileName'),
    description: t('editor.tileDescription'),
    iconURL: tileImageUrl,
    rawURL: tileImageUrl,
    insetIconURL: insetIconUrl,
    featured: true,
  };
}

/** Puts our tile first, ahead of the built-in extensions. */
export function withImageModelTile<T>(items: readonly T[]): (T | LibraryTile)[] {
  return [imageModelTile(), ...items];
}
