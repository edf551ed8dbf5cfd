export { ModelServiceProvider, useModelService, useServiceState } from './model-service-context';
export { useModelQuery, type ModelQuery } from './use-model-query';
