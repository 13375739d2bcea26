/**
 * Release commands: env set, deploy, promote, rollback (with its pre-flight), approve, reject, canary,
 * hold release, status. A command that starts a release follows its events until it settles and exits
 * 0 only when the release reached the state asked for: 1 failed, 3 waiting for a person.
 */
import { calls } from '../../../shared/contract';
import { RELEASE_STRATEGIES, type ReleaseStrategy } from '../../../shared/domain/environment-settings';
import type { Release, ReleaseEvent, RollbackPreflight } from '../../../shared/domain/releases';
import { formatKubernetesTarget } from '../../../shared/domain/kubernetes';
import { AppError } from '../../../shared/result';
import type { CoreConnection } from '../../api/connection';
import { isFinalRelease } from '../../features/releases/settled';
import { intOption, stringOption, UsageError } from '../args';
import type { CliCommand, CommandContext } from '../command';
import { consume, invoke } from '../invoke';
import { confirm } from '../confirm';
import { formatPreflight, formatReleaseEvent, formatStatusTable, statusJson } from './release-format';

/** Exit code for "waiting for a person" (approval, a paused canary). */
export const EXIT_WAITING = 3;

const strategyOption = (context: CommandContext): ReleaseStrategy | undefined => {
  const value = stringOption(context.args, 'strategy');
  if (value === undefined) return undefined;
  if (!(RELEASE_STRATEGIES as readonly string[]).includes(value)) throw new UsageError(`--strategy must be one of ${RELEASE_STRATEGIES.join(', ')}, got "${value}"`);
  return value as ReleaseStrategy;
};

