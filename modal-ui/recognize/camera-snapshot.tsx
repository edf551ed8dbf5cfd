// A camera snapshot for the popup, on the shared camera module (the same preview the trainer uses).
import { useEffect, useRef, useState } from 'react';
import type { RgbaImage } from '../../engine';
import { CameraView, useCamera } from '../camera';
import { useTranslation } from '../use-translation';

export interface CameraSnapshotProps {
  readonly onPicture: (picture: RgbaImage) => void;
  /** Back to uploading; the camera stops. */
  readonly onClose: () => void;
}

export function CameraSnapshot({ onPicture, onClose }: CameraSnapshotProps) {
  const { t } = useTranslation();
  const camera = useCamera(true);
  const [taking, setTaking] = useState(false);
  const takeButton = useRef<HTMLButtonElement>(null);
  const live = camera.status === 'live';

  // The button appears once the camera is live; a keyboard user lands on it.
  useEffect(() => {
    if (live) takeButton.current?.focus();
  }, [live]);

  const takePicture = async () => {
    setTaking(true);
    const square = await camera.capture();
    if (square) onPicture(square.image);
    else setTaking(false);
  };

  return (
    <div className="imr-camera">
      <CameraView camera={camera}>
        <button ref={takeButton} type="button" className="imr-button" disabled={taking} onClick={() => void takePicture()}>
          {t('blocks.popupTakePicture')}
        </button>
      </CameraView>
      <button type="button" className="imr-button" data-variant="quiet" onClick={onClose}>
        {t('blocks.popupBackToUpload')}
      </button>
    </div>
  );
}
