// How "Under the hood" folds the model's ~70 steps into a dozen-and-a-half boxes a child can open one by one.
import type { LayerSummary } from '../../model-service';

export interface LayerGroupView {
  /** Stable across renders and models, e.g. 'block-3', 'head'. */
  readonly key: string;
  readonly group: LayerSummary['group'];
  readonly block?: number;
  /** Indices of its first and last step in the layer list. */
  readonly first: number;
  readonly last: number;
}

const keyOf = (layer: LayerSummary) => (layer.group === 'block' ? `block-${layer.block}` : layer.group);

/** Consecutive steps of the same stage (the picture, the first filter, each block, the last filter, pooling, the head). */
export function groupLayers(layers: readonly LayerSummary[]): LayerGroupView[] {
  const groups: LayerGroupView[] = [];
  layers.forEach((layer, index) => {
    const key = keyOf(layer);
    const open = groups.at(-1);
    if (open?.key === key) groups[groups.length - 1] = { ...open, last: index };
    else groups.push({ key, group: layer.group, ...(layer.block !== undefined && { block: layer.block }), first: index, last: index });
  });
  return groups;
}

/** The group holding step `index`. */
export function groupOf(groups: readonly LayerGroupView[], index: number): LayerGroupView | undefined {
  return groups.find((group) => index >= group.first && index <= group.last);
}

/** A number short enough for an axis label: 3 significant digits, no "e-7" for tiny values. */
export function shortNumber(value: number): string {
  if (Math.abs(value) < 1e-3) return value === 0 ? '0' : value.toExponential(1);
  if (Math.abs(value) >= 1000) return Math.round(value).toString();
  return Number(value.toPrecision(3)).toString();
}
