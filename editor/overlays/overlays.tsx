// Our layer above the editor: the trainer dialog and the popup of `recognize image`.
import { useSyncExternalStore } from 'react';
import type { ModelService } from '../../model-service';
import { RecognizePopupHost, type PicturePrompt } from '../../modal-ui/recognize';
import { ModelServiceProvider } from '../../modal-ui/service';
import { TrainerModal } from '../../modal-ui/trainer';
import type { OpenState } from './open-state';

export interface OverlaysProps {
  readonly service: ModelService;
  readonly trainer: OpenState;
  readonly prompt: PicturePrompt;
}

export function Overlays({ service, trainer, prompt }: OverlaysProps) {
  const trainerOpen = useSyncExternalStore(trainer.subscribe, trainer.isOpen);
  return (
    <ModelServiceProvider service={service}>
      <TrainerModal open={trainerOpen} onClose={trainer.close} />
      <RecognizePopupHost prompt={prompt} onOpenTrainer={trainer.open} />
    </ModelServiceProvider>
  );
}
