/**
 * The demo's deployments, planned from its artifacts: every main-branch artifact of the last 30 days
 * goes to `dev` automatically (rolling); every release is promoted to `staging` (blue-green); final
 * releases go on to `prod` after a maintainer approves, as a canary — one canary fails its analysis and
 * is rolled back automatically, and one staging release is rolled back by hand (the environment held,
 * then released). The last few prod releases go on to the Kubernetes emulator's environment (rolling,
 * its own Deployment's rolling update) when the service has it. Pure and deterministic.
 */
import type { CanaryVerdict, DeploymentStatus, DeploymentStrategy } from '../../../shared/domain/deployments';
import type { ReleasePhase, ReleaseTrigger } from '../../../shared/domain/releases';
import { DEMO_ACTOR_PREFIX, DEMO_WATCH } from '../../../shared/domain/demo-data';
import { parseSemVer } from '../../../shared/domain/semver';
import { DEMO_CLUSTER_DEPLOYMENT, DEMO_CLUSTER_ENVIRONMENT, DEMO_CLUSTER_REPLICAS } from '../kube/demo-cluster';
import { MAINTAINERS } from '../demo-people';
import { createRandom } from '../prng';
import type { PlannedArtifact } from './demo-release-plan';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** The release whose prod canary fails (a patch release follows it in the demo history). */
const FAILING_CANARY_VERSION = '1.3.0';
/** The release candidate rolled back from staging by hand. */
const ROLLED_BACK_STAGING_VERSION = '1.5.0-rc.1';
/** How many of the last prod releases went on to the emulator's environment (its revisions: `rollout history`). */
const CLUSTER_RELEASES = 3;

export interface PlannedDeploymentEvent {
  readonly at: number;
  readonly status: DeploymentStatus;
  readonly phase: ReleasePhase;
  readonly detail: string;
  readonly canaryVerdict?: CanaryVerdict;
  readonly weight?: number;
  readonly step?: number;
  readonly actor?: string;
}

export interface PlannedDeployment {
  readonly environment: 'dev' | 'staging' | 'prod' | typeof DEMO_CLUSTER_ENVIRONMENT;
  readonly digest: string;
  readonly previousDigest: string | null;
  readonly strategy: DeploymentStrategy;
  readonly startedBy: string;
  readonly createdAt: number;
  /** The first is the one the deployment is recorded with (pending-approval or in-progress). */
  readonly events: readonly [PlannedDeploymentEvent, ...PlannedDeploymentEvent[]];
  readonly approval: { readonly at: number; readonly decidedBy: string; readonly comment: string } | null;
  readonly trigger: ReleaseTrigger;
  readonly reason: string | null;
  /** The deployment this one undoes (its place in the returned list). */
  readonly rollbackOf: number | null;
  /** A manual rollback holds the environment until someone releases it. */
  /** Released just before the environment's next release (by whoever started it); null while still held. */
  readonly hold: { readonly by: string; readonly reason: string; readonly released: { readonly at: number; readonly by: string } | null } | null;
}

type Draft = Omit<PlannedDeployment, 'previousDigest' | 'rollbackOf'> & { readonly undoes?: Draft };

