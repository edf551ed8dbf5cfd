import { useId, type ReactNode } from 'react';
import { useTranslation } from '../use-translation';
import type { CameraControls } from './use-camera';
import './camera.css';

export interface CameraViewProps {
  readonly camera: CameraControls;
  /** Buttons that act on the live picture (snapshot, hold to record), shown under the preview. */
  readonly children?: ReactNode;
  /** Drawn over the live preview's square (a Hands model's found hand: frames are grabbed mirrored as the preview shows them). */
  readonly overlay?: ReactNode;
}

/**
 * The live preview, cropped to the same centre square the pictures get, with the camera choice and the mirror
 * switch; when the camera cannot start it says why in plain words and offers to try again.
 */
export function CameraView({ camera, children, overlay }: CameraViewProps) {
  const { t } = useTranslation();
  const selectId = useId();
  const live = camera.status === 'live';
  return (
    <div className="imc-camera">
      <div className={`imc-camera__frame${camera.mirror ? ' imc-camera__frame--mirror' : ''}`}>
        <video
          ref={camera.videoRef}
          className="imc-camera__video"
          aria-label={t('trainer.cameraPreview')}
          autoPlay
          muted
          playsInline
          hidden={camera.status === 'failed'}
        />
        {live && overlay}
        {camera.status === 'starting' && (
          <p className="imc-camera__status" role="status">
            {t('trainer.cameraStarting')}
          </p>
        )}
        {camera.status === 'failed' && camera.problem && (
          <div className="imc-camera__problem" role="alert">
            <p>{t(`errors.${camera.problem}`)}</p>
            <button type="button" className="imc-camera__retry" onClick={camera.retry}>
              {t('trainer.cameraRetry')}
            </button>
          </div>
        )}
      </div>
      {live && (
        <div className="imc-camera__options">
          {camera.devices.length > 1 && (
            <label htmlFor={selectId} className="imc-camera__option">
              {t('trainer.cameraChoice')}
              <select id={selectId} value={camera.deviceId ?? ''} onChange={(event) => camera.selectDevice(event.target.value)}>
                {camera.devices.map((device, index) => (
                  <option key={device.deviceId} value={device.deviceId}>
                    {device.label || t('trainer.cameraNumber', { number: index + 1 })}
                  </option>
                ))}
              </select>
            </label>
          )}
          <label className="imc-camera__option">
            <input type="checkbox" checked={camera.mirror} onChange={(event) => camera.setMirror(event.target.checked)} />
            {t('trainer.cameraMirror')}
          </label>
        </div>
      )}
      {live && children && <div className="imc-camera__actions">{children}</div>}
    </div>
  );
}
