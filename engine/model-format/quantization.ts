// "Shrink it": int8 quantisation of a head's weights, per tensor and affine (asymmetric), like TensorFlow Lite's
// per-tensor scheme: value ~ (q - zeroPoint) * scale with q in -128..127. Per tensor (not per output channel)
// because a head has only a few tensors and the accuracy on the shared photos stays within 2 points (see the test),
// so the simpler format wins. Each float becomes 1 byte instead of 4; the model file keeps each tensor's scale and
// zero point in its weightSpecs (engine/model-format/model-format.ts quantizeModel).
import { EngineError } from '../errors';

export interface QuantizedTensor {
  readonly data: Int8Array;
  /** Size of one step between neighbouring int8 values. */
  readonly scale: number;
  /** The int8 value that stands for exactly 0, so zero weights and biases stay exactly 0. */
  readonly zeroPoint: number;
}

const Q_MIN = -128;
const Q_MAX = 127;

/**
 * Maps [min, max] (widened to include 0) onto -128..127. Every value then comes back within scale / 2 of where it
 * was: rounding loses at most half a step, and the zero point's rounding shifts the ends by at most half a step,
 * which the clamp absorbs.
 */
export function quantize(values: Float32Array): QuantizedTensor {
  let min = 0;
  let max = 0;
  for (const value of values) {
    if (!Number.isFinite(value)) throw new EngineError('model/invalid', 'cannot shrink weights that contain NaN or Infinity');
    if (value < min) min = value;
    if (value > max) max = value;
  }
  // All zeros: any scale represents them exactly; 1 avoids dividing by 0.
  const scale = max > min ? Math.fround((max - min) / (Q_MAX - Q_MIN)) : 1;
  const zeroPoint = Math.min(Q_MAX, Math.max(Q_MIN, Math.round(Q_MIN - min / scale)));
  const data = new Int8Array(values.length);
  values.forEach((value, i) => {
    data[i] = Math.min(Q_MAX, Math.max(Q_MIN, Math.round(value / scale) + zeroPoint));
  });
  return { data, scale, zeroPoint };
}

export function dequantize(tensor: QuantizedTensor): Float32Array {
  const values = new Float32Array(tensor.data.length);
  tensor.data.forEach((q, i) => {
    values[i] = (q - tensor.zeroPoint) * tensor.scale;
  });
  return values;
}
