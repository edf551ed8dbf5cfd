// What the editor host gives the Scratch extension, and what the extension exposes to the host.
// The extension is a thin adapter: it owns block behaviour and the last-result state, nothing else.
import type { EngineErrorCode, RgbaImage } from '../engine';
import type { ModelSwitcherApi, RecognizerApi } from '../model-service/types';

/** Scratch's extension id: appears in saved projects (block opcodes are `imageModel_<opcode>`); never change it. */
export const EXTENSION_ID = 'imageModel';

export interface PictureRequest {
  /** Shown in the popup's title, e.g. which sprite asks. */
  readonly title?: string;
  /** No trained model yet: the popup says so and offers to open the trainer instead of asking for a picture. */
  readonly needsModel?: boolean;
}

/** The host's UI services the blocks need (both are React overlays mounted by the editor host). */
export interface ExtensionUi {
  openTrainer(): void;
  /** Opens the picture popup (upload or camera); resolves with a 224x224 picture, or null when closed. */
  askForPicture(request?: PictureRequest): Promise<RgbaImage | null>;
  /** The project stopped: close any open picture popup (its pending requests resolve null). */
  cancelPictureRequests?(): void;
  /** A recognition failed after the popup closed: tell the child in words (t('errors.<code>')). */
  reportError?(code: EngineErrorCode): void;
}

export interface ExtensionDeps {
  readonly recognizer: RecognizerApi;
  /** The project's models by name, for `use model [name]`; without it that block does nothing. */
  readonly models?: ModelSwitcherApi;
  readonly ui: ExtensionUi;
}
