/**
 * Which cached call results each hint stream makes stale. Kept free of zod so the renderer can bundle
 * it: the query layer subscribes to these streams and refetches the calls named here.
 */
import type { CallName, StreamName } from './index';

/** On each hint, every cached result of these calls is stale, whatever its input. */
export const INVALIDATES: Partial<Readonly<Record<StreamName, readonly CallName[]>>> = {
  'workspace.changes': ['services.list', 'services.get', 'audit.list'],
  'runs.updates': ['runs.list', 'runs.get'],
  // A watched workload changed: the board's cells and the workload's revisions and analyses.
  'kubernetes.changes': ['releases.board', 'kubernetes.revisions', 'kubernetes.analysisRuns', 'kubernetes.overview'],
  'releases.changes': [
    'releases.board',
    'releases.get',
    'releases.list',
    'releases.timeline',
    'releases.preflight',
    'services.list',
    'services.get',
    // A release moved or its analysis read new points: its charts and an experiment's numbers refetch.
    'analysis.get',
    'experiments.status',
    'kubernetes.revisions',
    'kubernetes.analysisRuns'
  ]
};

/**
 * On each hint `{ service }`, the cached results of these calls for that service only are stale (a
 * repository re-pointed from the CLI or another window: its history is another repository's now).
 */
export const INVALIDATES_FOR_SERVICE: Partial<Readonly<Record<StreamName, readonly CallName[]>>> = {
  'workspace.changes': ['history.branches', 'history.tags', 'history.commits', 'history.commit', 'history.compare']
};
