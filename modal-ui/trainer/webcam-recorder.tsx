import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { CameraView, useCamera } from '../camera';
import type { SquarePicture } from '../pictures/square-picture';
import { useTranslation } from '../use-translation';
import { BURST_PER_SECOND } from './webcam-burst';

const isHoldKey = (event: KeyboardEvent) => event.key === ' ' || event.key === 'Enter';

/** The webcam for one class: live preview, hold-to-record bursts (pointer or Space/Enter held) and snapshots. */
export function WebcamRecorder({
  className,
  onPictures,
  onClose,
}: {
  readonly className: string;
  onPictures(pictures: SquarePicture[]): void;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const camera = useCamera(true);
  const [taken, setTaken] = useState(0);
  const [recording, setRecording] = useState(false);
  const timer = useRef<ReturnType<typeof setInterval> | null>(null);
  // The interval calls the latest capture (the mirror may change while recording).
  const latest = useRef({ capture: camera.capture, onPictures });
  latest.current = { capture: camera.capture, onPictures };

  const takeOne = useCallback(async () => {
    const picture = await latest.current.capture();
    if (!picture) return;
    setTaken((count) => count + 1);
    latest.current.onPictures([picture]);
  }, []);

  const stop = useCallback(() => {
    if (timer.current !== null) clearInterval(timer.current);
    timer.current = null;
    setRecording(false);
  }, []);

  const start = useCallback(() => {
    if (timer.current !== null) return;
    setTaken(0);
    setRecording(true);
    void takeOne();
    timer.current = setInterval(() => void takeOne(), 1000 / BURST_PER_SECOND);
  }, [takeOne]);

  useEffect(() => stop, [stop]);
  useEffect(() => {
    if (camera.status !== 'live') stop();
  }, [camera.status, stop]);

  return (
    <div className="imt-webcam" role="group" aria-label={t('trainer.webcamFor', { name: className })}>
      <CameraView camera={camera}>
        <button
          type="button"
          className={`imt-button imt-button--record${recording ? ' imt-button--recording' : ''}`}
          onPointerDown={(event) => {
            event.currentTarget.setPointerCapture(event.pointerId);
            start();
          }}
          onPointerUp={stop}
          onPointerCancel={stop}
          onLostPointerCapture={stop}
          onKeyDown={(event) => {
            if (!isHoldKey(event)) return;
            event.preventDefault();
            if (!event.repeat) start();
          }}
          onKeyUp={(event) => {
            if (isHoldKey(event)) stop();
          }}
          onBlur={stop}
          onContextMenu={(event) => event.preventDefault()}
        >
          {t('trainer.holdToRecord')}
        </button>
        <button type="button" className="imt-button imt-button--secondary" onClick={() => void takeOne()}>
          {t('trainer.snapshot')}
        </button>
      </CameraView>
      <p className="imt-field-help" role="status">
        {recording ? t('trainer.recording', { count: taken }) : t('trainer.webcamHelp')}
      </p>
      <button type="button" className="imt-button imt-button--quiet" onClick={onClose}>
        {t('trainer.closeWebcam')}
      </button>
    </div>
  );
}
