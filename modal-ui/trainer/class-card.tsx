import { useRef, useState, type DragEvent } from 'react';
import type { ClassView, ModelService } from '../../model-service';
import { readPictureFiles, type FileProblem } from '../pictures/read-picture-files';
import { ACCEPT_ATTRIBUTE } from '../pictures/square-picture';
import { useTranslation } from '../use-translation';
import { ClassName } from './class-name';
import { Icon } from './icons';
import { pictureCount } from './hint-text';
import { PictureGrid } from './picture-grid';
import { WebcamRecorder } from './webcam-recorder';

export interface ClassCardProps {
  readonly service: ModelService;
  readonly info: ClassView;
  readonly editing: boolean;
  onEditingChange(editing: boolean): void;
  readonly webcamOpen: boolean;
  onWebcamOpenChange(open: boolean): void;
}

/** One class: its name, its pictures, and the ways to add more (upload, drag-and-drop, webcam). */
export function ClassCard({ service, info, editing, onEditingChange, webcamOpen, onWebcamOpenChange }: ClassCardProps) {
  const { t } = useTranslation();
  const fileInput = useRef<HTMLInputElement>(null);
  const [problems, setProblems] = useState<readonly FileProblem[]>([]);
  const [reading, setReading] = useState(0);
  const [dragging, setDragging] = useState(false);

  const addFiles = async (files: readonly File[]) => {
    if (files.length === 0) return;
    setReading((count) => count + files.length);
    try {
      setProblems(await readPictureFiles(files, (pictures) => service.addPictures(info.id, pictures)));
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
      className={`imt-class${dragging ? ' imt-class--dragging' : ''}`}
      aria-label={info.name}
      onDragOver={onDragOver}
      onDragLeave={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={onDrop}
    >
      <div className="imt-class__header">
        <ClassName
          name={info.name}
          editing={editing}
          onEditingChange={onEditingChange}
          onRename={(name) => service.renameClass(info.id, name)}
        />
        <span className="imt-class__count">{pictureCount(t, info.pictures.length)}</span>
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
      <PictureGrid className={info.name} pictures={info.pictures} onRemove={(id) => service.removePicture(id)} />
      <div className="imt-class__actions">
        <button type="button" className="imt-button" onClick={() => fileInput.current?.click()}>
          <Icon name="folder" />{t('trainer.uploadPictures')}
        </button>
        <input
          ref={fileInput}
          type="file"
          accept={ACCEPT_ATTRIBUTE}
          multiple
          hidden
          tabIndex={-1}
          aria-label={t('trainer.uploadPictures')}
          onChange={(event) => {
            const files = [...(event.currentTarget.files ?? [])];
            event.currentTarget.value = ''; // choosing the same file again must fire a change
            void addFiles(files);
          }}
        />
        <button
          type="button"
          className="imt-button imt-button--blue"
          aria-expanded={webcamOpen}
          onClick={() => onWebcamOpenChange(!webcamOpen)}
        >
          <Icon name="camera" />{t('trainer.useWebcam')}
        </button>
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
