// The Scratch side of Image Model: scratch-vm calls getInfo() for the palette and one method per opcode
// (and per menu). Everything else (models, pictures, windows) comes in through ExtensionDeps.
import type { OpcodeValue } from '../blocks/block-specs';
import type { RgbaImage } from '../engine/types';
import { isEngineError } from '../engine/errors';
import { onLocaleChange, t } from '../locales';
import type { ExtensionDeps } from './contract';
import { buildExtensionInfo } from './extension-info';
import { LastResult } from './last-result';
import {
  RuntimeEvent, type BlockUtility, type MenuItem, type ScratchExtensionInfo, type ScratchRuntime,
} from './scratch-types';

type ClassArgs = { readonly CLASS?: unknown };
type BlockFunctions = { readonly [opcode in OpcodeValue]: (args: never, util: BlockUtility) => unknown };

export class ImageModelExtension implements BlockFunctions {
  private readonly lastResult = new LastResult();
  private readonly unsubscribes: (() => void)[];
  /** Bumped when the project stops or is replaced: a picture that arrives afterwards is ignored. */
  private generation = 0;

  constructor(
    runtime: ScratchRuntime,
    private readonly deps: ExtensionDeps,
  ) {
    const refreshPalette = () => runtime.requestToolboxExtensionsUpdate();
    const stopWaiting = () => {
      this.generation += 1;
      deps.ui.cancelPictureRequests?.();
    };
    const forget = () => {
      stopWaiting();
      this.lastResult.clear();
    };
    runtime.on(RuntimeEvent.stopAll, stopWaiting);
    runtime.on(RuntimeEvent.disposed, forget);
    this.unsubscribes = [
      // New classes change the menus' defaults; a new language changes every text.
      deps.recognizer.onChange(refreshPalette),
      onLocaleChange(refreshPalette),
      () => runtime.removeListener(RuntimeEvent.stopAll, stopWaiting),
      () => runtime.removeListener(RuntimeEvent.disposed, forget),
    ];
  }

  getInfo(): ScratchExtensionInfo {
    return buildExtensionInfo((key) => t(key), this.deps.recognizer.getClasses());
  }

  /** Items of the class menu, read when a child opens it. Scratch rejects an empty menu, hence the hint item. */
  classMenu(): MenuItem[] {
    const classes = this.deps.recognizer.getClasses();
    if (classes.length === 0) return [{ text: t('blocks.noClassesYet'), value: '' }];
    return classes.map((info) => ({ text: info.name, value: info.name }));
  }

  /** Returns a promise, so scratch-vm pauses the script until the popup is answered or closed. */
  async recognizeImage(_args: unknown, util: BlockUtility): Promise<void> {
    const generation = this.generation;
    const target = util?.target;
    const picture = await this.deps.ui.askForPicture({
      ...(target && !target.isStage ? { title: target.getName() } : {}),
      ...(this.deps.recognizer.hasTrainedModel() ? {} : { needsModel: true }),
    });
    if (!picture || generation !== this.generation) return;
    await this.recognizeAndRemember(picture, generation);
  }

  result(): string {
    return this.lastResult.className;
  }

  confidenceOf(args: ClassArgs): number {
    return this.lastResult.confidencePercent(args?.CLASS, this.deps.recognizer.getClasses());
  }

  isResult(args: ClassArgs): boolean {
    return this.lastResult.isResult(args?.CLASS, this.deps.recognizer.getClasses());
  }

  /** Stops listening to the model and the language (the host calls it when it drops the extension). */
  dispose(): void {
    for (const unsubscribe of this.unsubscribes.splice(0)) unsubscribe();
  }

  /** The one path from a picture to the reporters' state; later picture sources (stage, video) reuse it. */
  private async recognizeAndRemember(picture: RgbaImage, generation: number): Promise<void> {
    if (!this.deps.recognizer.hasTrainedModel()) return;
    try {
      const recognition = await this.deps.recognizer.recognize(picture);
      if (generation === this.generation) this.lastResult.remember(recognition);
    } catch (error) {
      // The script goes on with the previous result; the host hears why, to tell the child in words.
      this.deps.ui.reportError?.(isEngineError(error) ? error.code : 'internal');
    }
  }
}
