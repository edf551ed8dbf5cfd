// Two made-up webcams for specs about the camera choice, the mirror and the square crop: each page gets an
// enumerateDevices that lists both and a getUserMedia that plays a fixed 640x480 picture of the camera asked for,
// noting which deviceId every call asked for. Nothing here needs Chromium's fake-camera flags.
import type { Page } from '@playwright/test';
import { COLOURS, type ColourName } from './picture-colours';

export const FRAME = { width: 640, height: 480 } as const;

/** A camera's picture as vertical stripes, left to right: [colour, width in pixels of the 640-wide frame]. */
export interface FakeCamera {
  readonly deviceId: string;
  readonly label: string;
  readonly stripes: readonly (readonly [ColourName, number])[];
}

/**
 * Camera A: the centre square of its frame (x = 80..560, what a centre crop keeps) in thirds red, green, blue; the
 * two strips a crop drops are black, so a squashed (not cropped) picture shows black at its edges.
 */
export const CAMERA_A: FakeCamera = {
  deviceId: 'fake-camera-a',
  label: 'Front camera',
  stripes: [
    ['black', 80],
    ['red', 160],
    ['green', 160],
    ['blue', 160],
    ['black', 80],
  ],
};

/** Camera B: all yellow. */
export const CAMERA_B: FakeCamera = {
  deviceId: 'fake-camera-b',
  label: 'Document camera',
  stripes: [['yellow', 640]],
};

interface FakeSetup {
  readonly cameras: readonly FakeCamera[];
  readonly colours: typeof COLOURS;
  readonly frame: typeof FRAME;
}

/** Replaces the page's cameras with CAMERA_A (the default) and CAMERA_B, from the next navigation on. */
export async function installTwoCameras(page: Page): Promise<void> {
  await page.addInitScript(
    ({ cameras, colours, frame }: FakeSetup) => {
      const asked: string[] = [];
      Object.assign(window, { __asked: asked });
      const devices = navigator.mediaDevices;

      const streamOf = (camera: FakeCamera): MediaStream => {
        const canvas = document.createElement('canvas');
        canvas.width = frame.width;
        canvas.height = frame.height;
        const context = canvas.getContext('2d')!;
        const paint = () => {
          let x = 0;
          for (const [colour, width] of camera.stripes) {
            context.fillStyle = `rgb(${colours[colour].join(',')})`;
            context.fillRect(x, 0, width, frame.height);
            x += width;
          }
        };
        paint();
        const stream = canvas.captureStream(30);
        const track = stream.getVideoTracks()[0];
        // A canvas only sends a frame after it is drawn on: keep drawing while the "camera" is on.
        const timer = setInterval(() => (track.readyState === 'ended' ? clearInterval(timer) : paint()), 50);
        // Like a real camera's track, it says which device it comes from.
        const settings = track.getSettings.bind(track);
        track.getSettings = () => ({ ...settings(), deviceId: camera.deviceId });
        return stream;
      };

      devices.enumerateDevices = async () =>
        cameras.map((camera) => ({
          deviceId: camera.deviceId,
          groupId: camera.deviceId,
          kind: 'videoinput' as const,
          label: camera.label,
          toJSON() {
            return this;
          },
        }));
      devices.getUserMedia = async (constraints?: MediaStreamConstraints) => {
        const video = typeof constraints?.video === 'object' ? constraints.video : {};
        const wanted = video.deviceId;
        const id =
          typeof wanted === 'string'
            ? wanted
            : Array.isArray(wanted)
              ? wanted[0]
              : typeof wanted === 'object'
                ? [wanted.exact].flat()[0]
                : undefined;
        asked.push(id ?? 'default');
        const camera = id === undefined ? cameras[0] : cameras.find((candidate) => candidate.deviceId === id);
        if (!camera) throw new DOMException(`no camera ${id}`, 'OverconstrainedError');
        return streamOf(camera);
      };
    },
    { cameras: [CAMERA_A, CAMERA_B], colours: COLOURS, frame: FRAME } satisfies FakeSetup,
  );
}

/** The deviceId each getUserMedia call asked for, in order ('default' when it named none). */
export function askedDeviceIds(page: Page): Promise<string[]> {
  return page.evaluate(() => [...(window as unknown as { __asked: string[] }).__asked]);
}
