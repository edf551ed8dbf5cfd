// What the editor host mounts once (in its overlay layer): shows the popup whenever a block asks.
import { useSyncExternalStore } from 'react';
import type { PicturePrompt } from './picture-prompt';
import { RecognizeErrorNotice, RecognizePopup } from './recognize-popup';

export interface RecognizePopupHostProps {
  readonly prompt: PicturePrompt;
  /** Opens the trainer (from the "Train a model first" popup); a game page has none. */
  readonly onOpenTrainer?: () => void;
}

export function RecognizePopupHost({ prompt, onOpenTrainer }: RecognizePopupHostProps) {
  const state = useSyncExternalStore(prompt.subscribe, prompt.getState);
  if (state.current) {
    return (
      <RecognizePopup
        key={state.ticket}
        request={state.current}
        waiting={state.waiting}
        error={state.error}
        onAnswer={prompt.answer}
        onOpenTrainer={
          onOpenTrainer &&
          (() => {
            // The child goes to train: every script waiting for a picture goes on without one.
            prompt.cancelAll();
            onOpenTrainer();
          })
        }
      />
    );
  }
  if (state.error) return <RecognizeErrorNotice code={state.error} onClose={prompt.dismissError} />;
  return null;
}
