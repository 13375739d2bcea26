/**
 * A release's progress as the steps of its strategy — rolling: one step per batch; blue-green: start,
 * smoke-check, switch, hold; canary: one step per weight; shadow: start, mirror, decide — each done,
 * current, pending, failed or skipped, from the release's events.
 */
import type { DeploymentStrategy } from '../../../../shared/domain/deployments';
import type { EnvironmentSettings } from '../../../../shared/domain/environment-settings';
import type { Release, ReleaseEvent, ReleasePhase, StrategyStep } from '../../../../shared/domain/releases';

interface Plan {
  readonly steps: readonly { readonly label: string; readonly weight: number | null }[];
  /** The 1-based step the events reached (0: none yet). */
  readonly reached: number;
}

const plural = (count: number, one: string, many = `${one}s`): string => `${count} ${count === 1 ? one : many}`;
const has = (events: readonly ReleaseEvent[], ...phases: ReleasePhase[]): boolean => events.some((event) => phases.includes(event.phase));
const maxStep = (events: readonly ReleaseEvent[]): number => Math.max(0, ...events.map((event) => event.step ?? 0));

function rolling(settings: EnvironmentSettings, events: readonly ReleaseEvent[]): Plan {
  const size = Math.max(1, settings.rollingBatchSize);
  const batches = Math.max(1, Math.ceil(settings.instances / size));
  const steps = Array.from({ length: batches }, (_, index) => {
    const first = index * size + 1;
    const last = Math.min(settings.instances, first + size - 1);
    const which = first === last ? `instance ${first}` : `instances ${first}–${last}`;
    return { label: `Batch ${index + 1} of ${batches} (${which})`, weight: null };
  });
  return { steps, reached: Math.max(maxStep(events), has(events, 'started', 'instance-started') ? 1 : 0) };
}

function canary(settings: EnvironmentSettings, events: readonly ReleaseEvent[]): Plan {
  const weights = settings.canarySteps;
  const steps = weights.map((weight) => ({ label: weight === 100 ? 'All traffic (100 %)' : `Canary at ${weight} %`, weight }));
  const heaviest = Math.max(0, ...events.map((event) => event.weight ?? 0));
  const byWeight = heaviest > 0 ? weights.filter((weight) => weight <= heaviest).length : 0;
  return { steps, reached: Math.max(maxStep(events), byWeight, has(events, 'started', 'instance-started') ? 1 : 0) };
}

function blueGreen(settings: EnvironmentSettings, events: readonly ReleaseEvent[]): Plan {
  const steps = [
    { label: 'Start the new colour', weight: null },
    { label: 'Smoke-check it', weight: null },
    { label: 'Switch traffic', weight: 100 },
    { label: `Keep the old colour for ${plural(settings.blueGreenHoldSeconds, 'second')}`, weight: null }
  ];
  const switched = has(events, 'switched') || events.some((event) => event.phase === 'traffic' && event.weight === 100);
  const reached = has(events, 'idle-removed') ? 4 : switched ? 3 : has(events, 'instance-healthy') ? 2 : has(events, 'started', 'instance-started') ? 1 : 0;
  return { steps, reached };
}

function shadow(events: readonly ReleaseEvent[]): Plan {
  const steps = [
    { label: 'Start the shadow', weight: null },
    { label: 'Mirror traffic to it', weight: null },
    { label: 'Decide', weight: null }
  ];
  const reached = has(events, 'continued', 'aborted', 'completed') ? 3 : has(events, 'traffic') ? 2 : has(events, 'started', 'instance-started') ? 1 : 0;
  return { steps, reached };
}

function planOf(strategy: DeploymentStrategy, settings: EnvironmentSettings, events: readonly ReleaseEvent[]): Plan {
  switch (strategy) {
    case 'rolling':
      return rolling(settings, events);
    case 'canary':
      return canary(settings, events);
    case 'blue-green':
      return blueGreen(settings, events);
    case 'shadow':
      return shadow(events);
    case 'recreate':
      return { steps: [{ label: 'Replace the instances', weight: null }], reached: has(events, 'started', 'instance-started') ? 1 : 0 };
  }
}

/** `now` tells whether a succeeded blue-green release's old colour is still within its hold. */
export function strategySteps(release: Release, events: readonly ReleaseEvent[], settings: EnvironmentSettings, now: Date): StrategyStep[] {
  const { steps, reached } = planOf(release.strategy, settings, events);
  const reachedIndex = Math.min(steps.length, Math.max(1, reached)) - 1;
  // A release undone later (rolled-back) still went all the way first.
  const succeeded = events.find((event) => event.status === 'succeeded');
  const status = succeeded ? 'succeeded' : release.status;
  const holdEnded = succeeded !== undefined && Date.parse(succeeded.at) + settings.blueGreenHoldSeconds * 1000 <= now.getTime();
  const state = (index: number): StrategyStep['state'] => {
    switch (status) {
      case 'succeeded':
        // Blue-green settles at the switch; the old colour keeps running for the hold, then goes.
        if (release.strategy === 'blue-green' && index === 3) return reached >= 4 || holdEnded ? 'done' : 'current';
        return 'done';
      case 'pending-approval':
        return 'pending';
      case 'in-progress':
        return index < reachedIndex ? 'done' : index === reachedIndex ? 'current' : 'pending';
      case 'failed':
      case 'rolled-back':
      case 'interrupted':
        if (has(events, 'rejected')) return 'skipped';
        return index < reachedIndex ? 'done' : index === reachedIndex ? 'failed' : 'skipped';
    }
  };
  return steps.map((step, index) => ({ ...step, state: state(index) }));
}
