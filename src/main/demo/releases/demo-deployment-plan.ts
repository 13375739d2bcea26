/**
 * The demo's deployments, planned from its artifacts: every main-branch artifact of the last 30 days
 * goes to `dev` automatically; every release goes to `staging`; final releases go on to `prod` after a
 * maintainer approves, as a canary — and one canary fails and is rolled back. Pure and deterministic.
 */
import type { CanaryVerdict, DeploymentStatus, DeploymentStrategy } from '../../../shared/domain/deployments';
import { DEMO_ACTOR_PREFIX, DEMO_WATCH } from '../../../shared/domain/demo-data';
import { parseSemVer } from '../../../shared/domain/semver';
import { MAINTAINERS } from '../demo-people';
import { createRandom } from '../prng';
import type { PlannedArtifact } from './demo-release-plan';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** The release whose prod canary fails (a patch release follows it in the demo history). */
const FAILING_CANARY_VERSION = '1.3.0';

export interface PlannedDeploymentEvent {
  readonly at: number;
  readonly status: DeploymentStatus;
  readonly detail: string;
  readonly canaryVerdict?: CanaryVerdict;
}

export interface PlannedDeployment {
  readonly environment: 'dev' | 'staging' | 'prod';
  readonly digest: string;
  readonly previousDigest: string | null;
  readonly strategy: DeploymentStrategy;
  readonly startedBy: string;
  readonly createdAt: number;
  /** The first is the one the deployment is recorded with (pending-approval or in-progress). */
  readonly events: readonly [PlannedDeploymentEvent, ...PlannedDeploymentEvent[]];
  readonly approval: { readonly at: number; readonly decidedBy: string; readonly comment: string } | null;
}

/** Oldest first; only what happened before `now`. */
export function planDemoDeployments(artifacts: readonly PlannedArtifact[], now: number): PlannedDeployment[] {
  const random = createRandom(20250214);
  const maintainer = () => `${DEMO_ACTOR_PREFIX}${random.pick(MAINTAINERS).handle}`;
  const approverOtherThan = (asker: string) => {
    const others = MAINTAINERS.filter((who) => `${DEMO_ACTOR_PREFIX}${who.handle}` !== asker);
    return `${DEMO_ACTOR_PREFIX}${(others[random.int(0, others.length - 1)] ?? MAINTAINERS[0]).handle}`;
  };
  const deployments: PlannedDeployment[] = [];
  const current = new Map<PlannedDeployment['environment'], string>();
  const deploy = (plan: Omit<PlannedDeployment, 'previousDigest'>, succeeded: boolean) => {
    const last = plan.events.at(-1);
    if (!last || last.at >= now) return;
    deployments.push({ ...plan, previousDigest: current.get(plan.environment) ?? null });
    if (succeeded) current.set(plan.environment, plan.digest);
  };

  const ordered = [...artifacts].sort((a, b) => a.createdAt - b.createdAt);
  for (const artifact of ordered) {
    const version = artifact.version === null ? null : parseSemVer(`v${artifact.version}`);
    if (artifact.version === null && artifact.ref === 'main' && artifact.createdAt > now - 30 * DAY) {
      const at = artifact.createdAt + random.int(1, 4) * MINUTE;
      deploy(
        {
          environment: 'dev',
          digest: artifact.digest,
          strategy: 'rolling',
          startedBy: DEMO_WATCH,
          createdAt: at,
          events: [
            { at, status: 'in-progress', detail: 'replacing 2 instances, one at a time' },
            { at: at + random.int(20, 70) * 1000, status: 'succeeded', detail: 'both instances answer /healthz' }
          ],
          approval: null
        },
        true
      );
    }
    if (version === null) continue;
    const staged = artifact.createdAt + random.int(10, 120) * MINUTE;
    const stager = maintainer();
    deploy(
      {
        environment: 'staging',
        digest: artifact.digest,
        strategy: 'rolling',
        startedBy: stager,
        createdAt: staged,
        events: [
          { at: staged, status: 'in-progress', detail: `rolling out ${artifact.version}: 3 replicas` },
          { at: staged + random.int(90, 240) * 1000, status: 'succeeded', detail: '3/3 replicas ready' }
        ],
        approval: null
      },
      true
    );
    if (version.prerelease.length > 0) continue;
    const asked = staged + random.int(20, 60) * 60 * MINUTE;
    const approved = asked + random.int(10, 180) * MINUTE;
    const fails = artifact.version === FAILING_CANARY_VERSION;
    const steps = fails ? [5, 25] : [5, 25, 50, 100];
    const events: PlannedDeploymentEvent[] = [{ at: asked, status: 'pending-approval', detail: 'prod requires an approval' }];
    let at = approved;
    for (const weight of steps) {
      at += random.int(8, 15) * MINUTE;
      const failed = fails && weight === 25;
      events.push({
        at,
        status: 'in-progress',
        detail: failed
          ? `canary at ${weight}%: error rate 2.4% against 0.3% on the baseline`
          : `canary at ${weight}%: error rate and p95 latency within the thresholds`,
        canaryVerdict: failed ? 'fail' : 'pass'
      });
    }
    events.push(
      fails
        ? { at: at + MINUTE, status: 'rolled-back', detail: 'the canary failed: traffic routed back to the previous version' }
        : { at: at + random.int(1, 3) * MINUTE, status: 'succeeded', detail: `${artifact.version} serves all traffic` }
    );
    deploy(
      {
        environment: 'prod',
        digest: artifact.digest,
        strategy: 'canary',
        startedBy: stager,
        createdAt: asked,
        events: events as [PlannedDeploymentEvent, ...PlannedDeploymentEvent[]],
        approval: { at: approved, decidedBy: approverOtherThan(stager), comment: `Staging looks good; release notes checked for ${artifact.version}.` }
      },
      !fails
    );
  }
  return deployments.sort((a, b) => a.createdAt - b.createdAt);
}
