/**
 * What the live demo wants running, and the releases that get it there — pure, so it is tested apart
 * from Docker. The demo's first environment (dev) runs the newer image, every later one the older; the
 * older goes through the promotion order (deploy to dev, promote to staging, promote to prod) before
 * dev moves ahead, so the board opens with a Promote → waiting and the artifact timeline tells a story.
 *
 * Once the setup has finished (dev has run the newer image), what the newcomer did is respected: an
 * environment whose record names a live image is restored to that image, never to the first layout.
 */
import { parseSemVer } from '../../../shared/domain/semver';

/** The two live images, by digest (the local image ID). */
export interface LiveImages {
  readonly older: string;
  readonly newer: string;
}

/** What one environment runs now, in the record and for real. */
export interface EnvironmentNow {
  readonly environment: string;
  /** The digest of the latest succeeded release (what the record says runs there); null when none. */
  readonly recorded: string | null;
  /** The digest nginx sends the main traffic to, read from the engine; null when nothing serves. */
  readonly serving: string | null;
}

export type LiveDemoStep =
  /** Release this digest to the environment (a manual deploy). */
  | { readonly kind: 'deploy'; readonly environment: string; readonly digest: string }
  /** Promote what the previous environment runs (the same digest) to this one. */
  | { readonly kind: 'promote'; readonly environment: string; readonly digest: string };

export interface LiveDemoPlanInput {
  readonly images: LiveImages;
  /** The service's environments in promotion order, with what each runs. */
  readonly environments: readonly EnvironmentNow[];
  /** True once the newer image has been released to the first environment (the setup went all the way). */
  readonly setupFinished: boolean;
}

/** An environment runs a digest when the record says so and nginx really serves it. */
const runs = (now: EnvironmentNow | undefined, digest: string | null): boolean =>
  now !== undefined && digest !== null && now.recorded === digest && now.serving === digest;

/** The digest each environment should run, in promotion order. */
export function desiredDigests(input: LiveDemoPlanInput): readonly string[] {
  const live = new Set([input.images.older, input.images.newer]);
  return input.environments.map((now, index) => {
    const first = index === 0 ? input.images.newer : input.images.older;
    return input.setupFinished && now.recorded !== null && live.has(now.recorded) ? now.recorded : first;
  });
}

/**
 * The releases, in order, that make every environment run its desired digest; empty when all do. A
 * release goes out as a promotion when the previous environment runs that digest by then, else as a
 * deploy of the digest.
 */
export function planLiveDemo(input: LiveDemoPlanInput): readonly LiveDemoStep[] {
  const envs = input.environments;
  const desired = desiredDigests(input);
  // What runs after the steps so far (null: nothing we can count on).
  const running = envs.map((now) => (runs(now, now.recorded) ? now.recorded : null));
  const needs = (index: number): boolean => running[index] !== desired[index];
  const steps: LiveDemoStep[] = [];
  const release = (index: number, digest: string): void => {
    const environment = envs[index]?.environment ?? '';
    const before = index > 0 ? running[index - 1] : null;
    steps.push(before === digest ? { kind: 'promote', environment, digest } : { kind: 'deploy', environment, digest });
    running[index] = digest;
  };

  const second = desired[1];
  // The first environment will be replaced anyway: let the second's image pass through it first.
  if (envs.length > 1 && second !== undefined && needs(0) && needs(1) && running[0] !== second) release(0, second);
  for (let index = 1; index < envs.length; index++) {
    const digest = desired[index];
    if (digest !== undefined && needs(index)) release(index, digest);
  }
  const first = desired[0];
  if (first !== undefined && needs(0)) release(0, first);
  return steps;
}

/**
 * The newer image's version: the next minor as a `-live` pre-release (1.8.0 → 1.9.0-live). Not the
 * next patch: the demo's release branch already tagged 1.8.1 and 1.8.2 on other commits.
 */
export function newerLiveVersion(older: string): string {
  const version = parseSemVer(older);
  return version === null ? `${older}-live` : `${version.major}.${version.minor + 1}.0-live`;
}

/** The version `www/v1/version.json` serves (`{"service":…,"version":"1.8.0"}`), or null when it names none. */
export function servedVersion(versionJson: string | null): string | null {
  if (versionJson === null) return null;
  try {
    const parsed: unknown = JSON.parse(versionJson);
    const version = parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>)['version'] : undefined;
    return typeof version === 'string' && version.trim() !== '' ? version.trim() : null;
  } catch {
    return null;
  }
}
