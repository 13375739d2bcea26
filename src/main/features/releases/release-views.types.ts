/**
 * What the release screens and `shipdeck status` read: the board with live health and drift, the
 * rollback pre-flight, a release's detail with its commits, an artifact's timeline. Implemented by
 * `release-views.ts`; reads only (records, git, the engine, nginx, the registry).
 */
import type { ArtifactTimeline, Board, ReleaseDetail, RollbackPreflight } from '../../../shared/domain/releases';

export interface ReleaseViews {
  board(signal?: AbortSignal): Promise<Board>;
  preflight(request: { readonly service: string; readonly environment: string; readonly toDigest?: string | undefined }, signal?: AbortSignal): Promise<RollbackPreflight>;
  detail(deploymentId: number, signal?: AbortSignal): Promise<ReleaseDetail>;
  timeline(digest: string): Promise<ArtifactTimeline>;
}
