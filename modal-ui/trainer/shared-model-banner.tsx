import type { ModelServiceState } from '../../model-service';
import { useTranslation } from '../use-translation';
import { worksWithoutPictures } from './hint-text';

/** At the top of the trainer: a model that came without its pictures works, though its classes look empty. */
export function SharedModelBanner({ state }: { readonly state: ModelServiceState }) {
  const { t } = useTranslation();
  if (!worksWithoutPictures(state)) return null;
  return <p className="imt-banner imt-banner--good" role="status">{t('trainer.sharedModelBanner')}</p>;
}
