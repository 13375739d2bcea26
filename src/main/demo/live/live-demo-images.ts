/**
 * The live demo's two images: found when an earlier open recorded them and the engine still has them,
 * otherwise built from a clean checkout of their commit and recorded as artifacts (digest = the local
 * image ID, as for any image built here and not pushed).
 */
import type { Artifact } from '../../../shared/domain/artifacts';
import type { ContainersPort } from '../../ports/containers';
import type { ArtifactsStore } from '../../ports/store';
import type { LiveDemoRepository } from './live-demo-repository';

export interface LiveImageSpec {
  readonly commitSha: string;
  readonly version: string;
}

export interface LiveImageDeps {
  readonly service: string;
  readonly imageRepository: string;
  readonly engine: Pick<ContainersPort, 'buildImage' | 'inspectImage'>;
  readonly artifacts: Pick<ArtifactsStore, 'findArtifact' | 'listArtifacts' | 'recordArtifact'>;
  readonly repository: Pick<LiveDemoRepository, 'checkout' | 'subject'>;
  readonly signal?: AbortSignal | undefined;
}

/** Marks the images the live demo built (an image label; the artifact record is an ordinary one). */
export const LIVE_DEMO_LABEL = 'io.shipdeck.demo';

/** How far back an earlier open's artifact is looked for; the live demo's are among the newest. */
const LOOK_BACK = 200;

/** The artifact an earlier open recorded for this commit and version, when the engine still has its image. */
export async function findLiveImage(deps: LiveImageDeps, spec: LiveImageSpec): Promise<Artifact | null> {
  const page = deps.artifacts.listArtifacts(deps.service, { limit: LOOK_BACK });
  for (const artifact of page.items) {
    if (artifact.commitSha !== spec.commitSha || artifact.version !== spec.version || artifact.imageRepository !== deps.imageRepository) continue;
    if ((await deps.engine.inspectImage(artifact.digest, deps.signal)) !== null) return artifact;
  }
  return null;
}

/**
 * Builds the image of the commit (the legacy builder; its cache makes a rebuild of the same tree the
 * same image) and records it, or finds its record when that image ID was recorded before.
 */
export async function buildLiveImage(deps: LiveImageDeps, spec: LiveImageSpec, onLine: (text: string) => void): Promise<Artifact> {
  const checkout = await deps.repository.checkout(spec.commitSha, deps.signal);
  try {
    const built = await deps.engine.buildImage(
      {
        checkoutDir: checkout.path,
        repository: deps.imageRepository,
        commitSha: spec.commitSha,
        version: spec.version,
        labels: { [LIVE_DEMO_LABEL]: 'live' }
      },
      (event) => event.kind === 'line' && onLine(event.text),
      deps.signal
    );
    const known = deps.artifacts.findArtifact(deps.imageRepository, built.imageId);
    if (known) return known;
    const subject = await deps.repository.subject(spec.commitSha);
    try {
      return await deps.artifacts.recordArtifact({
        service: deps.service,
        imageRepository: deps.imageRepository,
        digest: built.imageId,
        commitSha: spec.commitSha,
        version: spec.version,
        pipelineRunId: null,
        commitSubject: subject
      });
    } catch (error) {
      // Another process opening the demo recorded the same image a moment ago.
      const recorded = deps.artifacts.findArtifact(deps.imageRepository, built.imageId);
      if (recorded) return recorded;
      throw error;
    }
  } finally {
    await checkout.dispose();
  }
}
