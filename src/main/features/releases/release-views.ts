/**
 * The release views: the Environments board, the rollback pre-flight, a release's detail and an
 * artifact's timeline. Reads only — the records, git, the engine, nginx, the registry.
 */
import { artifactTimeline } from './artifact-timeline';
import { environmentsBoard } from './board/environments-board';
import { releaseDetail } from './detail/release-detail';
import { createPreflightMemos } from './preflight/preflight-memo';
import { rollbackPreflight } from './preflight/rollback-preflight';
import type { ReleaseViewsDeps } from './release-views-deps';
import type { ReleaseViews } from './release-views.types';

export type { ArtifactPresence, ReleaseViewsDeps, ReleaseViewsStore } from './release-views-deps';

export function createReleaseViews(given: ReleaseViewsDeps): ReleaseViews {
  const deps: ReleaseViewsDeps = { ...given, memos: given.memos ?? createPreflightMemos() };
  return {
    board: (signal) => environmentsBoard(deps, signal),
    preflight: (request, signal) => rollbackPreflight(deps, request, signal),
    detail: (deploymentId, signal) => releaseDetail(deps, deploymentId, signal),
    timeline: async (digest) => artifactTimeline(deps, digest)
  };
}
