import { useId, useState } from 'react';
import { useModelService, useServiceState } from '../service';
import { useTranslation } from '../use-translation';
import { ClassCard } from './class-card';
import { worksWithoutPictures } from './hint-text';
import { Icon } from './icons';
import { NothingSuggestion } from './nothing-suggestion';

export interface ClassListProps {
  /** Which class has the webcam open (one camera at a time in the whole trainer). */
  readonly webcamClassId: string | null;
  /** The test area has the webcam open (then a "Nothing" class is suggested too). */
  readonly testWebcamOpen: boolean;
  onWebcamClassChange(classId: string | null): void;
}

export function ClassList({ webcamClassId, testWebcamOpen, onWebcamClassChange }: ClassListProps) {
  const { t } = useTranslation();
  const service = useModelService();
  const state = useServiceState((current) => ({
    classes: current.classes,
    // The cards show the undo for their pictures.
    undo: current.undo?.kind === 'class' ? current.undo : null,
  }));
  const picturesNotShared = useServiceState(worksWithoutPictures);
  const headingId = useId();
  const [editingId, setEditingId] = useState<string | null>(null);

  const addClass = () => {
    // A new class starts with its name selected, ready to be typed over.
    setEditingId(service.addClass(t('trainer.defaultClassName', { number: state.classes.length + 1 })));
  };

  return (
    <section className="imt-classes" aria-labelledby={headingId}>
      <h3 id={headingId} className="imt-heading">
        {t('trainer.classesHeading')}
      </h3>
      <p className="imt-intro">{t('trainer.classesIntro')}</p>
      {state.undo && (
        <div className="imt-undo" role="status">
          <span>{t('trainer.classDeleted', { name: state.undo.className })}</span>
          <button type="button" className="imt-button imt-button--small" onClick={() => service.undoDelete()}>
            {t('trainer.undo')}
          </button>
          <button type="button" className="imt-button imt-button--quiet imt-button--small" onClick={() => service.dismissUndo()}>
            {t('trainer.dismiss')}
          </button>
        </div>
      )}
      <ol className="imt-classes__list">
        {state.classes.map((info) => (
          <li key={info.id}>
            <ClassCard
              info={info}
              editing={editingId === info.id}
              onEditingChange={(editing) => setEditingId(editing ? info.id : null)}
              webcamOpen={webcamClassId === info.id}
              onWebcamOpenChange={(open) => onWebcamClassChange(open ? info.id : null)}
              picturesNotShared={picturesNotShared}
            />
          </li>
        ))}
      </ol>
      <NothingSuggestion webcamInUse={webcamClassId !== null || testWebcamOpen} onAdded={onWebcamClassChange} />
      <button type="button" className="imt-button imt-button--add" onClick={addClass}>
        <Icon name="plus" />
        {t('trainer.addClass')}
      </button>
    </section>
  );
}
