/**
 * Drift: whether the target still runs what the record says. Compares the latest succeeded release (and a
 * release in progress, which may legitimately run beside it) with what the engine and nginx report:
 * containers removed, stopped or started by hand, a different version serving, a canary or shadow left
 * behind, nginx sending traffic to instances that are gone.
 */
import type { Drift, Release } from '../../../../shared/domain/releases';
import type { EnvironmentState } from '../strategies/strategy';
import { artifactLabel, shortDigest } from '../release-facts';

export interface DriftInput {
  /** The latest succeeded release: what the record says runs. */
  readonly current: Release | null;
  /** A release in progress or paused (its instances may run beside the current ones). */
  readonly active: Release | null;
  /** Instances the current release runs (its recorded settings). */
  readonly expectedInstances: number;
  readonly state: EnvironmentState;
}

const recorded = (release: Release): string => `${artifactLabel(release)} (#${release.id})`;

/** The digests a release put here: the current one, a release under way, and blue-green's idle previous colour. */
function expectedDigests({ current, active, state }: DriftInput): Set<string> {
  const digests = new Set<string>();
  if (current) digests.add(current.digest);
  if (active) digests.add(active.digest);
  if (current?.previousDigest && state.idle?.digest === current.previousDigest) digests.add(current.previousDigest);
  return digests;
}

export function driftOf(input: DriftInput): Drift {
  const { current, active, state } = input;
  if (current === null) {
    if (active === null && state.instances.length > 0) {
      return { kind: 'drift', reasons: [`${state.instances.length === 1 ? 'A container runs' : `${state.instances.length} containers run`} here, but no release is recorded as having succeeded.`] };
    }
    return { kind: 'none' };
  }
  const reasons: string[] = [];
  const expected = expectedDigests(input);

  const servingExpected = state.servingDigest === current.digest || (active !== null && state.servingDigest === active.digest);
  if (state.servingDigest === null) reasons.push(`Nothing serves traffic, but the record says ${recorded(current)} runs here.`);
  else if (!servingExpected) reasons.push(`Traffic goes to ${shortDigest(state.servingDigest)}, but the record says ${recorded(current)} runs here.`);

  for (const instance of state.instances) {
    if (instance.state !== 'running') reasons.push(`${instance.name} is ${instance.state}, not running.`);
    if (!expected.has(instance.digest)) reasons.push(`${instance.name} runs ${shortDigest(instance.digest)}, which no release put here.`);
  }

  if (active === null) {
    if (state.canary) reasons.push(`A canary of ${shortDigest(state.canary.digest)} gets ${state.canary.weight} % of traffic, but no release is in progress.`);
    if (state.shadow) reasons.push(`A shadow of ${shortDigest(state.shadow.digest)} receives mirrored traffic, but no release is in progress.`);
    const serving = state.instances.filter(
      (instance) => instance.state === 'running' && instance.digest === current.digest && instance.role !== 'canary' && instance.role !== 'shadow' && instance.role !== state.idle?.role
    ).length;
    if (serving < input.expectedInstances) {
      const gone = input.expectedInstances - serving;
      reasons.push(`${serving} of ${input.expectedInstances} instances of ${artifactLabel(current)} are running: ${gone === 1 ? '1 was' : `${gone} were`} removed or stopped.`);
    } else if (serving > input.expectedInstances) {
      reasons.push(`${serving} instances of ${artifactLabel(current)} run where the record says ${input.expectedInstances}.`);
    }
  }
  reasons.push(...state.problems);
  return reasons.length === 0 ? { kind: 'none' } : { kind: 'drift', reasons: [...new Set(reasons)] };
}
