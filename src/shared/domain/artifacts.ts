/** Artifacts: the image digests a pipeline built, promoted unchanged through every environment. */

export interface Artifact {
  readonly id: number;
  readonly service: string;
  readonly imageRepository: string;
  /** `sha256:…`: what is deployed, everywhere. */
  readonly digest: string;
  readonly commitSha: string;
  /** The commit's semantic version, when it has one. */
  readonly version: string | null;
  readonly pipelineRunId: number | null;
  readonly createdAt: string;
  /** Set once the image was pruned from the registry; the record itself stays. */
  readonly pruned: { readonly by: string; readonly at: string } | null;
}

/** `3f1a2b3c4d5e`: the first 12 hex digits of a digest, as `docker images` shows them. */
export const shortDigest = (digest: string): string => digest.replace(/^sha256:/, '').slice(0, 12);
