import type { ArtifactPage, ArtifactQuery, ArtifactRow } from '../../../shared/domain/artifact-catalog';
import type { RetentionPolicy, StoredRetentionPolicy } from '../../../shared/domain/retention';

/** Reads of the artifact catalogue: every artifact of every service, searched, filtered, sorted and paged. */
export interface ArtifactCatalogReads {
  /** One page of the catalogue. Throws INVALID_INPUT for a cursor this query did not hand out. */
  searchArtifacts(query: ArtifactQuery): ArtifactPage;
  /** null when there is no artifact with that id. */
  getArtifactRow(artifactId: number): ArtifactRow | null;
  /** The service's artifact recorded just before this one (for "commits since"), or null for the first. */
  previousArtifact(artifactId: number): ArtifactRow | null;
  /** Every artifact of a service not yet pruned, newest first: what a retention plan looks at. */
  liveArtifacts(service: string): readonly ArtifactRow[];
  /** The service's policy, or the default one (custom: false). Throws NOT_FOUND for an unknown service. */
  getRetentionPolicy(service: string): StoredRetentionPolicy;
}

export interface ArtifactCatalogWrites {
  /** Sets (or replaces) the service's retention policy. */
  setRetentionPolicy(service: string, policy: RetentionPolicy, updatedBy: string): StoredRetentionPolicy;
}
