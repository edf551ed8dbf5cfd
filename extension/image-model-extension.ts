// The Scratch side of Image Model: scratch-vm calls getInfo() for the palette and one method per opcode
// (and per menu). Everything else (models, pictures, windows) comes in through ExtensionDeps; the camera and
// the stage come from the VM itself (runtime.ioDevices.video, runtime.renderer), as for Scratch's video sensing.
import { DEFAULT_CONFIDENCE_THRESHOLD, PictureSource, VideoState, type MenuId, type OpcodeValue } from '../blocks/block-specs';
import { isEngineError, type RgbaImage } from '../engine';
import { onLocaleChange, t } from '../locales';
import type { HandLookMode } from '../model-service';
import type { ExtensionDeps } from './contract';
import { buildExtensionInfo } from './extension-info';
import { landmarkOnStage } from './hand-position';
import { LastResult } from './last-result';
import { decodeCostumeInBrowser, readCostume, type DecodeCostume } from './pictures/costume-picture';
import { readStage } from './pictures/stage-picture';
import {
  RuntimeEvent,
  type BlockUtility,
  type MenuItem,
  type ScratchExtensionInfo,
  type ScratchRuntime,
  type VideoDevice,
} from './scratch-types';
import { cameraDisplayName, ChosenCameraProvider, listCameras, onCamerasChange, type CameraInfo } from './video/chosen-camera';
import { LiveRecognition } from './video/live-recognition';
import { grabSquareFrame } from './video/square-frame';

type ClassArgs = { readonly CLASS?: unknown };
type BlockFunctions = { readonly [opcode in OpcodeValue]: (args: never, util: BlockUtility) => unknown };

export interface ExtensionOptions {
  /** How costume files become pictures; the browser's decoder unless given (Node tests). */
  readonly decodeCostume?: DecodeCostume;
}

/** Scratch's Cast.toNumber for a typed-in value: not a number counts as 0. */
function toNumber(value: unknown): number {
  const number = Number(value);
  return Number.isFinite(number) ? number : 0;
}

function clampPercent(value: unknown): number {
  return Math.min(100, Math.max(0, toNumber(value)));
}

export class ImageModelExtension implements BlockFunctions {
  private readonly lastResult = new LastResult();
  private readonly unsubscribes: (() => void)[];
  /** Bumped when the project stops or is replaced: a picture that arrives afterwards is ignored. */
  private generation = 0;
  /** Percent the top class needs for `when [class] is recognized`. */
  private threshold = DEFAULT_CONFIDENCE_THRESHOLD;
  private cameras: readonly CameraInfo[] = [];
  private readonly live: LiveRecognition;
  private readonly decodeCostume: DecodeCostume;

  constructor(
    private readonly runtime: ScratchRuntime,
    private readonly deps: ExtensionDeps,
    options: ExtensionOptions = {},
  ) {
    this.decodeCostume = options.decodeCostume ?? decodeCostumeInBrowser;
    this.live = new LiveRecognition({
      grabFrame: () => {
        const video = this.video();
        return video ? grabSquareFrame(video) : null;
      },
      recognize: (frame) => this.recognizeAndRemember(frame, this.generation, 'video'),
    });
    const refreshPalette = () => runtime.requestToolboxExtensionsUpdate();
    const followModel = () => {
      this.lastResult.forgetUnlessFrom(deps.recognizer.activeModelId());
      refreshPalette();
    };
    const stopWaiting = () => {
      this.generation += 1;
      this.live.stop();
      deps.ui.cancelPictureRequests?.();
    };
    const forget = () => {
      stopWaiting();
      this.lastResult.clear();
      this.threshold = DEFAULT_CONFIDENCE_THRESHOLD;
    };
    const refreshCameras = () => void this.refreshCameras();
    // As video sensing does: a project that saved its video off (or never used it) opens with the camera off, even
    // when the previous project had left it on.
    const followSavedVideo = () => {
      const saved = runtime.getTargetForStage?.()?.videoState;
      if (saved === VideoState.on || saved === VideoState.onFlipped) return;
      this.live.stop();
      this.video()?.disableVideo();
    };
    runtime.on(RuntimeEvent.stopAll, stopWaiting);
    runtime.on(RuntimeEvent.disposed, forget);
    runtime.on(RuntimeEvent.projectLoaded, followSavedVideo);
    this.unsubscribes = [
      // Another model or new classes change the menus and retire the last answer; a new language changes every text.
      deps.recognizer.onChange(followModel),
      onLocaleChange(refreshPalette),
      onCamerasChange(refreshCameras),
      () => runtime.removeListener(RuntimeEvent.stopAll, stopWaiting),
      () => runtime.removeListener(RuntimeEvent.disposed, forget),
      () => runtime.removeListener(RuntimeEvent.projectLoaded, followSavedVideo),
      () => this.live.stop(),
    ];
    refreshCameras();
  }

