/**
 * Releases: configure an environment, deploy, promote, approve or reject, continue or abort a canary,
 * roll back after a pre-flight, release a hold; the Environments board with its inbox, a release's
 * detail, an artifact's timeline. Deploy, promote, rollback and canary actions return once the record
 * is written; the work goes on in the core and `releases.follow` streams its events.
 */
import { z } from 'zod';
import { RELEASE_STRATEGIES, canaryStepsProblem, parseStickyKey, prometheusUrlProblem } from '../domain/environment-settings';
import type { ArtifactTimeline, Board, Release, ReleaseChange, ReleaseDetail, ReleaseEvent, RollbackPreflight } from '../domain/releases';
import type { Service } from '../domain/workspace';
import { TARGET_KINDS } from '../domain/workspace';
import { KUBE_LABEL_NAME, KUBE_OBJECT_NAME } from '../domain/kubernetes';
import { call, stream, type FeatureContract } from './define';
import { noInput, serviceName } from './schemas';

const environmentName = z.string({ error: 'environment name is required' }).regex(/^[a-z0-9][a-z0-9-]{0,31}$/, {
  error: 'environment name must be 1–32 lowercase letters, digits or "-", e.g. "staging"'
});

const digest = z.string({ error: 'digest is required' }).regex(/^sha256:[0-9a-f]{64}$/, {
  error: 'digest must be sha256: followed by 64 hex digits, e.g. sha256:3f1a… (see `shipdeck artifacts`)'
});

const strategy = z.enum(RELEASE_STRATEGIES, { error: `strategy must be one of: ${RELEASE_STRATEGIES.join(', ')}` });

const deploymentId = z.int({ error: 'deploymentId must be a deployment number' }).positive({ error: 'deploymentId must be a deployment number' });

const reasonText = (what: string) =>
  z
    .string()
    .trim()
    .max(2000, { error: `${what} is at most 2000 characters` });

const target = z.strictObject({ service: serviceName, environment: environmentName });

const kubeName = (what: string, pattern: RegExp, example: string) =>
  z.string({ error: `${what} is a Kubernetes name` }).regex(pattern, { error: `${what} must be a Kubernetes name (lowercase letters, digits, "-"), e.g. ${example}` });

/** Where a kubernetes environment releases; given fields are merged over the environment's current ones. */
const kubernetesTarget = z.strictObject({
  context: z.string().trim().min(1, { error: 'context is a kubeconfig context name (see `kubectl config get-contexts`)' }).max(253).nullable().optional(),
  namespace: kubeName('namespace', KUBE_LABEL_NAME, 'shop').optional(),
  deployment: kubeName('deployment', KUBE_OBJECT_NAME, 'shop-api').optional(),
  rollout: kubeName('rollout', KUBE_OBJECT_NAME, 'shop-api').nullable().optional(),
  serviceName: kubeName('service', KUBE_LABEL_NAME, 'shop-api').nullable().optional()
});

