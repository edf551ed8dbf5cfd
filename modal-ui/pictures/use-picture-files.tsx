// Taking picture files the way every upload area of the trainer does (a class, the inbox, test pictures): a hidden
// file input behind a button, drag-and-drop onto the area, a "reading…" status and a friendly list of refusals
// (and, for a class, of the pictures it had already).
import { forwardRef, useState, type DragEvent } from 'react';
import type { PictureIntake } from '../../model-service';
import { useTranslation } from '../use-translation';
import { readPictureFiles, type FileProblem } from './read-picture-files';
import { ACCEPT_ATTRIBUTE, type SquarePicture } from './square-picture';

/**
 * Where chosen files go: told how many are coming before the first is read (a class's Train waits for them), and
 * given where to count pictures it skips as already there.
 */
export type PictureDestination = (count: number, onDuplicates: (count: number) => void) => PictureIntake;

/** A destination that needs no warning (the inbox, test pictures): each batch is handed to `take`. */
export const takeEachBatch =
  (take: (pictures: readonly SquarePicture[]) => Promise<void>): PictureDestination =>
  () => ({ add: take, finish() {} });

export function usePictureFiles(destination: PictureDestination) {
  const [problems, setProblems] = useState<readonly FileProblem[]>([]);
  /** Pictures of the last upload that were skipped because the class had them already. */
  const [duplicates, setDuplicates] = useState(0);
  const [reading, setReading] = useState(0);
  const [dragging, setDragging] = useState(false);

  const addFiles = async (files: readonly File[]) => {
    if (files.length === 0) return;
    // Announced in the same tick as the choice, so a Train pressed at once already knows these pictures.
    let skipped = 0;
    const intake = destination(files.length, (count) => {
      skipped += count;
    });
    setReading((count) => count + files.length);
    try {
      setProblems(await readPictureFiles(files, (pictures) => intake.add(pictures)));
      setDuplicates(skipped);
    } finally {
      intake.finish();
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

  const dismissProblems = () => {
    setProblems([]);
    setDuplicates(0);
  };
  return { addFiles, reading, problems, duplicates, dismissProblems, dragging, dropTarget };
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

/** "Adding your pictures…" while files are read, each refused file with its reason, and `skipped` (duplicates). */
export function PictureFilesStatus({
  reading,
  problems,
  skipped,
  onDismiss,
}: {
  readonly reading: number;
  readonly problems: readonly FileProblem[];
  /** Said when pictures were skipped as already in the class. */
  readonly skipped?: string | null;
  onDismiss(): void;
}) {
  const { t } = useTranslation();
  return (
    <>
      {reading > 0 && (
        <p className="imt-field-help" role="status">
          {t('trainer.addingPictures')}
        </p>
      )}
      {(problems.length > 0 || skipped) && (
        <div className="imt-file-problems" role="alert">
          {skipped && <p className="imt-file-problems__skipped">{skipped}</p>}
          {problems.length > 0 && (
            <ul>
              {problems.map((problem, index) => (
                <li key={`${problem.fileName}-${index}`}>
                  {t('trainer.fileProblem', { file: problem.fileName, reason: t(`errors.${problem.reason}`) })}
                </li>
              ))}
            </ul>
          )}
          <button type="button" className="imt-button imt-button--quiet" onClick={onDismiss}>
            {t('trainer.dismiss')}
          </button>
        </div>
      )}
    </>
  );
}
