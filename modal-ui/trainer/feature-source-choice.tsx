import { useId } from 'react';
import { FEATURE_SOURCES, type FeatureSource } from '../../model-service';
import { useModelService, useServiceState } from '../service';
import { useTranslation } from '../use-translation';
import './hands.css';

const WORDS = {
  pictures: { label: 'trainer.featureSourcePictures', help: 'trainer.featureSourcePicturesHelp' },
  hands: { label: 'trainer.featureSourceHands', help: 'trainer.featureSourceHandsHelp' },
} as const satisfies Record<FeatureSource, object>;

/**
 * "What should it look at? Pictures / Hands": asked while the model is empty (its pictures' numbers depend on the
 * answer); afterwards a Hands model just says what it looks at.
 */
export function FeatureSourceChoice() {
  const { t } = useTranslation();
  const service = useModelService();
  const name = useId();
  const { source, empty } = useServiceState((state) => ({
    source: state.featureSource,
    empty: state.trained === null && state.addingPictures === 0 && state.classes.every((view) => view.pictures.length === 0),
  }));
  if (!empty) return source === 'hands' ? <p className="imt-field-help imt-looks-at">{t('trainer.looksAtHands')}</p> : null;
  return (
    <fieldset className="imt-looks-at">
      <legend className="imt-heading">{t('trainer.featureSourceLegend')}</legend>
      {FEATURE_SOURCES.map((option) => (
        <label key={option} className="imt-looks-at__option">
          <input type="radio" name={name} value={option} checked={source === option} onChange={() => service.setFeatureSource(option)} />
          <span className="imt-looks-at__label">{t(WORDS[option].label)}</span>
          <span className="imt-field-help">{t(WORDS[option].help)}</span>
        </label>
      ))}
    </fieldset>
  );
}
