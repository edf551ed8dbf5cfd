// `choose camera`: the GUI's own video provider always opens the browser's default camera, and only one of
// 480x360 or more, so choosing a camera (or having only a smaller one) installs this provider instead. It plays
// the same part (scratch-vm's io/video.js asks it for frames for the stage preview, video sensing and us).
import { VideoFormat, type FrameRequest, type VideoFrame, type VideoProvider } from '../scratch-types';

export interface CameraInfo {
  readonly deviceId: string;
  /** Empty until the page may use the camera (the browser hides names before that). */
  readonly label: string;
}

/** The cameras of this browser; empty where there are none or the browser cannot tell. */
export async function listCameras(): Promise<CameraInfo[]> {
  const devices = (await globalThis.navigator?.mediaDevices?.enumerateDevices?.().catch(() => [])) ?? [];
  return devices.filter((device) => device.kind === 'videoinput').map((device) => ({ deviceId: device.deviceId, label: device.label }));
}

const LONGEST_CAMERA_NAME = 32;

/**
 * The name a child sees in the camera menu: some cameras (and Chromium's test camera, a file) have names that are
 * paths or run past the palette's edge, so a path shows its file name and a long name is cut with an ellipsis.
 */
export function cameraDisplayName(label: string): string {
  const name = label.split(/[\\/]/).filter(Boolean).pop() ?? label;
  return name.length <= LONGEST_CAMERA_NAME ? name : `${name.slice(0, LONGEST_CAMERA_NAME - 1)}…`;
}

/** Subscribes to cameras being plugged in or out; returns the unsubscribe. */
export function onCamerasChange(listener: () => void): () => void {
  const media = globalThis.navigator?.mediaDevices;
  media?.addEventListener?.('devicechange', listener);
  return () => media?.removeEventListener?.('devicechange', listener);
}

interface Workspace {
  readonly key: string;
  readonly canvas: HTMLCanvasElement;
  readonly context: CanvasRenderingContext2D;
  drawnAt: number;
  imageData: ImageData | null;
  readAt: number;
}

export class ChosenCameraProvider implements VideoProvider {
  private element: HTMLVideoElement | null = null;
  private stream: MediaStream | null = null;
  private starting: Promise<unknown> | null = null;
  private enabled = false;
  private readonly workspaces: Workspace[] = [];

  /** Without a device id: the browser's default camera, whatever its size. */
  constructor(readonly deviceId?: string) {}

  get video(): HTMLVideoElement | null {
    return this.element;
  }

  get videoReady(): boolean {
    return this.enabled && this.element !== null && this.element.videoWidth > 0 && this.element.videoHeight > 0;
  }

  enableVideo(): Promise<unknown> {
    this.enabled = true;
    this.starting ??= navigator.mediaDevices
      .getUserMedia({
        audio: false,
        video: { ...(this.deviceId ? { deviceId: { exact: this.deviceId } } : {}), width: { ideal: 640 }, height: { ideal: 480 } },
      })
      .then((stream) => {
        if (!this.enabled) {
          for (const track of stream.getTracks()) track.stop();
          this.starting = null;
          return;
        }
        const element = document.createElement('video');
        element.muted = true;
        element.playsInline = true;
        element.srcObject = stream;
        void element.play().catch(() => {});
        this.element = element;
        this.stream = stream;
      })
      .catch(() => {
        // No permission, or the camera went away: the stage shows no video, as with the GUI's provider.
        this.starting = null;
      });
    return this.starting;
  }

  disableVideo(): void {
    this.enabled = false;
    for (const track of this.stream?.getTracks() ?? []) track.stop();
    this.stream = null;
    this.element = null;
    this.starting = null;
  }

  getFrame({ dimensions, mirror = true, format, cacheTimeout }: Required<FrameRequest>): VideoFrame | HTMLCanvasElement | null {
    const element = this.element;
    if (!this.videoReady || !element) return null;
    const [width, height] = dimensions;
    const space = this.workspace(width, height, mirror);
    const now = Date.now();
    if (space.drawnAt + cacheTimeout < now) {
      space.context.setTransform(mirror ? -1 : 1, 0, 0, 1, mirror ? width : 0, 0);
      space.context.drawImage(element, 0, 0, element.videoWidth, element.videoHeight, 0, 0, width, height);
      space.drawnAt = now;
    }
    if (format === VideoFormat.canvas) return space.canvas;
    if (space.readAt < space.drawnAt || !space.imageData) {
      space.imageData = space.context.getImageData(0, 0, width, height);
      space.readAt = space.drawnAt;
    }
    return space.imageData;
  }

  private workspace(width: number, height: number, mirror: boolean): Workspace {
    const key = `${width}x${height}${mirror ? 'm' : ''}`;
    let space = this.workspaces.find((each) => each.key === key);
    if (!space) {
      const canvas = document.createElement('canvas');
      canvas.width = width;
      canvas.height = height;
      const context = canvas.getContext('2d', { willReadFrequently: true });
      if (!context) throw new Error('2d canvas unavailable');
      space = { key, canvas, context, drawnAt: 0, imageData: null, readAt: 0 };
      this.workspaces.push(space);
    }
    return space;
  }
}