/** Oldest first; only what happened before `now`. */
export function planDemoDeployments(artifacts: readonly PlannedArtifact[], now: number): PlannedDeployment[] {
  const random = createRandom(20250214);
  const maintainer = () => `${DEMO_ACTOR_PREFIX}${random.pick(MAINTAINERS).handle}`;
  const approverOtherThan = (asker: string) => {
    const others = MAINTAINERS.filter((who) => `${DEMO_ACTOR_PREFIX}${who.handle}` !== asker);
    return `${DEMO_ACTOR_PREFIX}${(others[random.int(0, others.length - 1)] ?? MAINTAINERS[0]).handle}`;
  };
  const drafts: { draft: Draft; previousDigest: string | null }[] = [];
  const current = new Map<PlannedDeployment['environment'], string>();
  /** Records it when it ended before `now`; returns it (to be undone) or null. */
  const deploy = (plan: Draft, succeeded: boolean): Draft | null => {
    const last = plan.events.at(-1);
    if (!last || last.at >= now) return null;
    drafts.push({ draft: plan, previousDigest: current.get(plan.environment) ?? null });
    if (succeeded) current.set(plan.environment, plan.digest);
    return plan;
  };
  const plain = { approval: null, reason: null, hold: null } as const;
  // A PRNG of its own: the cluster's releases leave every other release's timing as it was.
  const clusterRandom = createRandom(20250301);
  const toCluster: { artifact: PlannedArtifact; by: string; after: number }[] = [];

  const ordered = [...artifacts].sort((a, b) => a.createdAt - b.createdAt);
  for (const artifact of ordered) {
    const version = artifact.version === null ? null : parseSemVer(`v${artifact.version}`);
    if (artifact.version === null && artifact.ref === 'main' && artifact.createdAt > now - 30 * DAY) {
      const at = artifact.createdAt + random.int(1, 4) * MINUTE;
      deploy(
        {
          ...plain,
          environment: 'dev',
          digest: artifact.digest,
          strategy: 'rolling',
          startedBy: DEMO_WATCH,
          trigger: 'branch-watch',
          createdAt: at,
          events: [
            { at, status: 'in-progress', phase: 'started', detail: 'rolling: starting the new instance beside the old one' },
            { at: at + random.int(8, 20) * 1000, status: 'in-progress', phase: 'instance-healthy', detail: 'the new instance answers /healthz', step: 1 },
            { at: at + random.int(30, 70) * 1000, status: 'succeeded', phase: 'completed', detail: 'traffic moved to the new instance; the old one stopped', step: 1, weight: 100 }
          ]
        },
        true
      );
    }
    if (version === null) continue;
    const staged = artifact.createdAt + random.int(10, 120) * MINUTE;
    const stager = maintainer();
    const switchedAt = staged + random.int(60, 150) * 1000;
    const stagedRelease = deploy(
      {
        ...plain,
        environment: 'staging',
        digest: artifact.digest,
        strategy: 'blue-green',
        startedBy: stager,
        trigger: 'promotion',
        createdAt: staged,
        events: [
          { at: staged, status: 'in-progress', phase: 'started', detail: `starting ${artifact.version} as the idle colour beside the live one` },
          { at: switchedAt - 20_000, status: 'in-progress', phase: 'instance-healthy', detail: '2/2 instances answer /healthz; smoke check passed' },
          { at: switchedAt, status: 'in-progress', phase: 'switched', detail: `traffic switched to ${artifact.version} in one reload`, weight: 100 },
          { at: switchedAt + 1000, status: 'succeeded', phase: 'completed', detail: 'the previous colour stays up for 5 minutes (instant rollback)', weight: 100 }
        ]
      },
      true
    );
    if (stagedRelease && artifact.version === ROLLED_BACK_STAGING_VERSION) {
      // A release candidate breaks checkout in staging: rolled back by hand, the environment held until the fix.
      const by = approverOtherThan(stager);
      const at = switchedAt + random.int(5, 9) * MINUTE;
      const reason = 'rc.1 returns 500 on POST /checkout with an empty cart; rolling back while we fix it';
      const previous = drafts.at(-1)?.previousDigest ?? null;
      if (previous !== null) {
        deploy(
          {
            environment: 'staging',
            digest: previous,
            strategy: 'blue-green',
            startedBy: by,
            trigger: 'rollback',
            reason,
            approval: null,
            hold: { by, reason, released: null },
            undoes: stagedRelease,
            createdAt: at,
            events: [
              { at, status: 'in-progress', phase: 'started', detail: 'rollback: the previous colour still runs; switching back', actor: by },
              { at: at + 400, status: 'in-progress', phase: 'switched', detail: 'traffic switched back in one reload', weight: 100 },
              { at: at + 900, status: 'succeeded', phase: 'completed', detail: 'staging held: automation will not move it until the hold is released' }
            ]
          },
          true
        );
      }
    }
    if (version.prerelease.length > 0) continue;
    const asked = staged + random.int(20, 60) * 60 * MINUTE;
    const approved = asked + random.int(10, 180) * MINUTE;
    const fails = artifact.version === FAILING_CANARY_VERSION;
    const steps = fails ? [5, 25] : [5, 25, 50, 100];
    const events: PlannedDeploymentEvent[] = [{ at: asked, status: 'pending-approval', phase: 'approval-requested', detail: 'prod requires an approval' }];
    let at = approved;
    events.push({ at: approved + 1000, status: 'in-progress', phase: 'started', detail: 'starting the canary beside stable' });
    steps.forEach((weight, index) => {
      at += random.int(8, 15) * MINUTE;
      const failed = fails && weight === 25;
      events.push({
        at,
        status: 'in-progress',
        phase: failed ? 'failed' : weight === 100 ? 'traffic' : 'paused',
        detail: failed
          ? `canary at ${weight}%: error rate 2.4% against 0.4% on the baseline`
          : `canary at ${weight}%: error rate and p95 latency within the thresholds`,
        canaryVerdict: failed ? 'fail' : 'pass',
        weight,
        step: index + 1
      });
    });
    const canaryFailedAt = at;
    const canary = deploy(
      {
        ...plain,
        environment: 'prod',
        digest: artifact.digest,
        strategy: 'canary',
        startedBy: stager,
        trigger: 'promotion',
        createdAt: asked,
        events: [
          ...(events as [PlannedDeploymentEvent, ...PlannedDeploymentEvent[]]),
          fails
            ? { at: at + 20_000, status: 'rolled-back', phase: 'aborted', detail: 'the canary failed its analysis: all traffic back on stable', weight: 0 }
            : { at: at + random.int(1, 3) * MINUTE, status: 'succeeded', phase: 'completed', detail: `${artifact.version} serves all traffic`, weight: 100 }
        ] as unknown as Draft['events'],
        approval: { at: approved, decidedBy: approverOtherThan(stager), comment: `Staging looks good; release notes checked for ${artifact.version}.` }
      },
      !fails
    );
    if (canary && !fails) toCluster.push({ artifact, by: stager, after: canary.events.at(-1)?.at ?? asked });
    const stable = drafts.at(-1)?.previousDigest ?? null;
    if (canary && fails && stable !== null) {
      const reason = 'canary analysis failed at 25%: error rate 2.4% against 0.4% on the baseline';
      deploy(
        {
          environment: 'prod',
          digest: stable,
          strategy: 'canary',
          startedBy: 'shipdeck',
          trigger: 'automatic-rollback',
          reason,
          approval: null,
          hold: null,
          undoes: canary,
          createdAt: canaryFailedAt + 5000,
          events: [
            { at: canaryFailedAt + 5000, status: 'in-progress', phase: 'started', detail: `automatic rollback: ${reason}` },
            { at: canaryFailedAt + 15_000, status: 'succeeded', phase: 'completed', detail: 'canary removed; stable serves all traffic', weight: 100 }
          ]
        },
        true
      );
    }
  }
  for (const { artifact, by, after } of toCluster.slice(-CLUSTER_RELEASES)) {
    // Soon after prod, and never after `now`: the emulator's environment runs what prod runs.
    const at = Math.min(after + clusterRandom.int(15, 90) * MINUTE, now - 2 * MINUTE);
    if (at > after) deploy(clusterRelease(artifact, by, at, clusterRandom), true);
  }
  const sorted = drafts.sort((a, b) => a.draft.createdAt - b.draft.createdAt);
  const index = new Map(sorted.map((entry, i) => [entry.draft, i]));
  return sorted.map(({ draft, previousDigest }, i) => {
    const { undoes, ...plan } = draft;
    const next = sorted.slice(i + 1).find((entry) => entry.draft.environment === draft.environment)?.draft;
    const rest = plan.hold && next ? { ...plan, hold: { ...plan.hold, released: { at: next.createdAt - MINUTE, by: next.startedBy } } } : plan;
    // A rollback goes from what it undoes.
    return { ...rest, previousDigest: undoes ? undoes.digest : previousDigest, rollbackOf: undoes ? (index.get(undoes) ?? null) : null };
  });
}

