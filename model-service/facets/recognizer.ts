// The blocks' view of the child's models: the active trained model's classes and answers (RecognizerApi), and
// the project's models by name for the `use model` block (ModelSwitcherApi).
import { cleanName, featureSourceOf, type Prediction } from '../../engine';
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
    async recognize(image, mode = 'photo'): Promise<RecognitionResult> {
      const trained = requireTrained(session);
      const key = engineKey(session);
      const classes = trainedClasses(session);
      const answer = (prediction: Prediction | null) => {
        const top = prediction && classes[prediction.classIndex];
        return {
          className: top?.name ?? '',
          classId: top?.id ?? '',
          confidences: classes.map((info, index) => ({
            classId: info.id,
            name: info.name,
            confidence: prediction?.confidences[index] ?? 0,
          })),
        };
      };
      const source = featureSourceOf(trained.model.metadata);
      if (source === 'pictures') return answer(await (await context.engine()).predict(key, image));
      // A Hands model answers only for a hand: no hand, no class (and `result` stays empty).
      const [{ embedding, hand }] = await context.features.featuresOf(source, [image], mode);
      if (!hand) return { ...answer(null), hand: null };
      const [prediction] = await (await context.engine()).predictEmbeddings(key, [embedding]);
      return { ...answer(prediction), hand };
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
