import { forwardRef, useEffect, useRef, useState } from 'react';
import type { ClassView, ModelServiceState } from '../../model-service';
import { picturesZip } from '../pictures/pictures-zip';
import { PictureFileInput, PictureFilesStatus, usePictureFiles } from '../pictures/use-picture-files';
import { useModelService, useServiceState } from '../service';
import { downloadFile } from '../sharing/download';
import { useTranslation } from '../use-translation';
import { ClassName } from './class-name';
import { ClassOffNote, ClassSwitch } from './class-switch';
import { Icon } from './icons';
import { pictureCount } from './hint-text';
import { PictureGrid } from './picture-grid';
import { WebcamRecorder } from './webcam-recorder';

export interface ClassCardProps {
  readonly info: ClassView;
  readonly editing: boolean;
  onEditingChange(editing: boolean): void;
  readonly webcamOpen: boolean;
  onWebcamOpenChange(open: boolean): void;
  /** The model works but its pictures were not shared: an empty class is not a lost one. */
  readonly picturesNotShared: boolean;
}

/**
 * One class: its name, its pictures (removed one by one or all at once, with an undo here, or downloaded as a
 * zip), and the ways to add more (upload, drag-and-drop, webcam).
 */
export function ClassCard({ info, editing, onEditingChange, webcamOpen, onWebcamOpenChange, picturesNotShared }: ClassCardProps) {
  const { t } = useTranslation();
  const service = useModelService();
  // The service's undo offer, when it is about this class's pictures.
  const undo = useServiceState((state) => (state.undo?.kind === 'pictures' && state.undo.classId === info.id ? state.undo : null));
  const fileInput = useRef<HTMLInputElement>(null);
  const files = usePictureFiles((count, onDuplicates) => service.expectPictures(info.id, count, { onDuplicates }));
  const card = useRef<HTMLElement>(null);
  const undoButton = useRef<HTMLButtonElement>(null);
  const uploadButton = useRef<HTMLButtonElement>(null);
  /** Where the keyboard focus goes once the card shows the change: the focus was on something now gone. */
  const [focusAfter, setFocusAfter] = useState<'undo' | 'pictures' | null>(null);
  const [switchRefused, setSwitchRefused] = useState(false);

  useEffect(() => {
    if (!focusAfter) return;
    setFocusAfter(null);
    if (focusAfter === 'undo') undoButton.current?.focus();
    // The grid's one tab stop, else (no pictures) the upload button.
    else (card.current?.querySelector<HTMLElement>('.imt-picture[tabindex="0"]') ?? uploadButton.current)?.focus();
  }, [focusAfter]);

  return (
    <section
      ref={card}
      className={`imt-class${files.dragging ? ' imt-class--dragging' : ''}${info.inTraining ? '' : ' imt-class--off'}`}
      aria-label={info.name}
      {...files.dropTarget}
    >
      <div className="imt-class__header">
        <ClassName
          name={info.name}
          editing={editing}
          onEditingChange={onEditingChange}
          onRename={(name) => service.renameClass(info.id, name)}
        />
        <span className="imt-class__count">{pictureCount(t, info.pictures.length)}</span>
        <ClassSwitch info={info} onRefused={setSwitchRefused} />
        <button
          type="button"
          className="imt-icon-button imt-icon-button--danger"
          aria-label={t('trainer.deleteClass', { name: info.name })}
          title={t('trainer.deleteClass', { name: info.name })}
          onClick={() => service.deleteClass(info.id)}
        >
          <Icon name="trash" />
        </button>
      </div>
      <ClassOffNote info={info} refused={switchRefused} />
      <PictureGrid
        className={info.name}
        pictures={info.pictures}
        emptyText={picturesNotShared ? t('trainer.picturesNotShared') : undefined}
        onRemove={(id) => service.removePicture(id)}
        onRemovedLast={() => setFocusAfter('undo')}
      />
      <NoHandNote pictures={info.pictures} />
      {undo && (
        <PicturesRemoved
          ref={undoButton}
          undo={undo}
          onUndo={() => {
            service.undoDelete();
            setFocusAfter('pictures');
          }}
          onDismiss={() => {
            service.dismissUndo();
            setFocusAfter('pictures');
          }}
        />
      )}
      {info.pictures.length > 0 && (
        <PictureTools
          info={info}
          onRemoveAll={() => {
            service.removeAllPictures(info.id);
            setFocusAfter('undo');
          }}
        />
      )}
      <div className="imt-class__actions">
        <button ref={uploadButton} type="button" className="imt-button" onClick={() => fileInput.current?.click()}>
          <Icon name="folder" />
          {t('trainer.uploadPictures')}
        </button>
        <PictureFileInput ref={fileInput} label={t('trainer.uploadPictures')} onFiles={(chosen) => void files.addFiles(chosen)} />
        <button
          type="button"
          className="imt-button imt-button--blue"
          aria-expanded={webcamOpen}
          onClick={() => onWebcamOpenChange(!webcamOpen)}
        >
          <Icon name="camera" />
          {t('trainer.useWebcam')}
        </button>
        <span className="imt-class__drop-hint">{t('trainer.dropHere')}</span>
      </div>
      <PictureFilesStatus
        reading={files.reading}
        problems={files.problems}
        skipped={
          files.duplicates > 0
            ? t(files.duplicates === 1 ? 'trainer.duplicatesSkippedOne' : 'trainer.duplicatesSkippedOther', {
                count: files.duplicates,
                name: info.name,
              })
            : null
        }
        onDismiss={files.dismissProblems}
      />
      {webcamOpen && (
        <WebcamRecorder
          className={info.name}
          onPictures={(pictures) => void service.addPictures(info.id, pictures)}
          onClose={() => onWebcamOpenChange(false)}
        />
      )}
    </section>
  );
}