  getInfo(): ScratchExtensionInfo {
    const dynamicMenus: Partial<Record<MenuId, () => MenuItem[]>> = {
      classes: () => this.classMenu(),
      cameras: () => this.cameraItems(),
      models: () => this.modelMenu(),
    };
    return buildExtensionInfo(
      (key) => t(key),
      (menu) => dynamicMenus[menu]?.()[0]?.value ?? '',
    );
  }

  /** Items of the class menu, read when a child opens it. Scratch rejects an empty menu, hence the hint item. */
  classMenu(): MenuItem[] {
    const classes = this.deps.recognizer.getClasses();
    if (classes.length === 0) return [{ text: t('blocks.noClassesYet'), value: '' }];
    return classes.map((info) => ({ text: info.name, value: info.name }));
  }

  /** Items of the model menu: the project's model names. */
  modelMenu(): MenuItem[] {
    const names = this.deps.models?.getModelNames() ?? [];
    if (names.length === 0) return [{ text: t('blocks.noClassesYet'), value: '' }];
    return names.map((name) => ({ text: name, value: name }));
  }

  /** `use model [name]`: the blocks follow another of the project's models (the change event retires the last answer). */
  async useModel(args: { readonly MODEL?: unknown }): Promise<void> {
    await this.deps.models?.useModel(String(args?.MODEL ?? ''));
  }

