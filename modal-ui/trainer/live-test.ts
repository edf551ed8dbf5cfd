// The test area's live mode: the webcam recognised again and again, up to 30 times a second. The main
// thread only copies the frame (one small canvas, reused); embedding and the head run in the engine's worker.
// The loop is the one the blocks' video recognition uses: a frame is taken only once the previous answer is in.
import { useEffect, useRef, useState } from 'react';
import { INPUT_SIZE, type RgbaImage } from '../../engine';
import { LiveRecognition } from '../../extension/video/live-recognition';
import { problemCode, type ProblemCode, type RecognitionResult, type RecognizerApi } from '../../model-service';
import type { CameraControls } from '../camera';

/** 30 answers a second already look continuous; faster would only keep a school laptop's core busy. */
const LIVE_INTERVAL_SECONDS = 1 / 30;

type FrameGrabber = (video: HTMLVideoElement, mirror: boolean) => RgbaImage | null;

/** The centre square of the video as the engine's 224x224 RGBA (mirrored like the trainer's webcam pictures). */
function createFrameGrabber(): FrameGrabber {
  const canvas = document.createElement('canvas');
  canvas.width = INPUT_SIZE;
  canvas.height = INPUT_SIZE;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  return (video, mirror) => {
    const { videoWidth: width, videoHeight: height } = video;
    if (!context || video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA || width === 0 || height === 0) return null;
    const side = Math.min(width, height);
    context.setTransform(mirror ? -1 : 1, 0, 0, 1, mirror ? INPUT_SIZE : 0, 0);
    context.drawImage(video, (width - side) / 2, (height - side) / 2, side, side, 0, 0, INPUT_SIZE, INPUT_SIZE);
    const pixels = context.getImageData(0, 0, INPUT_SIZE, INPUT_SIZE);
    return { width: pixels.width, height: pixels.height, data: pixels.data };
  };
}

export interface LiveAnswer {
  /** The latest answer; null until the first one is in. */
  readonly result: RecognitionResult | null;
  /** Why recognising stopped (the loop does not go on after a failure). */
  readonly problem: ProblemCode | null;
}

/** Recognises the camera's picture continuously while the camera is live; stops when it is not or on unmount. */
export function useLiveRecognition(recognizer: Pick<RecognizerApi, 'recognize'>, camera: CameraControls): LiveAnswer {
  const [answer, setAnswer] = useState<LiveAnswer>({ result: null, problem: null });
  // The mirror switch may change while the loop runs: each frame reads the latest choice.
  const mirror = useRef(camera.mirror);
  mirror.current = camera.mirror;
  const { status, videoRef } = camera;

  useEffect(() => {
    if (status !== 'live') return undefined;
    const grab = createFrameGrabber();
    let running = true;
    const loop = new LiveRecognition({
      grabFrame: () => (videoRef.current ? grab(videoRef.current, mirror.current) : null),
      async recognize(frame) {
        try {
          const result = await recognizer.recognize(frame, 'video');
          if (running) setAnswer({ result, problem: null });
          return true;
        } catch (error) {
          if (running) setAnswer((previous) => ({ ...previous, problem: problemCode(error) }));
          return false;
        }
      },
    });
    loop.start(LIVE_INTERVAL_SECONDS);
    return () => {
      running = false;
      loop.stop();
    };
  }, [recognizer, status, videoRef]);

  return answer;
}

/** Calls `onHidden` when the page goes to the background (another tab, a minimised window). */
export function useWhenPageHidden(onHidden: () => void): void {
  const latest = useRef(onHidden);
  latest.current = onHidden;
  useEffect(() => {
    const check = () => {
      if (document.visibilityState === 'hidden') latest.current();
    };
    document.addEventListener('visibilitychange', check);
    return () => document.removeEventListener('visibilitychange', check);
  }, []);
}