type PicturesUndo = Extract<NonNullable<ModelServiceState['undo']>, { kind: 'pictures' }>;

/** "You removed 3 pictures from 'rock'." with its Undo (the ref) and OK. */
const PicturesRemoved = forwardRef<HTMLButtonElement, { readonly undo: PicturesUndo; onUndo(): void; onDismiss(): void }>(
  function PicturesRemoved({ undo, onUndo, onDismiss }, undoButton) {
    const { t } = useTranslation();
    return (
      <div className="imt-undo" role="status">
        <span>
          {undo.count === 1
            ? t('trainer.picturesRemovedOne', { name: undo.className })
            : t('trainer.picturesRemovedOther', { count: undo.count, name: undo.className })}
        </span>
        <button ref={undoButton} type="button" className="imt-button imt-button--small" onClick={onUndo}>
          {t('trainer.undo')}
        </button>
        <button type="button" className="imt-button imt-button--quiet imt-button--small" onClick={onDismiss}>
          {t('trainer.dismiss')}
        </button>
      </div>
    );
  },
);

/** "Download pictures" (a zip of the class's squares) and "Remove all". */
function PictureTools({ info, onRemoveAll }: { readonly info: ClassView; onRemoveAll(): void }) {
  const { t } = useTranslation();
  const [zipping, setZipping] = useState(false);
  const download = async () => {
    setZipping(true);
    try {
      const zip = await picturesZip(info.name, info.pictures);
      downloadFile(zip.fileName, zip.bytes, 'application/zip');
    } finally {
      setZipping(false);
    }
  };
  return (
    <div className="imt-class__picture-tools">
      <button type="button" className="imt-button imt-button--quiet imt-button--small" disabled={zipping} onClick={() => void download()}>
        {t('trainer.downloadPictures')}
      </button>
      <button type="button" className="imt-button imt-button--quiet imt-button--small imt-button--remove-all" onClick={onRemoveAll}>
        {t('trainer.removeAllPictures')}
      </button>
    </div>
  );
}

/** Hands models: how many of the class's pictures have no hand found, left out of training, and what to do. */
function NoHandNote({ pictures }: { readonly pictures: ClassView['pictures'] }) {
  const { t } = useTranslation();
  const count = pictures.filter((picture) => picture.hand === null).length;
  if (count === 0) return null;
  return (
    <p className="imt-note imt-note--bad" role="status">
      {count === 1 ? t('trainer.noHandLeftOutOne') : t('trainer.noHandLeftOutOther', { count })}
    </p>
  );
}
