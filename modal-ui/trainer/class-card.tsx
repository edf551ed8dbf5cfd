import { useRef } from 'react';
import type { ClassView, ModelService } from '../../model-service';
import { PictureFileInput, PictureFilesStatus, usePictureFiles } from '../pictures/use-picture-files';
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
  const files = usePictureFiles((pictures) => service.addPictures(info.id, pictures));

  return (
    <section
      className={`imt-class${files.dragging ? ' imt-class--dragging' : ''}`}
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
        <PictureFileInput ref={fileInput} label={t('trainer.uploadPictures')} onFiles={(chosen) => void files.addFiles(chosen)} />
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
      <PictureFilesStatus reading={files.reading} problems={files.problems} onDismiss={files.dismissProblems} />
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
