import { useServiceState } from '../service';
import { useTranslation } from '../use-translation';
import { worksWithoutPictures } from './hint-text';

/** At the top of the trainer: a model that came without its pictures works, though its classes look empty. */
export function SharedModelBanner() {
  const { t } = useTranslation();
  if (!useServiceState(worksWithoutPictures)) return null;
  return (
    <p className="imt-banner imt-banner--good" role="status">
      {t('trainer.sharedModelBanner')}
    </p>
  );
}
