// Our layer above the editor: the trainer dialog, the popup of `recognize image` and the notice after a save.
import { useSyncExternalStore } from 'react';
import type { ModelService } from '../../model-service';
import { RecognizePopupHost, type PicturePrompt } from '../../modal-ui/recognize';
import { ModelServiceProvider } from '../../modal-ui/service';
import { TrainerModal } from '../../modal-ui/trainer';
import type { OpenState } from './open-state';
import type { SaveNotice } from './save-notice';
import { SaveNoticeBar } from './save-notice-bar';

export interface OverlaysProps {
  readonly service: ModelService;
  readonly trainer: OpenState;
  readonly prompt: PicturePrompt;
  /** The editor's notice after a save; TurboWarp saves its own way and has none. */
  readonly saveNotice?: SaveNotice;
}

export function Overlays({ service, trainer, prompt, saveNotice }: OverlaysProps) {
  const trainerOpen = useSyncExternalStore(trainer.subscribe, trainer.isOpen);
  return (
    <ModelServiceProvider service={service}>
      <TrainerModal open={trainerOpen} onClose={trainer.close} />
      <RecognizePopupHost prompt={prompt} onOpenTrainer={trainer.open} />
      {saveNotice && <SaveNoticeBar notice={saveNotice} onOpenTrainer={trainer.open} />}
    </ModelServiceProvider>
  );
}