const deploymentIdOf = (text: string): number => {
  const id = Number(text.replace(/^#/, ''));
  if (!Number.isSafeInteger(id) || id < 1) throw new UsageError(`"${text}" is not a deployment number (e.g. 12; see shipdeck status)`);
  return id;
};

/** A full digest, or a prefix of one of the service's artifacts (as `shipdeck artifacts` prints them). */
async function resolveDigest(core: CoreConnection, service: string, text: string, signal: AbortSignal): Promise<string> {
  const value = text.startsWith('sha256:') ? text : `sha256:${text}`;
  if (/^sha256:[0-9a-f]{64}$/.test(value)) return value;
  if (!/^sha256:[0-9a-f]{6,63}$/.test(value)) throw new UsageError(`--artifact/--to must be a digest (sha256:…) or at least 6 hex digits of one, got "${text}"`);
  const page = await invoke(core, 'artifacts.list', { service, search: value.slice('sha256:'.length), limit: 20 }, signal);
  const matches = [...new Set(page.items.map((item) => item.digest).filter((digest) => digest.startsWith(value)))];
  if (matches.length === 1 && matches[0]) return matches[0];
  if (matches.length === 0) throw new AppError('NOT_FOUND', `${service} has no artifact whose digest starts with ${value}.`, `See its artifacts: shipdeck artifacts ${service}`);
  throw new UsageError(`${text} matches ${matches.length} artifacts of ${service}; give more digits`);
}

/** Prints the release's events until it settles (or waits for a person); returns the release as it then is. */
async function follow(context: CommandContext, release: Release, keepWaitingWhilePaused: boolean): Promise<Release> {
  const core = context.core();
  const watching = new AbortController();
  const stop = () => watching.abort();
  context.signal.addEventListener('abort', stop, { once: true });
  let latest: ReleaseEvent | null = null;
  try {
    for (;;) {
      await consume(core, 'releases.follow', { deploymentId: release.id }, (events) => {
        for (const event of events) {
          if (latest && event.id <= latest.id) continue;
          latest = event;
          context.out.note(formatReleaseEvent(event));
        }
      }, watching.signal);
      const now = (await invoke(core, 'releases.get', { deploymentId: release.id }, context.signal)) as Release;
      const autoContinues = now.settings?.canaryPauseSeconds !== null && now.settings?.canaryPauseSeconds !== undefined;
      if (isFinalRelease(now) || now.status === 'pending-approval' || !(keepWaitingWhilePaused && autoContinues && now.phase === 'paused')) return now;
      // A paused canary that continues by itself: wait for it here (this process runs it).
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  } finally {
    context.signal.removeEventListener('abort', stop);
  }
}

/** 0 when the release is where it was asked to go, 3 when it waits for a person, 1 otherwise. */
function exitFor(release: Release, wanted: 'succeeded' | 'rolled-back' | 'moved'): number {
  if (release.status === 'pending-approval' || release.phase === 'paused') return wanted === 'moved' ? 0 : EXIT_WAITING;
  if (wanted === 'rolled-back') return release.status === 'rolled-back' || release.status === 'succeeded' ? 0 : 1;
  return release.status === 'succeeded' ? 0 : 1;
}

function describeEnd(release: Release): string {
  const what = `release #${release.id} of ${release.service} to ${release.environment} (${release.version ?? release.digest.slice(7, 19)})`;
  if (release.status === 'pending-approval') return `${what} waits for approval: shipdeck approve ${release.id}`;
  if (release.phase === 'paused') return `${what} is paused at ${release.weight ?? 0} %: shipdeck canary ${release.service} ${release.environment} continue|abort`;
  return `${what}: ${release.status}${release.reason ? ` (${release.reason})` : ''}`;
}

async function startAndFollow(context: CommandContext, start: Promise<Release>, wanted: 'succeeded' | 'rolled-back' | 'moved'): Promise<number> {
  const release = await start;
  context.out.note(`release #${release.id}: ${release.service} ${release.environment} ← ${release.version ?? release.digest} (${release.strategy}, ${release.trigger})`);
  const end = await follow(context, release, wanted !== 'moved');
  if (context.args.options.has('json')) context.out.line(JSON.stringify(end, null, 2));
  else context.out.line(describeEnd(end));
  return exitFor(end, wanted);
}

const onOff = (value: string | true | undefined): boolean | undefined => (value === undefined ? undefined : true);

export const envSetCommand: CliCommand = {
  words: ['env', 'set'],
  params: ['<service>', '<env>'],
  options: [
    '--target docker|kubernetes',
    '--context NAME',
    '--namespace NAME',
    '--deployment NAME',
    '--rollout NAME|none',
    '--kube-service NAME|none',
    '--port N',
    '--instances N',
    '--strategy rolling|blue-green|canary|shadow',
    '--health PATH',
    '--sticky header:NAME|cookie:NAME|none',
    '--approval',
    '--no-approval',
    '--canary-steps 5,25,50,100',
    '--canary-pause SECONDS|manual',
    '--idle-hold SECONDS',
    '--batch N',
    '--prometheus URL|none',
    '--analysis-window SECONDS',
    '--json'
  ],
  summary: calls['environments.configure'].doc,
  details: [
    'Kubernetes: --target kubernetes --context C --namespace N --deployment D names the workload Shipdeck releases (the kubeconfig as kubectl reads it: KUBECONFIG or ~/.kube/config; without --context, its current context). --rollout NAME drives an Argo Rollout instead; --kube-service is the Service blue-green switches (default: the Deployment\'s name). Later calls change only the fields given.',
    'Each instance is told the port to listen on in PORT (it binds 0.0.0.0 in its container; Shipdeck publishes it on 127.0.0.1 only) and must answer 200 on its health path when it can take traffic.',
    '--prometheus URL analyses each canary step in this environment with that Prometheus (none: the workspace\'s, from Settings); --analysis-window is how long each step is judged over.'
  ],
  run: async (context) => {
    const [service = '', environment = ''] = context.params;
    const { args } = context;
    if (args.options.has('approval') && args.options.has('no-approval')) throw new UsageError('give --approval or --no-approval, not both');
    const target = stringOption(args, 'target');
    if (target !== undefined && target !== 'docker' && target !== 'kubernetes') throw new UsageError(`--target must be docker or kubernetes, got "${target}"`);
    const kubernetes = kubernetesOptions(args);
    const steps = stringOption(args, 'canary-steps');
    const pause = stringOption(args, 'canary-pause');
    if (pause !== undefined && pause !== 'manual' && !/^\d+$/.test(pause)) throw new UsageError(`--canary-pause must be a number of seconds or "manual", got "${pause}"`);
    const port = intOption(args, 'port');
    const prometheus = stringOption(args, 'prometheus');
    const input = {
      service,
      environment,
      ...(target !== undefined ? { targetKind: target as 'docker' | 'kubernetes' } : {}),
      ...(kubernetes !== undefined ? { kubernetes } : {}),
      ...(port !== undefined ? { publicPort: port } : {}),
      ...(intOption(args, 'instances') !== undefined ? { instances: intOption(args, 'instances') } : {}),
      ...(strategyOption(context) !== undefined ? { strategy: strategyOption(context) } : {}),
      ...(stringOption(args, 'health') !== undefined ? { healthPath: stringOption(args, 'health') } : {}),
      ...(stringOption(args, 'sticky') !== undefined ? { sticky: stringOption(args, 'sticky') } : {}),
      ...(onOff(args.options.get('approval')) ? { requiresApproval: true } : {}),
      ...(onOff(args.options.get('no-approval')) ? { requiresApproval: false } : {}),
      ...(steps !== undefined ? { canarySteps: steps.split(',').map((step) => Number(step.trim().replace(/%$/, ''))) } : {}),
      ...(pause !== undefined ? { canaryPauseSeconds: pause === 'manual' ? null : Number(pause) } : {}),
      ...(intOption(args, 'idle-hold') !== undefined ? { blueGreenHoldSeconds: intOption(args, 'idle-hold') } : {}),
      ...(intOption(args, 'batch') !== undefined ? { rollingBatchSize: intOption(args, 'batch') } : {}),
      ...(prometheus !== undefined ? { prometheusUrl: prometheus === 'none' ? null : prometheus } : {}),
      ...(intOption(args, 'analysis-window') !== undefined ? { analysisWindowSeconds: intOption(args, 'analysis-window') } : {})
    };
    const result = await invoke(context.core(), 'environments.configure', input, context.signal);
    if (args.options.has('json')) return context.out.line(JSON.stringify(result, null, 2));
    const env = result.environments.find((candidate) => candidate.name === environment);
    if (!env) throw new AppError('INTERNAL', `${environment} is not among ${result.name}'s environments after the change.`);
    const s = env.settings;
    return context.out.line(
      [
        `${result.name} ${env.name} (${env.targetKind}, #${env.position + 1} of ${result.environments.length} in promotion order)`,
        ...(env.targetKind === 'kubernetes' ? [`  ${formatKubernetesTarget(s.kubernetes)}${s.kubernetes?.serviceName ? ` · Service ${s.kubernetes.serviceName}` : ''}`] : []),
        env.targetKind === 'kubernetes'
          ? `  ${s.strategy}${env.requiresApproval ? ' · approval required' : ''} · ${s.instances} replica(s) per blue-green colour or canary total (rolling keeps the Deployment's own)`
          : `  port ${s.publicPort ?? 'not set'} · ${s.instances} instance(s) · health ${s.healthPath} · ${s.strategy}${env.requiresApproval ? ' · approval required' : ''}`,
        `  sticky ${s.sticky ? `${s.sticky.kind}:${s.sticky.name}` : 'none'} · canary ${s.canarySteps.join('→')} (${s.canaryPauseSeconds === null ? 'each step by hand' : `each step after ${s.canaryPauseSeconds}s`}) · idle colour kept ${s.blueGreenHoldSeconds}s`,
        `  canary analysis: ${s.prometheusUrl ?? "the workspace's Prometheus (Settings), if one is set"} · each step judged over ${s.analysisWindowSeconds}s`
      ].join('\n')
    );
  }
};

/** --context/--namespace/--deployment/--rollout/--kube-service as the contract's partial target; undefined when none is given. */
function kubernetesOptions(args: CommandContext['args']) {
  const text = (name: string) => stringOption(args, name);
  const orNone = (value: string | undefined) => (value === undefined ? undefined : value === 'none' ? null : value);
  const fields = {
    ...(text('context') !== undefined ? { context: text('context') } : {}),
    ...(text('namespace') !== undefined ? { namespace: text('namespace') } : {}),
    ...(text('deployment') !== undefined ? { deployment: text('deployment') } : {}),
    ...(text('rollout') !== undefined ? { rollout: orNone(text('rollout')) } : {}),
    ...(text('kube-service') !== undefined ? { serviceName: orNone(text('kube-service')) } : {})
  };
  return Object.keys(fields).length > 0 ? fields : undefined;
}

export const deployCommand: CliCommand = {
  words: ['deploy'],
  params: ['<service>', '<env>'],
  options: ['--artifact DIGEST', '--strategy S', '--json'],
  summary: `${calls['releases.deploy'].doc} Follows it; exits 0 when it succeeded, 1 when it failed, 3 when it waits for approval or a paused canary.`,
  run: async (context) => {
    const [service = '', environment = ''] = context.params;
    const artifact = stringOption(context.args, 'artifact');
    if (artifact === undefined) throw new UsageError('--artifact DIGEST is required (see shipdeck artifacts <service>)');
    const core = context.core();
    const digest = await resolveDigest(core, service, artifact, context.signal);
    const strategy = strategyOption(context);
    return startAndFollow(context, invoke(core, 'releases.deploy', { service, environment, digest, ...(strategy ? { strategy } : {}) }, context.signal), 'succeeded');
  }
};

export const promoteCommand: CliCommand = {
  words: ['promote'],
  params: ['<service>', '<env>'],
  options: ['--strategy S', '--json'],
  summary: `${calls['releases.promote'].doc} Exits as deploy does.`,
  run: async (context) => {
    const [service = '', environment = ''] = context.params;
    const strategy = strategyOption(context);
    return startAndFollow(context, invoke(context.core(), 'releases.promote', { service, environment, ...(strategy ? { strategy } : {}) }, context.signal), 'succeeded');
  }
};

export const rollbackCommand: CliCommand = {
  words: ['rollback'],
  params: ['<service>', '<env>'],
  options: ['--to DIGEST', '--to-revision N', '--reason TEXT', '--override TEXT', '--yes', '--json'],
  summary: `${calls['releases.rollback'].doc} Prints the pre-flight first; without --yes asks before going on.`,
  details: [
    '--override TEXT goes ahead past a blocking migration, with that reason recorded (only migrations can be overridden).',
    'Kubernetes: --to-revision N goes back to that revision of `shipdeck rollout history` (as kubectl rollout undo --to-revision: its whole pod template is restored while its ReplicaSet exists).'
  ],
  run: async (context) => {
    const [service = '', environment = ''] = context.params;
    const core = context.core();
    const to = stringOption(context.args, 'to');
    const toRevision = intOption(context.args, 'to-revision');
    if (to !== undefined && toRevision !== undefined) throw new UsageError('give --to or --to-revision, not both');
    const toDigest =
      toRevision !== undefined ? await digestOfRevision(core, service, environment, toRevision, context.signal) : to === undefined ? undefined : await resolveDigest(core, service, to, context.signal);
    const reason = stringOption(context.args, 'reason');
    const overrideReason = stringOption(context.args, 'override');
    const preflight: RollbackPreflight = await invoke(core, 'releases.preflight', { service, environment, ...(toDigest ? { toDigest } : {}) }, context.signal);
    context.out.note(formatPreflight(preflight));
    if (preflight.blocked && !(preflight.overridable && overrideReason)) {
      throw new AppError(
        'ROLLBACK_BLOCKED',
        `The rollback of ${service} ${environment} is blocked: ${preflight.checks.filter((check) => check.status === 'blocked').map((check) => check.title).join('; ')}.`,
        preflight.overridable ? 'Only migrations block it: to go ahead anyway, give --override "why it is safe" (recorded).' : 'Fix what blocks it, or pick another artifact with --to.'
      );
    }
    if (!context.args.options.has('yes')) {
      const ok = await confirm(`Roll back ${service} ${environment} to ${preflight.to.version ?? preflight.to.digest}?`);
      if (!ok) {
        context.out.note('nothing was changed');
        return 1;
      }
    }
    return startAndFollow(
      context,
      invoke(
        core,
        'releases.rollback',
        { service, environment, ...(toDigest ? { toDigest } : { toDigest: preflight.to.digest }), ...(reason ? { reason } : {}), ...(overrideReason ? { overrideReason } : {}) },
        context.signal
      ),
      'succeeded'
    );
  }
};

export const approveCommand: CliCommand = {
  words: ['approve'],
  params: ['<deployment-id>'],
  options: ['--reason TEXT', '--json'],
  summary: `${calls['releases.approve'].doc} Follows it as deploy does.`,
  run: async (context) => {
    const deploymentId = deploymentIdOf(context.params[0] ?? '');
    const comment = stringOption(context.args, 'reason');
    return startAndFollow(context, invoke(context.core(), 'releases.approve', { deploymentId, ...(comment ? { comment } : {}) }, context.signal), 'succeeded');
  }
};

export const rejectCommand: CliCommand = {
  words: ['reject'],
  params: ['<deployment-id>'],
  options: ['--reason TEXT', '--json'],
  summary: calls['releases.reject'].doc,
  run: async (context) => {
    const deploymentId = deploymentIdOf(context.params[0] ?? '');
    const reason = stringOption(context.args, 'reason');
    if (!reason) throw new UsageError('a rejection needs --reason TEXT');
    const release = await invoke(context.core(), 'releases.reject', { deploymentId, reason }, context.signal);
    if (context.args.options.has('json')) return context.out.line(JSON.stringify(release, null, 2));
    return context.out.line(`release #${release.id} rejected: ${reason}`);
  }
};

export const canaryCommand: CliCommand = {
  words: ['canary'],
  params: ['<service>', '<env>', 'continue|abort'],
  options: ['--json'],
  summary: `${calls['releases.canary'].doc} Exits 0 when it reached the next step (or stable, after abort).`,
  run: async (context) => {
    const [service = '', environment = '', action = ''] = context.params;
    if (action !== 'continue' && action !== 'abort') throw new UsageError(`expected continue or abort, got "${action}"`);
    return startAndFollow(context, invoke(context.core(), 'releases.canary', { service, environment, action }, context.signal), action === 'abort' ? 'rolled-back' : 'moved');
  }
};

export const holdReleaseCommand: CliCommand = {
  words: ['hold', 'release'],
  params: ['<service>', '<env>'],
  options: [],
  summary: calls['releases.releaseHold'].doc,
  run: async ({ core, params, out, signal }) => {
    const [service = '', environment = ''] = params;
    await invoke(core(), 'releases.releaseHold', { service, environment }, signal);
    return out.line(`${service} ${environment}: hold released; automation may move it again`);
  }
};

export const readOnlyCommand: CliCommand = {
  words: ['services', 'read-only'],
  params: ['<service>', 'on|off'],
  options: [],
  summary: calls['services.setReadOnly'].doc,
  run: async ({ core, params, out, signal }) => {
    const [service = '', value = ''] = params;
    if (value !== 'on' && value !== 'off') throw new UsageError(`expected on or off, got "${value}"`);
    const result = await invoke(core(), 'services.setReadOnly', { service, readOnly: value === 'on' }, signal);
    return out.line(`${result.name}: ${result.readOnly ? 'read-only (shadow releases allowed)' : 'not read-only (shadow releases refused)'}`);
  }
};

export const statusCommand: CliCommand = {
  words: ['status'],
  params: [],
  options: ['--json'],
  summary: 'Per service and environment: artifact digest, version, commit, state, health, drift, holds; then what waits for a person.',
  run: async ({ core, args, out, signal }) => {
    const board = await invoke(core(), 'releases.board', {}, signal);
    if (args.options.has('json')) return out.line(JSON.stringify(statusJson(board), null, 2));
    return out.line(formatStatusTable(board));
  }
};

/** The artifact a Kubernetes revision runs; refused with why when it runs no Shipdeck artifact. */
async function digestOfRevision(core: CoreConnection, service: string, environment: string, revision: number, signal: AbortSignal): Promise<string> {
  const revisions = await invoke(core, 'kubernetes.revisions', { service, environment }, signal);
  const found = revisions.find((candidate) => candidate.revision === revision);
  if (!found) {
    const known = revisions.flatMap((candidate) => (candidate.revision === null ? [] : [candidate.revision]));
    throw new AppError('NOT_FOUND', `${service} ${environment} has no revision ${revision} (unable to find the specified revision).`, `Revisions in the cluster: ${known.join(', ') || 'none'} — see shipdeck rollout history ${service} ${environment}.`);
  }
  if (found.digest === null) {
    throw new AppError(
      'RELEASE_REFUSED',
      `Revision ${revision} of ${service} ${environment} runs ${found.images[0]?.image ?? 'an image'} by tag, not a Shipdeck artifact by digest: Shipdeck cannot record what it would run.`,
      `Roll back with kubectl if you must (kubectl rollout undo --to-revision ${revision}); Shipdeck will show it as drift.`
    );
  }
  return found.digest;
}

export const RELEASE_COMMANDS: readonly CliCommand[] = [
  envSetCommand,
  readOnlyCommand,
  statusCommand,
  deployCommand,
  promoteCommand,
  rollbackCommand,
  approveCommand,
  rejectCommand,
  canaryCommand,
  holdReleaseCommand
];
