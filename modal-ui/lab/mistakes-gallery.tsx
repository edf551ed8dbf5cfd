import { useId, useReducer, useRef } from 'react';
import type { ClassInfo } from '../../engine';
import { mistakesToReview, type LabReport, type Mistake, type ModelService, type PictureView } from '../../model-service';
import { useModelService, useServiceState } from '../service';
import { Icon } from '../trainer/icons';
import { usePictureUrl } from '../trainer/use-picture-url';
import { useLookedAt } from './looked-at';
import { MoveToClass } from './move-to-class';
import { useClassPicturesById } from './use-class-pictures';
import { useTranslation } from '../use-translation';

const NONE: ReadonlySet<string> = new Set();

/**
 * The pictures the child kept in their class, for the trained model they were kept for: hidden from the gallery
 * until the next training, which learns from the pictures added meanwhile. Kept outside the component so that
 * switching Lab pages or closing the Lab does not bring them back; a reload or another model starts afresh.
 */
const keptByService = new WeakMap<ModelService, { readonly versionId: string; readonly pictureIds: ReadonlySet<string> }>();

function useKeptPictures(service: ModelService, versionId: string | null) {
  const [, rerender] = useReducer((count: number) => count + 1, 0);
  const stored = keptByService.get(service);
  const kept = stored?.versionId === versionId ? stored.pictureIds : NONE;
  const setKept = (pictureIds: ReadonlySet<string>) => {
    if (versionId !== null) keptByService.set(service, { versionId, pictureIds });
    rerender();
  };
  return { kept, keep: (pictureId: string) => setKept(new Set([...kept, pictureId])), showAgain: () => setKept(NONE) };
}

function MistakeCard({
  mistake,
  picture,
  classes,
  onKeep,
}: {
  readonly mistake: Mistake;
  readonly picture: PictureView;
  /** The classes the picture can go to now. */
  readonly classes: readonly ClassInfo[];
  onKeep(): void;
}) {
  const { t } = useTranslation();
  const service = useModelService();
  const url = usePictureUrl(picture.encoded);
  const keepHelpId = useId();
  const nameOf = (classId: string) => classes.find((info) => info.id === classId)?.name ?? '';
  const label = nameOf(picture.classId);
  const guess = nameOf(mistake.guessClassId);
  const others = classes.filter((info) => info.id !== picture.classId && info.id !== mistake.guessClassId);
  // Its toggle comes after the choices, so "keep it" stays the card's first button (the usual fix).
  const look = useLookedAt({ pictureId: picture.id }, picture.id);
  return (
    <li className="iml-mistake" aria-label={t('lab.mistakes.picture', { label, guess })}>
      {look.frame(url && <img className="iml-mistake__picture" src={url} alt="" width={112} height={112} />)}
      <p className="iml-mistake__label">{t('lab.mistakes.label', { name: label })}</p>
      <p className="iml-mistake__guess">{t('lab.mistakes.guess', { name: guess, confidence: mistake.confidence })}</p>
      {/* The usual fix: the label is right and the model needs more pictures like this one. */}
      <button type="button" className="imt-button imt-button--small iml-mistake__keep" aria-describedby={keepHelpId} onClick={onKeep}>
        {t('lab.mistakes.keep', { name: label })}
      </button>
      <p id={keepHelpId} className="imt-field-help">
        {t('lab.mistakes.keepHelp', { name: label })}
      </p>
      {guess && (
        <button
          type="button"
          className="imt-button imt-button--secondary imt-button--small"
          onClick={() => service.movePicture(picture.id, mistake.guessClassId)}
        >
          {t('lab.mistakes.moveTo', { name: guess })}
        </button>
      )}
      {others.length > 0 && <MoveToClass pictureId={picture.id} classes={others} className="iml-mistake__other" hideLabel />}
      <button type="button" className="imt-button imt-button--quiet imt-button--small" onClick={() => service.removePicture(picture.id)}>
        <Icon name="trash" />
        {t('lab.mistakes.delete')}
      </button>
      {look.controls}
    </li>
  );
}

/**
 * The pictures the model gets wrong, pictures it never practised with first: each with its label, the guess and
 * how sure the model is. The main choice keeps the picture in its class (the model was wrong: more pictures like
 * it are the fix); the others move it to the guessed class (or another) or delete it, for a picture in the wrong
 * class. Mistakes on practice pictures are said to be that.
 */
export function MistakesGallery({ report }: { readonly report: LabReport }) {
  const { t } = useTranslation();
  const headingId = useId();
  const status = useRef<HTMLParagraphElement>(null);
  const service = useModelService();
  const { versionId, classViews } = useServiceState((state) => ({
    versionId: state.trained?.versionId ?? null,
    classViews: state.classes,
  }));
  const { kept, keep, showAgain } = useKeptPictures(service, versionId);
  const byId = useClassPicturesById();
  const classes = classViews.map(({ id, name }) => ({ id, name }));
  const classIdOf = (pictureId: string) => byId.get(pictureId)?.classId;
  const shown = mistakesToReview(report.mistakes, classIdOf, kept);
  // A kept picture moved or deleted since is no longer kept.
  const keptCount = mistakesToReview(report.mistakes, classIdOf, NONE).length - shown.length;
  const groups = [
    { practised: false, title: t('lab.mistakes.newPictures') },
    { practised: true, title: t('lab.mistakes.practised') },
  ]
    .map((group) => ({ ...group, mistakes: shown.filter((mistake) => mistake.practised === group.practised) }))
    .filter((group) => group.mistakes.length > 0);

  const onKeep = (pictureId: string) => {
    keep(pictureId);
    // The card goes away: the focus goes to the words saying what happened, not to the top of the page.
    status.current?.focus();
  };

  let summary;
  if (shown.length > 0) summary = t(shown.length === 1 ? 'lab.mistakes.countOne' : 'lab.mistakes.countOther', { count: shown.length });
  else summary = t(keptCount > 0 ? 'lab.mistakes.noneLeft' : 'lab.mistakes.none');

  return (
    <section aria-labelledby={headingId}>
      <h4 id={headingId} className="imt-heading">
        {t('lab.mistakes.heading')}
      </h4>
      <p className="imt-field-help">{t('lab.mistakes.help')}</p>
      <p
        ref={status}
        role="status"
        tabIndex={-1}
        className={shown.length === 0 && keptCount === 0 ? 'imt-note imt-note--good' : 'imt-note'}
      >
        {summary}
        {keptCount > 0 && <> {t(keptCount === 1 ? 'lab.mistakes.keptOne' : 'lab.mistakes.keptOther', { count: keptCount })}</>}
      </p>
      {keptCount > 0 && (
        <button type="button" className="imt-button imt-button--quiet imt-button--small" onClick={showAgain}>
          {t('lab.mistakes.showKept')}
        </button>
      )}
      {groups.map((group) => (
        <div key={String(group.practised)}>
          {(groups.length > 1 || group.practised) && <h5 className="iml-subheading">{group.title}</h5>}
          {group.practised && <p className="imt-field-help">{t('lab.mistakes.practisedNote')}</p>}
          <ul className="iml-mistakes" aria-label={t('lab.mistakes.list')}>
            {group.mistakes.map((mistake) => (
              <MistakeCard
                key={mistake.pictureId}
                mistake={mistake}
                picture={byId.get(mistake.pictureId)!}
                classes={classes}
                onKeep={() => onKeep(mistake.pictureId)}
              />
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
