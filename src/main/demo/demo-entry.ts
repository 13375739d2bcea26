/**
 * The demo generator's one entry: core.ts imports it dynamically, so the repository generator and the
 * release-history recorder make one chunk, loaded only when someone opens the demo.
 */
export { createDemoRepository } from './create-demo-repository';
export { recordDemoReleases } from './releases/record-demo-releases';
export { addDemoClusterEnvironment } from './kube/demo-cluster';
