// The parts of onnx.proto a plain feed-forward float graph needs (field numbers from onnx/onnx.proto, IR 8).
import { bytesField, intField, join, messageField, packedIntsField, stringField, type Field } from './protobuf-writer';

const IR_VERSION = 8;
/** Clip and Pad take their limits as inputs from opset 11; 13 is widely supported. */
const OPSET = 13;

const DATA_TYPE = { float: 1, int64: 7 } as const;
const ATTRIBUTE_TYPE = { int: 2, string: 3, ints: 7 } as const;

/** Integer, string or integer-list attributes: all that Conv, Transpose and Flatten take here. */
export type Attribute = readonly [name: string, value: number | string | readonly number[]];

export interface Node {
  readonly op: string;
  readonly inputs: readonly string[];
  readonly output: string;
  readonly attributes?: readonly Attribute[];
}

export interface Initializer {
  readonly name: string;
  readonly dims: readonly number[];
  readonly values: Float32Array | BigInt64Array;
}

/** A float tensor value of the graph: its name and shape, a string dimension for a free one (the batch). */
export interface ValueInfo {
  readonly name: string;
  readonly shape: readonly (number | string)[];
}

function attribute([name, value]: Attribute): Field {
  const fields = [stringField(1, name)];
  if (typeof value === 'string') fields.push(stringField(4, value), intField(20, ATTRIBUTE_TYPE.string));
  else if (typeof value === 'number') fields.push(intField(3, value), intField(20, ATTRIBUTE_TYPE.int));
  else fields.push(packedIntsField(8, value), intField(20, ATTRIBUTE_TYPE.ints));
  return messageField(5, fields);
}

const node = ({ op, inputs, output, attributes = [] }: Node, index: number): Field =>
  messageField(1, [
    ...inputs.map((input) => stringField(1, input)),
    stringField(2, output),
    stringField(3, `${op}_${index}`),
    stringField(4, op),
    ...attributes.map(attribute),
  ]);

/** Little-endian raw data, as ONNX stores tensors (every platform a browser runs on is little-endian). */
const initializer = ({ name, dims, values }: Initializer): Field =>
  messageField(5, [
    packedIntsField(1, dims),
    intField(2, values instanceof Float32Array ? DATA_TYPE.float : DATA_TYPE.int64),
    stringField(8, name),
    bytesField(9, new Uint8Array(values.buffer, values.byteOffset, values.byteLength)),
  ]);

const valueInfo = (fieldNumber: number, { name, shape }: ValueInfo): Field =>
  messageField(fieldNumber, [
    stringField(1, name),
    messageField(2, [
      messageField(1, [
        intField(1, DATA_TYPE.float),
        messageField(
          2,
          shape.map((dim) => messageField(1, [typeof dim === 'number' ? intField(1, dim) : stringField(2, dim)])),
        ),
      ]),
    ]),
  ]);

export interface Graph {
  readonly nodes: readonly Node[];
  readonly initializers: readonly Initializer[];
  readonly input: ValueInfo;
  readonly output: ValueInfo;
}

/** A ModelProto's bytes: one graph, the default operator set at OPSET. */
export function encodeModel({ nodes, initializers, input, output }: Graph, producer: string): Uint8Array {
  return join([
    intField(1, IR_VERSION),
    stringField(2, producer),
    messageField(7, [
      ...nodes.map(node),
      stringField(2, producer),
      ...initializers.map(initializer),
      valueInfo(11, input),
      valueInfo(12, output),
    ]),
    messageField(8, [intField(2, OPSET)]),
  ]);
}
