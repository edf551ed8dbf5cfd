import { EMBEDDING_SIZE, type BaseModelRef } from './types';

/** The one backbone this product trains on; a saved head names it so it is never used with another one. */
export const BASE_MODEL: BaseModelRef = {
  id: 'mobilenet-v2-0.35-224',
  weightsSha256: 'e159deb3afa15bc63a53edb3eb31d0d6de1a25f0d8d72d9b8372b5088a902a8a',
  embeddingSize: EMBEDDING_SIZE,
};

/** Teachable Machine's no-top model ends here; pooling this layer gives the embedding. */
export const NO_TOP_OUTPUT_LAYER = 'out_relu';

/** Teachable Machine's public copy of the same weights (functional no-top layout), for online users. */
export const TEACHABLE_MACHINE_NO_TOP_URL =
  'https://storage.googleapis.com/teachable-machine-models/mobilenet_v2_weights_tf_dim_ordering_tf_kernels_0.35_224_no_top/model.json';
