// Says so when the game's models could not be opened (a damaged or tampered page): the project's reader
// (project-file/) refused them, and the game plays on without them instead of crashing.
import { useState } from 'react';
import { problemMessageKey } from '../project-file';
import { OkPopup } from '../modal-ui/recognize/popup-frame';
import { useServiceState } from '../modal-ui/service';
import { useTranslation } from '../modal-ui/use-translation';

export function GameNotice() {
  const { t } = useTranslation();
  const broken = useServiceState((state) => state.openedProject?.broken ?? []);
  const [dismissed, setDismissed] = useState(false);
  if (dismissed || broken.length === 0) return null;
  const close = () => setDismissed(true);
  const problems = [...new Set(broken.map((model) => model.problem))];
  return (
    <OkPopup role="alertdialog" title={t('webPage.modelDamagedTitle')} onClose={close}>
      {problems.map((problem) => (
        <p key={problem} className="imr-hint">
          {t(problemMessageKey(problem))}
        </p>
      ))}
      <p className="imr-hint">{t('webPage.modelDamagedNext')}</p>
    </OkPopup>
  );
}
