/**
 * The release store's ports, one per aggregate (workspace, runs, artifacts, deployments, audit), and the
 * store that holds them with its cross-aggregate transaction. Implemented on SQLite; features see only these.
 */
export type * from './analysis-store';
export type * from './artifact-catalog';
export type * from './artifacts-store';
export type * from './audit-store';
export type * from './deferred';
export type * from './deployments-store';
export type * from './releases-store';
export type * from './paging';
export type * from './release-store';
export type * from './runs-store';
export type * from './workspace-store';
