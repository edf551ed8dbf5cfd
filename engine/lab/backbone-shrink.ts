// "Shrink it" for MobileNet too, as an experiment: every folded weight tensor of the fused backbone is rounded to
// int8 with quantization.ts's affine scheme and comes back as floats, so the copy computes what an int8-stored
// backbone would. MobileNet is shared by every model and never stored in a project, so nothing is saved: the Lab
// only compares the answers.
//
// Kernels get one scale per output channel, not one per tensor as a head does. Folding batch normalisation gives
// the channels of one kernel very different ranges (MobileNetV2's first depthwise kernel: up to 37 in one channel,
// far less in others), and with one scale per tensor the small channels round to almost nothing: on the shared
// photos a head that scored 94% fell to 25%. Per channel (as TensorFlow Lite stores convolutions) it scored 90%
// (other splits: 2 to 14 points lost, mostly from that first depthwise kernel; fixing that would take cross-layer
// equalisation or retraining, which is beyond this experiment).
// Biases have one number per channel already, so they stay per tensor.
import * as tf from '@tensorflow/tfjs';
import type { FusedGraph, FusedStep } from '../backbone/fused-graph';
import { dequantize, quantize } from '../model-format/quantization';

/** Each scale is stored as a float32 and each zero point as one int8. */
const BYTES_PER_SCALE = 4 + 1;

export interface Int8Backbone {
  /** The int8-rounded copy; the caller disposes it. */
  readonly graph: FusedGraph;
  /** The backbone's weights as float32, and as int8 plus the scales and zero points. */
  readonly bytesBefore: number;
  readonly bytesAfter: number;
}

/**
 * How many channels share out a weight tensor's scales: channels are its innermost axes (conv kernel
 * [h, w, in, out]: out; depthwise [h, w, in, multiplier]: in x multiplier), a bias is one tensor.
 */
function channelsOf(step: FusedStep, weight: tf.Tensor): number {
  if (weight.rank !== 4) return 1;
  const [, , inChannels, last] = weight.shape;
  return step.kind === 'DepthwiseConv2D' ? inChannels * last : last;
}

/** `values` rounded through int8 with one scale per channel (flat index i belongs to channel i % channels). */
function roundPerChannel(values: Float32Array, channels: number): Float32Array {
  const rounded = new Float32Array(values.length);
  const perChannel = values.length / channels;
  for (let channel = 0; channel < channels; channel++) {
    const slice = Float32Array.from({ length: perChannel }, (_, j) => values[channel + j * channels]);
    dequantize(quantize(slice)).forEach((value, j) => {
      rounded[channel + j * channels] = value;
    });
  }
  return rounded;
}

export async function int8Backbone(graph: FusedGraph): Promise<Int8Backbone> {
  const rounded: tf.Tensor[][] = [];
  let numbers = 0;
  let scales = 0;
  try {
    for (const step of graph.steps) {
      const weights: tf.Tensor[] = [];
      rounded.push(weights);
      for (const weight of step.weights) {
        const channels = channelsOf(step, weight);
        weights.push(tf.tensor(roundPerChannel(await weight.data<'float32'>(), channels), weight.shape, 'float32'));
        numbers += weight.size;
        scales += channels;
      }
    }
    return { graph: graph.withWeights(rounded), bytesBefore: numbers * 4, bytesAfter: numbers + scales * BYTES_PER_SCALE };
  } catch (error) {
    tf.dispose(rounded.flat());
    throw error;
  }
}
