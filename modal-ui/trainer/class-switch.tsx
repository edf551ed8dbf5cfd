import type { ClassView } from '../../model-service';
import { useModelService } from '../service';
import { useTranslation } from '../use-translation';

/** The switch "Use 'rock' in the next training"; `onRefused` when it cannot go off (fewer than 2 classes would stay on). */
export function ClassSwitch({ info, onRefused }: { readonly info: ClassView; onRefused(refused: boolean): void }) {
  const { t } = useTranslation();
  const service = useModelService();
  const label = t('trainer.classSwitch', { name: info.name });
  return (
    <label className="imt-class__switch" title={label}>
      <input
        type="checkbox"
        role="switch"
        checked={info.inTraining}
        aria-label={label}
        onChange={(event) => onRefused(!service.setClassInTraining(info.id, event.target.checked))}
      />
      <span className="imt-class__switch-track" aria-hidden="true" />
    </label>
  );
}

/** What being off means, or why the class could not go off. */
export function ClassOffNote({ info, refused }: { readonly info: ClassView; readonly refused: boolean }) {
  const { t } = useTranslation();
  if (!refused && info.inTraining) return null;
  return (
    <p className={`imt-class__off${refused ? ' imt-class__off--refused' : ''}`} role="status">
      {refused ? t('trainer.classSwitchNeedTwo') : t('trainer.classSwitchedOff')}
    </p>
  );
}
