import * as tf from '@tensorflow/tfjs';
import { validateImage } from '../picture';
import { imagesToTensor } from '../preprocess';
import { compileFusedGraph, type FusedGraph } from './fused-graph';
import { EMBEDDING_SIZE, INPUT_SIZE, type Embedding, type RgbaImage } from '../types';

/** Pictures per backbone call: batching saves ~10% and larger batches only cost memory. */
const EMBED_BATCH_SIZE = 8;

/** The loaded feature extractor: pictures in, one 1280-number embedding per picture out. */
export class Backbone {
  private constructor(
    private readonly run: (input: tf.Tensor4D) => tf.Tensor2D,
    private readonly release: () => void,
    /** Whether the fast fused graph runs (false: the layers model, for a topology the fusion does not know). */
    readonly fused: boolean,
    /** The fused graph that runs, for the Lab to look inside (absent with the layers model). */
    readonly graph?: FusedGraph,
  ) {}

  /** Takes ownership of `model`: it is replaced by its fused graph when possible, and disposed with the backbone. */
  static fromModel(model: tf.LayersModel): Backbone {
    const graph = compileFusedGraph(model);
    if (!graph)
      return new Backbone(
        (input) => model.predict(input) as tf.Tensor2D,
        () => model.dispose(),
        false,
      );
    model.dispose();
    return Backbone.fromGraph(graph);
  }

  /** Takes ownership of `graph` (e.g. the Lab's int8 copy of the loaded one): disposed with the backbone. */
  static fromGraph(graph: FusedGraph): Backbone {
    return new Backbone(
      (input) => graph.predict(input),
      () => graph.dispose(),
      true,
      graph,
    );
  }

  /** Validates every picture first, so a bad one costs no work and its index is exact. */
  async embed(images: readonly RgbaImage[]): Promise<Embedding[]> {
    images.forEach((image, i) => validateImage(image, `image ${i}`));
    const embeddings: Embedding[] = [];
    for (let start = 0; start < images.length; start += EMBED_BATCH_SIZE) {
      const chunk = images.slice(start, start + EMBED_BATCH_SIZE);
      const output = tf.tidy(() => this.run(imagesToTensor(chunk)));
      try {
        const values = await output.data<'float32'>();
        // One buffer per embedding, so each can be transferred or stored on its own.
        chunk.forEach((_, i) => embeddings.push(values.slice(i * EMBEDDING_SIZE, (i + 1) * EMBEDDING_SIZE)));
      } finally {
        output.dispose();
      }
    }
    return embeddings;
  }

  /** Embeddings of pictures already made into the backbone's input (the Lab's covered copies); the caller disposes both. */
  embedInput(input: tf.Tensor4D): tf.Tensor2D {
    return this.run(input);
  }

  /** Milliseconds for one embedding after a warm-up run (shader compilation, WASM page-in). */
  async timeOneEmbedding(): Promise<number> {
    const run = async () => {
      const output = tf.tidy(() => this.run(tf.zeros([1, INPUT_SIZE, INPUT_SIZE, 3])));
      await output.data();
      output.dispose();
    };
    await run();
    const start = performance.now();
    await run();
    return performance.now() - start;
  }

  dispose(): void {
    this.release();
  }
}
