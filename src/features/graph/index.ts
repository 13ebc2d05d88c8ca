// The cluster graph feature: the app composes these.
export { ClusterGraph } from './ClusterGraph';
export { Legend } from './Legend';
