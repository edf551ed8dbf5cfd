// The blocks' view of the child's models: the active trained model's classes and answers (RecognizerApi), and
// the project's models by name for the `use model` block (ModelSwitcherApi).
import { cleanName } from '../../engine';
import { engineKey, requireTrained, trainedClasses } from '../session';
import type { ModelSwitcherApi, RecognitionResult, RecognizerApi } from '../types';
import type { FacetContext } from './context';
import type { Workspace } from './workspace';

export interface RecognizerFacet extends RecognizerApi, ModelSwitcherApi {}

export function createRecognizer(
  context: FacetContext,
  workspace: Workspace,
  onModelChange: (listener: () => void) => () => void,
): RecognizerFacet {
  const { session } = context;
  return {
    getClasses: () => trainedClasses(session),
    hasTrainedModel: () => session.trained !== null,
    activeModelId: () => session.draft.id,
    async recognize(image): Promise<RecognitionResult> {
      requireTrained(session);
      const classes = trainedClasses(session);
      const engine = await context.engine();
      const prediction = await engine.predict(engineKey(session), image);
      const top = classes[prediction.classIndex];
      return {
        className: top.name,
        classId: top.id,
        confidences: classes.map((info, index) => ({ classId: info.id, name: info.name, confidence: prediction.confidences[index] ?? 0 })),
      };
    },
    onChange: onModelChange,

    getModelNames: () => workspace.modelNames(),
    async useModel(name) {
      const lower = cleanName(name).toLocaleLowerCase();
      workspace.stash();
      const model = [...session.models.values()].find((candidate) => candidate.draft.name.toLocaleLowerCase() === lower);
      return model ? workspace.api.switchModel(model.draft.id) : false;
    },
  };
}
