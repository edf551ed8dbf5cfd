// Taking picture files the way every upload area of the trainer does (a class, the inbox, test pictures): a hidden
// file input behind a button, drag-and-drop onto the area, a "reading…" status and a friendly list of refusals.
import { forwardRef, useState, type DragEvent } from 'react';
import { useTranslation } from '../use-translation';
import { readPictureFiles, type FileProblem } from './read-picture-files';
import { ACCEPT_ATTRIBUTE, type SquarePicture } from './square-picture';

export function usePictureFiles(take: (pictures: readonly SquarePicture[]) => Promise<void>) {
  const [problems, setProblems] = useState<readonly FileProblem[]>([]);
  const [reading, setReading] = useState(0);
  const [dragging, setDragging] = useState(false);

  const addFiles = async (files: readonly File[]) => {
    if (files.length === 0) return;
    setReading((count) => count + files.length);
    try {
      setProblems(await readPictureFiles(files, take));
    } finally {
      setReading((count) => count - files.length);
    }
  };

  /** Spread onto the element that takes dropped files. */
  const dropTarget = {
    onDragOver(event: DragEvent) {
      if (!event.dataTransfer.types.includes('Files')) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
      setDragging(true);
    },
    onDragLeave(event: DragEvent) {
      if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
    },
    onDrop(event: DragEvent) {
      event.preventDefault();
      setDragging(false);
      void addFiles([...event.dataTransfer.files]);
    },
  };

  return { addFiles, reading, problems, dismissProblems: () => setProblems([]), dragging, dropTarget };
}

/** The hidden file picker a visible button opens (`ref.current.click()`). */
export const PictureFileInput = forwardRef<HTMLInputElement, { readonly label: string; onFiles(files: File[]): void }>(
  function PictureFileInput({ label, onFiles }, ref) {
    return (
      <input
        ref={ref}
        type="file"
        accept={ACCEPT_ATTRIBUTE}
        multiple
        hidden
        tabIndex={-1}
        aria-label={label}
        onChange={(event) => {
          const files = [...(event.currentTarget.files ?? [])];
          event.currentTarget.value = ''; // choosing the same file again must fire a change
          onFiles(files);
        }}
      />
    );
  },
);

/** "Adding your pictures…" while files are read, and each refused file with its reason. */
export function PictureFilesStatus({ reading, problems, onDismiss }: {
  readonly reading: number;
  readonly problems: readonly FileProblem[];
  onDismiss(): void;
}) {
  const { t } = useTranslation();
  return (
    <>
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
          <button type="button" className="imt-button imt-button--quiet" onClick={onDismiss}>{t('trainer.dismiss')}</button>
        </div>
      )}
    </>
  );
}
