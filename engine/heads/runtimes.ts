// The tfjs half of every head kind, one line each (the plain-data half is listed in kinds.ts).
import type { HeadKind } from '../types';
import { DENSE_RUNTIME } from './dense-head';
import type { Head, HeadRuntime, HeadTraining, TrainedHead } from './head';
import type { HeadDescriptionOf } from './head-kind';
import { KNN_RUNTIME } from './knn-head';

const RUNTIMES: { readonly [K in HeadKind]: HeadRuntime<K> } = { dense: DENSE_RUNTIME, knn: KNN_RUNTIME };

export function trainHead<K extends HeadKind>(options: HeadTraining<K>): Promise<TrainedHead> {
  return RUNTIMES[options.settings.kind].train(options);
}

/** A stored head for `features` numbers in (its feature source's size). */
export function loadHead<K extends HeadKind>(head: HeadDescriptionOf<K>, tensors: readonly Float32Array[], features: number): Head {
  return RUNTIMES[head.kind].load(head, tensors, features);
}
