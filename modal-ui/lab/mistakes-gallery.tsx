import { useId, useState } from 'react';
import type { ClassInfo } from '../../engine/types';
import type { LabReport, Mistake, ModelService, ModelServiceState, PictureView } from '../../model-service';
import { Icon } from '../trainer/icons';
import { usePictureUrl } from '../trainer/use-picture-url';
import { useTranslation } from '../use-translation';

function MistakeCard({ service, mistake, picture, classes }: {
  readonly service: ModelService;
  readonly mistake: Mistake;
  readonly picture: PictureView;
  /** The classes the picture can go to now. */
  readonly classes: readonly ClassInfo[];
}) {
  const { t } = useTranslation();
  const url = usePictureUrl(picture.jpeg);
  const selectId = useId();
  const nameOf = (classId: string) => classes.find((info) => info.id === classId)?.name ?? '';
  const label = nameOf(picture.classId);
  const guess = nameOf(mistake.guessClassId);
  const others = classes.filter((info) => info.id !== picture.classId && info.id !== mistake.guessClassId);
  const [target, setTarget] = useState('');
  return (
    <li className="iml-mistake" aria-label={t('lab.mistakes.picture', { label, guess })}>
      {url && <img className="iml-mistake__picture" src={url} alt="" width={112} height={112} />}
      <p className="iml-mistake__label">{t('lab.mistakes.label', { name: label })}</p>
      <p className="iml-mistake__guess">{t('lab.mistakes.guess', { name: guess, confidence: mistake.confidence })}</p>
      {guess && (
        <button type="button" className="imt-button imt-button--small" onClick={() => service.movePicture(picture.id, mistake.guessClassId)}>
          {t('lab.mistakes.moveTo', { name: guess })}
        </button>
      )}
      {others.length > 0 && (
        <div className="iml-mistake__other">
          <label htmlFor={selectId} className="imt-visually-hidden">{t('lab.mistakes.moveOther')}</label>
          <select id={selectId} value={target} onChange={(event) => setTarget(event.target.value)}>
            <option value="">{t('lab.mistakes.chooseClass')}</option>
            {others.map((info) => <option key={info.id} value={info.id}>{info.name}</option>)}
          </select>
          <button
            type="button"
            className="imt-button imt-button--secondary imt-button--small"
            disabled={target === ''}
            onClick={() => service.movePicture(picture.id, target)}
          >
            {t('lab.mistakes.move')}
          </button>
        </div>
      )}
      <button type="button" className="imt-button imt-button--quiet imt-button--small" onClick={() => service.removePicture(picture.id)}>
        <Icon name="trash" />{t('lab.mistakes.delete')}
      </button>
    </li>
  );
}

/**
 * The pictures the model gets wrong, pictures it never practised with first: each with its label, the guess and
 * how sure the model is, and one click to move it to the guessed class (or another) or to delete it.
 */
export function MistakesGallery({ service, state, report }: {
  readonly service: ModelService;
  readonly state: ModelServiceState;
  readonly report: LabReport;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  const byId = new Map(state.classes.flatMap((info) => info.pictures.map((picture) => [picture.id, picture] as const)));
  const classes = state.classes.map(({ id, name }) => ({ id, name }));
  // Pictures moved or deleted since the report was made are no longer the child's to fix here.
  const shown = report.mistakes.filter((mistake) => byId.get(mistake.pictureId)?.classId === mistake.labelClassId);
  const groups = [
    { practised: false, title: t('lab.mistakes.newPictures') },
    { practised: true, title: t('lab.mistakes.practised') },
  ].map((group) => ({ ...group, mistakes: shown.filter((mistake) => mistake.practised === group.practised) }))
    .filter((group) => group.mistakes.length > 0);

  return (
    <section aria-labelledby={headingId}>
      <h4 id={headingId} className="imt-heading">{t('lab.mistakes.heading')}</h4>
      <p className="imt-field-help">{t('lab.mistakes.help')}</p>
      <p role="status" className={shown.length === 0 ? 'imt-note imt-note--good' : 'imt-note'}>
        {shown.length === 0
          ? t('lab.mistakes.none')
          : t(shown.length === 1 ? 'lab.mistakes.countOne' : 'lab.mistakes.countOther', { count: shown.length })}
      </p>
      {groups.map((group) => (
        <div key={String(group.practised)}>
          {groups.length > 1 && <h5 className="iml-subheading">{group.title}</h5>}
          <ul className="iml-mistakes" aria-label={t('lab.mistakes.list')}>
            {group.mistakes.map((mistake) => (
              <MistakeCard key={mistake.pictureId} service={service} mistake={mistake} picture={byId.get(mistake.pictureId)!} classes={classes} />
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
