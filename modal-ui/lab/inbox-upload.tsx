// A region that takes picture files from a file picker or drag-and-drop, with the same accepted types and limits as
// a class's uploads (square-picture.ts); used by the inbox and by each class's test pictures.
import { useRef, useState, type DragEvent, type ReactNode } from 'react';
import { readPictureFiles, type FileProblem } from '../pictures/read-picture-files';
import { ACCEPT_ATTRIBUTE, type SquarePicture } from '../pictures/square-picture';
import { Icon } from '../trainer/icons';
import { useTranslation } from '../use-translation';

export function PictureDropArea({ label, buttonText, onPictures, children }: {
  /** The region's name. */
  readonly label: string;
  readonly buttonText: string;
  onPictures(pictures: readonly SquarePicture[]): Promise<void>;
  readonly children?: ReactNode;
}) {
  const { t } = useTranslation();
  const fileInput = useRef<HTMLInputElement>(null);
  const [problems, setProblems] = useState<readonly FileProblem[]>([]);
  const [reading, setReading] = useState(0);
  const [dragging, setDragging] = useState(false);

  const addFiles = async (files: readonly File[]) => {
    if (files.length === 0) return;
    setReading((count) => count + files.length);
    try {
      setProblems(await readPictureFiles(files, onPictures));
    } finally {
      setReading((count) => count - files.length);
    }
  };

  const onDragOver = (event: DragEvent) => {
    if (!event.dataTransfer.types.includes('Files')) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    setDragging(true);
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    void addFiles([...event.dataTransfer.files]);
  };

  return (
    <section
      className={`iml-drop${dragging ? ' iml-drop--dragging' : ''}`}
      aria-label={label}
      onDragOver={onDragOver}
      onDragLeave={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={onDrop}
    >
      {children}
      <div className="iml-drop__actions">
        <button type="button" className="imt-button imt-button--small" onClick={() => fileInput.current?.click()}>
          <Icon name="folder" />{buttonText}
        </button>
        <input
          ref={fileInput}
          type="file"
          accept={ACCEPT_ATTRIBUTE}
          multiple
          hidden
          tabIndex={-1}
          aria-label={buttonText}
          onChange={(event) => {
            const files = [...(event.currentTarget.files ?? [])];
            event.currentTarget.value = ''; // choosing the same file again must fire a change
            void addFiles(files);
          }}
        />
        <span className="imt-class__drop-hint">{t('trainer.dropHere')}</span>
      </div>
      {reading > 0 && <p className="imt-field-help" role="status">{t('trainer.addingPictures')}</p>}
      {problems.length > 0 && (
        <div className="imt-file-problems" role="alert">
          <ul>
            {problems.map((problem, index) => (
              <li key={`${problem.fileName}-${index}`}>
                {t('trainer.fileProblem', { file: problem.fileName, reason: t(`errors.${problem.reason}`) })}
              </li>
            ))}
          </ul>
          <button type="button" className="imt-button imt-button--quiet" onClick={() => setProblems([])}>{t('trainer.dismiss')}</button>
        </div>
      )}
    </section>
  );
}