/** A rolling update of the emulator's Deployment, promoted from prod (as the kubernetes runner reports it). */
function clusterRelease(artifact: PlannedArtifact, by: string, at: number, random: ReturnType<typeof createRandom>): Draft {
  const short = artifact.digest.replace(/^sha256:/, '').slice(0, 12);
  const done = at + random.int(4, 9) * 1000;
  return {
    environment: DEMO_CLUSTER_ENVIRONMENT,
    digest: artifact.digest,
    strategy: 'rolling',
    startedBy: by,
    trigger: 'promotion',
    reason: null,
    approval: null,
    hold: null,
    createdAt: at,
    events: [
      { at, status: 'in-progress', phase: 'started', detail: `rolling update of deployment/${DEMO_CLUSTER_DEPLOYMENT} to ${artifact.version ?? short}` },
      { at: at + 300, status: 'in-progress', phase: 'instance-started', detail: `setting deployment ${DEMO_CLUSTER_DEPLOYMENT}'s image to sha256:${short}`, step: 1, weight: 0 },
      { at: done, status: 'succeeded', phase: 'completed', detail: `deployment ${DEMO_CLUSTER_DEPLOYMENT} runs ${short} on ${DEMO_CLUSTER_REPLICAS} pod(s)`, step: 1, weight: 100 }
    ]
  };
}
