// The two ways to give the popup a picture: a file (button or drag-and-drop) and a camera snapshot.
// Whatever comes in becomes the product's one picture shape (a 224x224 centre square) before it leaves.
import { useRef, useState, type ChangeEvent, type DragEvent } from 'react';
import type { RgbaImage } from '../../engine';
import { ACCEPT_ATTRIBUTE, PictureError, pictureFromFile, type PictureRejection } from '../pictures/square-picture';
import { useTranslation } from '../use-translation';
import { CameraSnapshot } from './camera-snapshot';

export interface PictureChooserProps {
  readonly onPicture: (picture: RgbaImage) => void;
}

export function PictureChooser({ onPicture }: PictureChooserProps) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [camera, setCamera] = useState(false);
  const uploadInput = useRef<HTMLInputElement>(null);
  const [problem, setProblem] = useState<{ reason: PictureRejection; fileName: string } | null>(null);

  const takeFile = async (file: File | undefined) => {
    if (!file || busy) return;
    setBusy(true);
    setProblem(null);
    try {
      const square = await pictureFromFile(file);
      onPicture(square.image);
    } catch (error) {
      setProblem({ reason: error instanceof PictureError ? error.reason : 'picture/unreadable', fileName: file.name });
      setBusy(false);
    }
  };

  const onFileChosen = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    // Cleared so that choosing the same file again (after fixing it) is noticed.
    event.target.value = '';
    void takeFile(file);
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file) void takeFile(file);
    else setProblem({ reason: 'picture/not-an-image', fileName: '' });
  };

  return (
    <>
      <div
        className="imr-drop"
        data-dragging={dragging}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        {camera ? (
          <CameraSnapshot
            onPicture={onPicture}
            onClose={() => {
              setCamera(false);
              // Back from the camera: keyboard focus returns to the upload button.
              requestAnimationFrame(() => uploadInput.current?.focus());
            }}
          />
        ) : (
          <>
            <div className="imr-row">
              <label className="imr-button" aria-disabled={busy}>
                {t('blocks.popupUpload')}
                <input
                  ref={uploadInput}
                  className="imr-file-input"
                  type="file"
                  accept={ACCEPT_ATTRIBUTE}
                  aria-label={t('blocks.popupUpload')}
                  disabled={busy}
                  onChange={onFileChosen}
                  data-autofocus
                />
              </label>
              <button
                type="button"
                className="imr-button"
                data-variant="quiet"
                disabled={busy}
                onClick={() => {
                  setProblem(null);
                  setCamera(true);
                }}
              >
                {t('blocks.popupUseCamera')}
              </button>
            </div>
            <p className="imr-hint">{t('blocks.popupDropHint')}</p>
          </>
        )}
      </div>
      {busy && (
        <p className="imr-busy" role="status">
          {t('blocks.popupReading')}
        </p>
      )}
      {problem && (
        <p className="imr-problem" role="alert">
          {t(`errors.${problem.reason}`, { name: problem.fileName })}
        </p>
      )}
    </>
  );
}
