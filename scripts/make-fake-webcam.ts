// Makes the clip Chromium's fake camera plays in end-to-end tests (--use-file-for-fake-video-capture):
// a few real photos of one sign digit, one second each, as a .y4m video. Generated (not stored in git) into
// .cache/, and only when missing. Run alone: node --import tsx scripts/make-fake-webcam.ts
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import path from 'node:path';
import { REPO_DIR, signDigitPhotos, type Digit } from '../e2e/support/shared-data';

/** The digit the fake camera shows: specs that train with its pictures expect this class. */
export const FAKE_WEBCAM_DIGIT: Digit = 3;
const PHOTOS_IN_CLIP = 5;
const FRAMES_PER_SECOND = 10;

export const FAKE_WEBCAM_CLIP = path.join(REPO_DIR, '.cache', 'fake-webcam', `sign-digit-${FAKE_WEBCAM_DIGIT}.y4m`);

export function ensureFakeWebcamClip(): string {
  if (existsSync(FAKE_WEBCAM_CLIP)) return FAKE_WEBCAM_CLIP;
  const photos = signDigitPhotos(FAKE_WEBCAM_DIGIT).slice(0, PHOTOS_IN_CLIP);
  mkdirSync(path.dirname(FAKE_WEBCAM_CLIP), { recursive: true });
  const partial = `${FAKE_WEBCAM_CLIP}.partial.y4m`;
  // Each photo becomes one second of 320x240 video: the square photo scaled to 240x240 in the middle, so a
  // centre crop of a frame is the photo again.
  const inputs = photos.flatMap((photo) => ['-loop', '1', '-t', '1', '-framerate', String(FRAMES_PER_SECOND), '-i', photo]);
  const scaled = photos.map((_, i) => `[${i}:v]scale=240:240,pad=320:240:40:0:color=gray,setsar=1,format=yuv420p[v${i}]`);
  const joined = `${photos.map((_, i) => `[v${i}]`).join('')}concat=n=${photos.length}:v=1:a=0[out]`;
  try {
    execFileSync(
      'ffmpeg',
      [
        '-hide_banner',
        '-loglevel',
        'error',
        '-y',
        ...inputs,
        '-filter_complex',
        [...scaled, joined].join(';'),
        '-map',
        '[out]',
        '-r',
        String(FRAMES_PER_SECOND),
        '-pix_fmt',
        'yuv420p',
        '-f',
        'yuv4mpegpipe',
        partial,
      ],
      { stdio: ['ignore', 'inherit', 'inherit'] },
    );
  } catch (error) {
    throw new Error(`ffmpeg could not make the fake webcam clip (is ffmpeg installed?): ${String(error)}`, { cause: error });
  }
  // Written under another name first, so an interrupted run never leaves a truncated clip behind.
  renameSync(partial, FAKE_WEBCAM_CLIP);
  return FAKE_WEBCAM_CLIP;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(__filename)) {
  console.log(ensureFakeWebcamClip());
}
