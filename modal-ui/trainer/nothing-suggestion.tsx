import { useEffect, useId, useState } from 'react';
import { catalogues } from '../../locales';
import { nameKey } from '../../model-service';
import { useModelService, useServiceState } from '../service';
import { useTranslation } from '../use-translation';
import { Icon } from './icons';
import './nothing-suggestion.css';

const NAME_KEY = 'trainer.nothing.className';
/** "Nothing" in every language: a project made in another language may have one already. */
const NOTHING_NAMES = new Set(Object.values(catalogues).map((catalogue) => nameKey(catalogue[NAME_KEY] ?? '')));

/**
 * Once the webcam has been used (a class's or the test area's), suggests a "Nothing" class and says why: with an
 * empty view the model still has to pick one of the child's classes. One click adds it and opens its webcam. Not
 * shown when a class of that name exists, or once the child says no (until the trainer opens again).
 */
export function NothingSuggestion({
  webcamInUse,
  onAdded,
}: {
  /** A webcam of the trainer is open now. */
  readonly webcamInUse: boolean;
  /** The new class, whose webcam should open. */
  onAdded(classId: string): void;
}) {
  const { t } = useTranslation();
  const service = useModelService();
  const hasNothing = useServiceState((state) => state.classes.some((info) => NOTHING_NAMES.has(nameKey(info.name))));
  const titleId = useId();
  const [webcamUsed, setWebcamUsed] = useState(false);
  const [dismissed, setDismissed] = useState(false);
  useEffect(() => {
    if (webcamInUse) setWebcamUsed(true);
  }, [webcamInUse]);

  if (!webcamUsed || dismissed || hasNothing) return null;
  const name = t(NAME_KEY);
  return (
    <section className="imt-nothing" aria-labelledby={titleId}>
      <h4 id={titleId} className="imt-nothing__title">
        {t('trainer.nothing.title', { name })}
      </h4>
      <p className="imt-nothing__why">{t('trainer.nothing.why', { name })}</p>
      <div className="imt-nothing__actions">
        <button type="button" className="imt-button imt-button--small" onClick={() => onAdded(service.addClass(name))}>
          <Icon name="plus" />
          {t('trainer.nothing.add', { name })}
        </button>
        <button type="button" className="imt-button imt-button--quiet imt-button--small" onClick={() => setDismissed(true)}>
          {t('trainer.nothing.dismiss')}
        </button>
      </div>
    </section>
  );
}
