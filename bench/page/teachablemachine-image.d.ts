// The slice of @teachablemachine/image 0.8.5 the benchmark drives. The package is installed at bench time
// into bench/.tm (never into the project's dependencies), so its own typings are not there for tsc.
declare module '@teachablemachine/image' {
  import type * as tf from '@tensorflow/tfjs';

  export interface TrainingParameters {
    denseUnits: number;
    epochs: number;
    learningRate: number;
    batchSize: number;
  }

  export class TeachableMobileNet {
    /** The backbone (MobileNetV2 truncated at out_relu + pooling); protected in TypeScript, public at run time. */
    truncatedModel: tf.LayersModel;
    setLabels(labels: string[]): void;
    setSeed(seed: string): void;
    addExample(classIndex: number, sample: HTMLCanvasElement): Promise<void>;
    /** Shuffles each class with the seed and splits off its validation pictures; train() calls it only once. */
    prepare(): void;
    train(params: TrainingParameters, callbacks?: object): Promise<tf.LayersModel>;
    predict(image: HTMLCanvasElement): Promise<{ className: string; probability: number }[]>;
  }

  export function createTeachable(
    metadata: { tfjsVersion?: string; modelName?: string },
    options: { version: number; alpha: number } | { checkpointUrl: string; trainingLayer: string },
  ): Promise<TeachableMobileNet>;
}