export const releasesContract = {
  feature: 'releases',
  calls: {
    'environments.configure': call<Service>()(
      z.strictObject({
        service: serviceName,
        environment: environmentName,
        targetKind: z.enum(TARGET_KINDS, { error: `target must be one of: ${TARGET_KINDS.join(', ')}` }).optional(),
        publicPort: z
          .int({ error: 'port must be a whole number' })
          .min(1024, { error: 'port must be 1024 or above (no privileged ports)' })
          .max(65535, { error: 'port is at most 65535' })
          .optional(),
        instances: z.int({ error: 'instances must be a whole number' }).min(1, { error: 'at least 1 instance' }).max(50, { error: 'at most 50 instances' }).optional(),
        strategy: strategy.optional(),
        healthPath: z
          .string()
          .regex(/^\/[A-Za-z0-9._~/-]*$/, { error: 'health path must start with "/" and hold only URL path characters, e.g. /healthz' })
          .max(200)
          .optional(),
        healthTimeoutSeconds: z.int().min(1).max(3600).optional(),
        rollingBatchSize: z.int().min(1).max(50).optional(),
        sticky: z
          .string()
          .refine((text) => text === 'none' || parseStickyKey(text) !== null, {
            error: 'sticky key must be header:NAME or cookie:NAME (letters, digits, "-" or "_"), or none'
          })
          .optional(),
        requiresApproval: z.boolean().optional(),
        canarySteps: z
          .array(z.int())
          .superRefine((steps, ctx) => {
            const problem = canaryStepsProblem(steps);
            if (problem) ctx.addIssue({ code: 'custom', message: problem });
          })
          .optional(),
        canaryPauseSeconds: z.int().min(0).max(86_400).nullable().optional(),
        blueGreenHoldSeconds: z.int().min(0).max(7 * 86_400).optional(),
        prometheusUrl: z
          .string()
          .superRefine((url, ctx) => {
            const problem = prometheusUrlProblem(url);
            if (problem) ctx.addIssue({ code: 'custom', message: problem });
          })
          .nullable()
          .optional(),
        analysisWindowSeconds: z
          .int({ error: 'the analysis window is a whole number of seconds' })
          .min(10, { error: 'the analysis window is at least 10 seconds' })
          .max(86_400, { error: 'the analysis window is at most 86400 seconds (a day)' })
          .optional(),
        kubernetes: kubernetesTarget.optional()
      }),
      "Changes one environment's settings; creates the environment, last in the promotion order, when it does not exist."
    ),
    'services.setReadOnly': call<Service>()(
      z.strictObject({ service: serviceName, readOnly: z.boolean({ error: 'readOnly must be true or false' }) }),
      'Marks a service read-only (its traffic may be mirrored by a shadow release) or not.'
    ),
    'releases.board': call<Board>()(
      noInput,
      'Every service × environment: what runs (version, commit, age), health, drift, holds, what can be promoted or rolled back; and the inbox of what waits for a person.'
    ),
    'releases.deploy': call<Release>()(
      z.strictObject({ ...target.shape, digest, strategy: strategy.optional() }),
      "Deploys an artifact (by digest) to an environment with the environment's strategy or the one given."
    ),
    'releases.promote': call<Release>()(
      z.strictObject({ ...target.shape, strategy: strategy.optional() }),
      'Promotes the exact artifact that runs in the previous environment to this one (never rebuilt).'
    ),
    'releases.approve': call<Release>()(
      z.strictObject({ deploymentId, comment: reasonText('comment').optional() }),
      'Approves a release waiting for approval (the name is recorded); it starts at once.'
    ),
    'releases.reject': call<Release>()(
      z.strictObject({ deploymentId, reason: reasonText('reason').min(1, { error: 'a rejection needs a reason' }) }),
      'Rejects a release waiting for approval, with a reason.'
    ),
    'releases.preflight': call<RollbackPreflight>()(
      z.strictObject({ ...target.shape, toDigest: digest.optional() }),
      'What a rollback would do and what could stop it: the artifact still exists, the target answers, the commits and settings it changes, migrations it crosses, the hold it places.'
    ),
    'releases.rollback': call<Release>()(
      z.strictObject({
        ...target.shape,
        toDigest: digest.optional(),
        reason: reasonText('reason').optional(),
        overrideReason: reasonText('override reason').min(10, { error: 'an override needs a reason of at least 10 characters' }).optional()
      }),
      'Rolls back to the previous good artifact (or the digest given) after its pre-flight passes; the environment is then held.'
    ),
    'releases.canary': call<Release>()(
      z.strictObject({ ...target.shape, action: z.enum(['continue', 'abort'], { error: 'action must be continue or abort' }) }),
      "Continues a paused canary to its next weight, or aborts it (all traffic back to stable)."
    ),
    'releases.releaseHold': call<{ readonly service: string; readonly environment: string }>()(
      target,
      'Releases the hold a manual rollback placed: automation may move the environment again.'
    ),
    'releases.get': call<ReleaseDetail>()(
      z.strictObject({ deploymentId }),
      'One release: its commits, strategy steps, events, approvals and audit trail.'
    ),
    'releases.list': call<readonly Release[]>()(
      z.strictObject({
        service: serviceName,
        environment: environmentName.optional(),
        beforeId: deploymentId.optional(),
        limit: z.int().min(1).max(500).default(100)
      }),
      "A service's releases (in one environment or all), newest first."
    ),
    'releases.timeline': call<ArtifactTimeline>()(
      z.strictObject({ digest }),
      'Every environment an artifact reached: when, by whom, and how it left.'
    )
  },
  streams: {
    'releases.changes': stream<ReleaseChange>()(noInput, 'A hint each time a release moves or an environment changes: refetch boards and details.'),
    'releases.follow': stream<ReleaseEvent>()(
      z.strictObject({ deploymentId }),
      "A release's events from the first, then live; ends when it settles or waits for a person."
    )
  }
} as const satisfies FeatureContract;
