import type { Artifact } from '../../../shared/domain/artifacts';
import type { ArtifactCatalogReads, ArtifactCatalogWrites } from './artifact-catalog';
import type { Deferred } from './deferred';
import type { Page, PageRequest } from './paging';

export interface NewArtifact {
  readonly service: string;
  readonly imageRepository: string;
  readonly digest: string;
  readonly commitSha: string;
  readonly version: string | null;
  readonly pipelineRunId: number | null;
  /** First line of the commit message, so the catalogue can search it offline. */
  readonly commitSubject?: string | undefined;
}

export interface ArtifactsReads extends ArtifactCatalogReads {
  /** null when that digest was never recorded in that repository. */
  findArtifact(imageRepository: string, digest: string): Artifact | null;
  /** A service's artifacts, newest first, pruned ones included (they stay in the history). */
  listArtifacts(service: string, page: PageRequest): Page<Artifact>;
}

export interface ArtifactsWrites extends ArtifactCatalogWrites {
  /** Records a built image. A digest is built once: recording it again throws ALREADY_EXISTS. */
  recordArtifact(artifact: NewArtifact): Artifact;
  /** Records that the image was pruned from the registry (once; the artifact's record stays). */
  recordPrune(artifactId: number, prunedBy: string): Artifact;
}

/** Artifacts: every image built, with its provenance, never deleted. */
export type ArtifactsStore = ArtifactsReads & Deferred<ArtifactsWrites>;
