import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { LabArea } from '../lab';
import { useModelService, useServiceState } from '../service';
import { ModelsPanel, OpenedProjectNotice, SharePanel } from '../sharing';
import { useTranslation } from '../use-translation';
import { ClassList } from './class-list';
import { FeatureSourceChoice } from './feature-source-choice';
import { ModelNameField } from './model-name-field';
import { SharedModelBanner } from './shared-model-banner';
import { ModelCardPanel } from './model-card';
import { TestPanel } from './test-panel';
import { TrainPanel } from './train-panel';
import { useFocusTrap } from './use-focus-trap';
import './trainer.css';

export interface TrainerModalProps {
  readonly open: boolean;
  onClose(): void;
}

/** Which part of the trainer has the (single) webcam open: a class id, the test area, or nobody. */
type CameraOwner = { readonly kind: 'class'; readonly classId: string } | { readonly kind: 'test' } | null;

/**
 * The trainer: a modal dialog over the editor. Everything it shows comes from the model service and every
 * change goes through it, so closing the dialog (even mid-training) loses nothing.
 */
export function TrainerModal({ open, onClose }: TrainerModalProps) {
  return open ? <TrainerDialog onClose={onClose} /> : null;
}

function TrainerDialog({ onClose }: { onClose(): void }) {
  const { t, locale } = useTranslation();
  const service = useModelService();
  const { loaded, problem } = useServiceState((state) => ({ loaded: state.loaded, problem: state.problem }));
  const dialog = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const [camera, setCamera] = useState<CameraOwner>(null);
  useFocusTrap(dialog, true);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && !event.defaultPrevented) {
      event.preventDefault();
      onClose();
    }
    // Keys typed in the trainer are not the stage's ("when space key pressed" must not fire).
    event.stopPropagation();
  };

  return (
    <div className="imt-backdrop">
      <div
        ref={dialog}
        className="imt-dialog"
        lang={locale}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
        onKeyDown={onKeyDown}
      >
        <header className="imt-header">
          <h2 id={titleId} className="imt-header__title">
            {t('trainer.title')}
          </h2>
          <button type="button" className="imt-header__close" aria-label={t('trainer.close')} title={t('trainer.close')} onClick={onClose}>
            <span aria-hidden="true">×</span>
          </button>
        </header>
        {!loaded ? (
          <p className="imt-loading" role="status">
            {t('trainer.loading')}
          </p>
        ) : (
          <div className="imt-body">
            {problem && (
              <div className="imt-problem" role="alert">
                <span>{t(`errors.${problem}`)}</span>
                <button type="button" className="imt-button imt-button--quiet imt-button--small" onClick={() => service.dismissProblem()}>
                  {t('trainer.dismiss')}
                </button>
              </div>
            )}
            <OpenedProjectNotice />
            <SharedModelBanner />
            <div className="imt-toolbar">
              <ModelNameField />
              <ModelsPanel />
            </div>
            <FeatureSourceChoice />
            <div className="imt-columns">
              <ClassList
                webcamClassId={camera?.kind === 'class' ? camera.classId : null}
                testWebcamOpen={camera?.kind === 'test'}
                onWebcamClassChange={(classId) => setCamera(classId ? { kind: 'class', classId } : null)}
              />
              <div className="imt-side">
                <TrainPanel />
                <TestPanel
                  webcamOpen={camera?.kind === 'test'}
                  onWebcamOpenChange={(isOpen) => setCamera(isOpen ? { kind: 'test' } : null)}
                />
              </div>
            </div>
            <SharePanel />
            <ModelCardPanel />
            <LabArea />
          </div>
        )}
      </div>
    </div>
  );
}
