// A region that takes picture files from a file picker or drag-and-drop, with the same accepted types and limits as
// a class's uploads (square-picture.ts); used by the inbox and by each class's test pictures.
import { useRef, type ReactNode } from 'react';
import type { SquarePicture } from '../pictures/square-picture';
import { PictureFileInput, PictureFilesStatus, takeEachBatch, usePictureFiles } from '../pictures/use-picture-files';
import { Icon } from '../trainer/icons';
import { useTranslation } from '../use-translation';

export function PictureDropArea({
  label,
  buttonText,
  onPictures,
  children,
}: {
  /** The region's name. */
  readonly label: string;
  readonly buttonText: string;
  onPictures(pictures: readonly SquarePicture[]): Promise<void>;
  readonly children?: ReactNode;
}) {
  const { t } = useTranslation();
  const fileInput = useRef<HTMLInputElement>(null);
  const files = usePictureFiles(takeEachBatch(onPictures));

  return (
    <section className={`iml-drop${files.dragging ? ' iml-drop--dragging' : ''}`} aria-label={label} {...files.dropTarget}>
      {children}
      <div className="iml-drop__actions">
        <button type="button" className="imt-button imt-button--small" onClick={() => fileInput.current?.click()}>
          <Icon name="folder" />
          {buttonText}
        </button>
        <PictureFileInput ref={fileInput} label={buttonText} onFiles={(chosen) => void files.addFiles(chosen)} />
        <span className="imt-class__drop-hint">{t('trainer.dropHere')}</span>
      </div>
      <PictureFilesStatus reading={files.reading} problems={files.problems} onDismiss={files.dismissProblems} />
    </section>
  );
}