  /**
   * Items of the camera menu. Menus are read synchronously, so this lists the cameras found so far and looks
   * again for the next opening (names appear once the page may use the camera).
   */
  cameraMenu(): MenuItem[] {
    void this.refreshCameras();
    return this.cameraItems();
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

  /** `recognize [stage / this costume]`: the script waits for the answer. */
  async recognizePicture(args: { readonly SOURCE?: unknown }, util: BlockUtility): Promise<void> {
    const generation = this.generation;
    if (!this.deps.recognizer.hasTrainedModel()) return;
    let picture: RgbaImage | null;
    try {
      if (args?.SOURCE === PictureSource.costume) {
        const target = util?.target;
        picture = await readCostume(target?.getCostumes?.()[target.currentCostume ?? 0], this.decodeCostume);
      } else {
        const renderer = this.runtime.renderer;
        picture = renderer ? readStage(renderer) : null;
      }
    } catch {
      this.deps.ui.reportError?.('image/invalid');
      return;
    }
    if (picture && generation === this.generation) await this.recognizeAndRemember(picture, generation);
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

  /**
   * The hat's condition, checked by the VM every frame. It is edge-activated, so its script starts once when
   * this turns true (the top class became CLASS, sure enough), not again while the same answer keeps coming.
   */
  whenRecognized(args: ClassArgs): boolean {
    const classes = this.deps.recognizer.getClasses();
    return this.lastResult.isResult(args?.CLASS, classes) && this.lastResult.confidencePercent(args?.CLASS, classes) >= this.threshold;
  }

  /** Hands models: whether the last recognition found a hand (always false for a Pictures model). */
  handFound(): boolean {
    return this.lastResult.hand !== null;
  }

  /** Hands models: `[x / y] of [landmark]` of the last hand found, in stage coordinates; 0 without a hand. */
  landmarkPosition(args: { readonly AXIS?: unknown; readonly LANDMARK?: unknown }): number {
    return landmarkOnStage(this.lastResult.hand, args?.LANDMARK, args?.AXIS);
  }

  setConfidenceThreshold(args: { readonly THRESHOLD?: unknown }): void {
    this.threshold = clampPercent(args?.THRESHOLD);
  }

  /** Starts (or re-times) live recognition; turns the camera on if it is off. */
  recognizeVideo(args: { readonly INTERVAL?: unknown }): void {
    const video = this.video();
    if (!video) return;
    if (!video.videoReady) void this.startVideo(video);
    this.live.start(Math.max(0, toNumber(args?.INTERVAL)));
  }

  stopRecognizingVideo(): void {
    this.live.stop();
  }

  /** As video sensing's block: the state is kept on the stage, so both extensions agree and it is saved. */
  videoToggle(args: { readonly VIDEO_STATE?: unknown }): void {
    const video = this.video();
    if (!video) return;
    const state = String(args?.VIDEO_STATE);
    if (state !== VideoState.on && state !== VideoState.onFlipped && state !== VideoState.off) return;
    const stage = this.runtime.getTargetForStage?.();
    if (stage) stage.videoState = state;
    if (state === VideoState.off) {
      this.live.stop();
      video.disableVideo();
      return;
    }
    // "on" shows the camera like a mirror; "on flipped" shows it as the camera sees.
    video.mirror = state === VideoState.on;
    void this.startVideo(video);
  }

  setVideoTransparency(args: { readonly TRANSPARENCY?: unknown }): void {
    const transparency = clampPercent(args?.TRANSPARENCY);
    const stage = this.runtime.getTargetForStage?.();
    if (stage) stage.videoTransparency = transparency;
    this.video()?.setPreviewGhost(transparency);
  }

  /** Switches the stage's video (and our recognition) to the camera named in the menu; waits until it runs. */
  async chooseCamera(args: { readonly CAMERA?: unknown }): Promise<void> {
    const video = this.video();
    if (!video) return;
    await this.refreshCameras();
    const wanted = String(args?.CAMERA ?? '');
    const camera = this.cameras.find((each) => each.label === wanted) ?? this.cameras.find((each) => each.deviceId === wanted);
    if (!camera) return;
    const current = video.provider;
    if (current instanceof ChosenCameraProvider && current.deviceId === camera.deviceId) return;
    const wasOn = video.videoReady;
    video.disableVideo();
    video.setProvider(new ChosenCameraProvider(camera.deviceId));
    if (wasOn) await video.enableVideo();
  }

  /** Stops listening to the model and the language (the host calls it when it drops the extension). */
  dispose(): void {
    for (const unsubscribe of this.unsubscribes.splice(0)) unsubscribe();
  }

  private video(): VideoDevice | undefined {
    return this.runtime.ioDevices?.video;
  }

  /**
   * Turns the camera on. The GUI's provider refuses cameras smaller than 480x360 (and then shows nothing);
   * when it got no camera, ours, which takes any size, tries the default camera.
   */
  private async startVideo(video: VideoDevice): Promise<void> {
    await video.enableVideo();
    const provider = video.provider;
    if (provider && !provider.video && !(provider instanceof ChosenCameraProvider)) {
      video.setProvider(new ChosenCameraProvider());
      await video.enableVideo();
    }
    // Camera names are only shown once the page may use a camera.
    await this.refreshCameras();
  }

  private cameraItems(): MenuItem[] {
    if (this.cameras.length === 0) return [{ text: t('blocks.noCameraFound'), value: '' }];
    return this.cameras.map((camera, index) => ({
      text: camera.label ? cameraDisplayName(camera.label) : t('blocks.cameraNumber', { number: index + 1 }),
      // The name travels with a saved project to another computer; device ids do not.
      value: camera.label || camera.deviceId,
    }));
  }

  /** Looks for cameras again; a change redraws the palette, whose camera block shows the first one. */
  private async refreshCameras(): Promise<void> {
    const cameras = await listCameras();
    const changed = JSON.stringify(cameras) !== JSON.stringify(this.cameras);
    this.cameras = cameras;
    if (changed) this.runtime.requestToolboxExtensionsUpdate();
  }

  /**
   * The one path from a picture to the reporters' state (popup, stage, costume and video frames).
   * Resolves false when recognising failed (live recognition then stops rather than repeat the failure).
   */
  private async recognizeAndRemember(picture: RgbaImage, generation: number, mode: HandLookMode = 'photo'): Promise<boolean> {
    if (!this.deps.recognizer.hasTrainedModel()) return true;
    try {
      const asked = this.deps.recognizer.activeModelId();
      const recognition = await this.deps.recognizer.recognize(picture, mode);
      // An answer that arrives after a switch to another model is not the active model's answer.
      if (generation === this.generation && asked === this.deps.recognizer.activeModelId()) this.lastResult.remember(recognition, asked);
      return true;
    } catch (error) {
      // The script goes on with the previous result; the host hears why, to tell the child in words.
      this.deps.ui.reportError?.(isEngineError(error) ? error.code : 'internal');
      return false;
    }
  }
}
