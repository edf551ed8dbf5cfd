import type { ClassInfo } from '../../engine';
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { InboxGuess, InboxPictureView } from '../../model-service';
import { useModelQuery, useModelService, useServiceState } from '../service';
import { Icon } from '../trainer/icons';
import { usePictureUrl } from '../trainer/use-picture-url';
import { useTranslation } from '../use-translation';
import { PictureDropArea } from './inbox-upload';
import './inbox.css';

/** The trained model's guesses for the inbox, asked again when the model or the inbox changes. */
function useInboxGuesses(inbox: readonly InboxPictureView[]): ReadonlyMap<string, InboxGuess> {
  const key = inbox.length > 0 ? inbox.map((picture) => picture.id).join(',') : null;
  // Without a guess the child simply chooses: a problem is not reported.
  const { result } = useModelQuery({ key, ask: (service) => service.guessInbox() });
  return useMemo(() => new Map(result?.map((guess) => [guess.pictureId, guess])), [result]);
}

/**
 * The class a key chooses after `current`: arrows step (from "choose" Down goes to the first class, Up to the
 * last), Home and End jump; undefined for other keys.
 */
function keyChoice(classes: readonly ClassInfo[], current: string, key: string): string | undefined {
  if (classes.length === 0) return undefined;
  const last = classes.length - 1;
  const index = classes.findIndex((info) => info.id === current);
  if (key === 'Home') return classes[0].id;
  if (key === 'End') return classes[last].id;
  if (key === 'ArrowDown') return classes[index < 0 ? 0 : Math.min(index + 1, last)].id;
  if (key === 'ArrowUp') return classes[index < 0 ? last : Math.max(index - 1, 0)].id;
  return undefined;
}

function InboxCard({
  picture,
  number,
  classes,
  guess,
  selectRef,
  onLabel,
  onDiscard,
}: {
  readonly picture: InboxPictureView;
  readonly number: number;
  readonly classes: readonly ClassInfo[];
  readonly guess: InboxGuess | undefined;
  selectRef(element: HTMLSelectElement | null): void;
  onLabel(classId: string): void;
  onDiscard(): void;
}) {
  const { t } = useTranslation();
  const url = usePictureUrl(picture.encoded);
  const selectId = useId();
  const guessed = guess && classes.find((info) => info.id === guess.classId);
  // The model's guess is preselected: Enter or "Put in" accepts it.
  const [choice, setChoice] = useState(guessed?.id ?? '');
  const guessedId = guessed?.id;
  useEffect(() => {
    if (guessedId) setChoice((current) => current || guessedId);
  }, [guessedId]);
  const chosen = classes.find((info) => info.id === choice);

  // Arrow keys only choose (a closed select would otherwise move the picture at every press); Enter puts it in.
  const onKeyDown = (event: KeyboardEvent<HTMLSelectElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const next = keyChoice(classes, choice, event.key);
    if (next !== undefined) {
      event.preventDefault();
      setChoice(next);
    } else if (event.key === 'Enter' && chosen) {
      event.preventDefault();
      onLabel(chosen.id);
    }
  };

  return (
    <li className="iml-inbox__card" aria-label={t('lab.inbox.picture', { number })}>
      {url && <img className="iml-mistake__picture" src={url} alt="" width={112} height={112} />}
      {guessed && <p className="iml-inbox__guess">{t('lab.inbox.guess', { name: guessed.name, confidence: guess.confidence })}</p>}
      <label htmlFor={selectId} className="imt-visually-hidden">
        {t('lab.inbox.classFor', { number })}
      </label>
      <select
        id={selectId}
        ref={selectRef}
        value={choice}
        disabled={classes.length === 0}
        onKeyDown={onKeyDown}
        // A pick with the mouse (or from the open list) is the child's decision: the picture moves at once.
        onChange={(event) => {
          if (event.target.value) onLabel(event.target.value);
        }}
      >
        <option value="">{t('lab.inbox.choose')}</option>
        {classes.map((info) => (
          <option key={info.id} value={info.id}>
            {info.name}
          </option>
        ))}
      </select>
      <button type="button" className="imt-button imt-button--small" disabled={!chosen} onClick={() => chosen && onLabel(chosen.id)}>
        {chosen ? t('lab.inbox.put', { name: chosen.name }) : t('lab.inbox.putNone')}
      </button>
      <button
        type="button"
        className="imt-button imt-button--quiet imt-button--small"
        aria-label={t('lab.inbox.discardPicture', { number })}
        onClick={onDiscard}
      >
        <Icon name="trash" />
        {t('lab.inbox.discard')}
      </button>
    </li>
  );
}

/**
 * The inbox: a pile of unlabelled pictures that the child sorts into classes like cards (or throws away). After
 * each one, focus goes to the next picture's class box, so a keyboard user sorts the pile without hunting.
 */
export function InboxPanel() {
  const { t } = useTranslation();
  const service = useModelService();
  const { classes, inbox } = useServiceState((state) => ({
    classes: state.classes.map(({ id, name }) => ({ id, name })),
    inbox: state.inbox,
  }));
  const guesses = useInboxGuesses(inbox);
  const selects = useRef(new Map<string, HTMLSelectElement>());
  const statusRef = useRef<HTMLParagraphElement>(null);
  /** Where focus goes once the sorted picture has left the list: a picture's id, or null for the status line. */
  const focusNext = useRef<string | null | undefined>(undefined);
  const [said, setSaid] = useState('');

  useEffect(() => {
    const target = focusNext.current;
    if (target === undefined) return;
    focusNext.current = undefined;
    (target === null ? statusRef.current : selects.current.get(target))?.focus();
  }, [inbox]);

  const sortOut = (pictureId: string, change: () => void, words: string) => {
    const index = inbox.findIndex((picture) => picture.id === pictureId);
    focusNext.current = inbox[index + 1]?.id ?? inbox[index - 1]?.id ?? null;
    setSaid(words);
    change();
  };
  const count =
    inbox.length === 0
      ? t('lab.inbox.empty')
      : t(inbox.length === 1 ? 'lab.inbox.countOne' : 'lab.inbox.countOther', { count: inbox.length });

  return (
    <PictureDropArea label={t('lab.inbox.heading')} buttonText={t('lab.inbox.add')} onPictures={(pictures) => service.addToInbox(pictures)}>
      <h4 className="imt-heading">{t('lab.inbox.heading')}</h4>
      <p className="imt-field-help">{t('lab.inbox.help')}</p>
      {classes.length === 0 && <p className="imt-note imt-note--warn">{t('lab.inbox.needClasses')}</p>}
      <p ref={statusRef} className="imt-field-help" role="status" tabIndex={-1}>
        {said && <span>{said} </span>}
        {count}
      </p>
      {inbox.length > 0 && (
        <ul className="iml-inbox__cards" aria-label={t('lab.inbox.list')}>
          {inbox.map((picture, index) => (
            <InboxCard
              key={picture.id}
              picture={picture}
              number={index + 1}
              classes={classes}
              guess={guesses.get(picture.id)}
              selectRef={(element) => {
                if (element) selects.current.set(picture.id, element);
                else selects.current.delete(picture.id);
              }}
              onLabel={(classId) =>
                sortOut(
                  picture.id,
                  () => service.labelInboxPicture(picture.id, classId),
                  t('lab.inbox.moved', { name: classes.find((info) => info.id === classId)?.name ?? '' }),
                )
              }
              onDiscard={() => sortOut(picture.id, () => service.discardInboxPicture(picture.id), t('lab.inbox.thrownAway'))}
            />
          ))}
        </ul>
      )}
    </PictureDropArea>
  );
}
