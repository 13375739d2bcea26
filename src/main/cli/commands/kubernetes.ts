/**
 * Kubernetes commands: `shipdeck kube contexts` (the kubeconfig as Shipdeck reads it, and each watch),
 * `shipdeck rollout history|pause|resume|restart <service> <env>` (kubectl's words, on the environment's
 * workload; history joined with Shipdeck's records), `shipdeck rollout analysis <service> <env>` (an Argo
 * Rollout's AnalysisRuns with each measurement).
 */
import { calls } from '../../../shared/contract';
import type { AnalysisRunView, KubeconfigView, WorkloadRevision } from '../../../shared/domain/kubernetes';
import type { CliCommand } from '../command';
import { invoke } from '../invoke';

export function formatContexts(view: KubeconfigView): string {
  const lines = [`kubeconfig: ${view.sources.join(', ') || '(none)'}`];
  if (view.problem) lines.push(`  problem: ${view.problem}`);
  if (view.contexts.length === 0) lines.push('  no contexts');
  for (const context of view.contexts) {
    lines.push(`${context.current ? '*' : ' '} ${context.name}  cluster ${context.cluster} (${context.server ?? 'no server'})  user ${context.user} (${context.authentication})  namespace ${context.namespace ?? 'default'}`);
  }
  return lines.join('\n');
}

export function formatRevisions(revisions: readonly WorkloadRevision[]): string {
  if (revisions.length === 0) return 'no revisions';
  const rows = revisions.map((revision) =>
    [
      revision.current ? '*' : ' ',
      String(revision.revision ?? '–').padStart(4),
      (revision.version ?? '').padEnd(14),
      (revision.digest?.slice(0, 19) ?? revision.images[0]?.image ?? '').padEnd(20),
      (revision.deploymentId === null ? '' : `#${revision.deploymentId}`).padEnd(6),
      revision.replicaSet ?? '(ReplicaSet gone: from Shipdeck’s record)',
      revision.changeCause ? ` ${revision.changeCause}` : ''
    ].join(' ')
  );
  return [`  REV  VERSION        DIGEST               REL    REPLICASET / CHANGE-CAUSE`, ...rows].join('\n');
}

export function formatAnalysisRuns(runs: readonly AnalysisRunView[]): string {
  if (runs.length === 0) return 'no AnalysisRuns';
  return runs
    .map((run) =>
      [
        `${run.name}  ${run.phase}${run.stepIndex === null ? '' : `  (step ${run.stepIndex})`}${run.message ? `  ${run.message}` : ''}`,
        ...run.metrics.flatMap((metric) => [
          `  ${metric.name}: ${metric.phase} (${metric.successful} ok, ${metric.failed} failed, ${metric.inconclusive} inconclusive, ${metric.error} errors)${metric.message ? ` — ${metric.message}` : ''}`,
          ...metric.measurements.map((m) => `    ${m.finishedAt ?? m.startedAt ?? ''}  ${m.phase.padEnd(12)} ${m.value ?? ''}${m.message ? `  ${m.message}` : ''}`)
        ])
      ].join('\n')
    )
    .join('\n');
}

export const kubeContextsCommand: CliCommand = {
  words: ['kube', 'contexts'],
  params: [],
  options: ['--json'],
  summary: calls['kubernetes.overview'].doc,
  run: async ({ core, args, out, signal }) => {
    const overview = await invoke(core(), 'kubernetes.overview', {}, signal);
    if (args.options.has('json')) return out.line(JSON.stringify(overview, null, 2));
    return out.line(formatContexts(overview.kubeconfig));
  }
};

export const rolloutHistoryCommand: CliCommand = {
  words: ['rollout', 'history'],
  params: ['<service>', '<env>'],
  options: ['--json'],
  summary: calls['kubernetes.revisions'].doc,
  details: ['Roll back to one: shipdeck rollback <service> <env> --to-revision N.'],
  run: async ({ core, params, args, out, signal }) => {
    const [service = '', environment = ''] = params;
    const revisions = await invoke(core(), 'kubernetes.revisions', { service, environment }, signal);
    return out.line(args.options.has('json') ? JSON.stringify(revisions, null, 2) : formatRevisions(revisions));
  }
};

const controlCommand = (action: 'pause' | 'resume' | 'restart', done: string): CliCommand => ({
  words: ['rollout', action],
  params: ['<service>', '<env>'],
  options: [],
  summary: `${action[0]?.toUpperCase()}${action.slice(1)}s the environment's Deployment or Rollout (kubectl rollout ${action}).`,
  run: async ({ core, params, out, signal }) => {
    const [service = '', environment = ''] = params;
    await invoke(core(), 'kubernetes.control', { service, environment, action }, signal);
    return out.line(`${service} ${environment} ${done}`);
  }
});

export const rolloutAnalysisCommand: CliCommand = {
  words: ['rollout', 'analysis'],
  params: ['<service>', '<env>'],
  options: ['--json'],
  summary: calls['kubernetes.analysisRuns'].doc,
  run: async ({ core, params, args, out, signal }) => {
    const [service = '', environment = ''] = params;
    const runs = await invoke(core(), 'kubernetes.analysisRuns', { service, environment }, signal);
    return out.line(args.options.has('json') ? JSON.stringify(runs, null, 2) : formatAnalysisRuns(runs));
  }
};

export const KUBERNETES_COMMANDS: readonly CliCommand[] = [
  kubeContextsCommand,
  rolloutHistoryCommand,
  controlCommand('pause', 'paused'),
  controlCommand('resume', 'resumed'),
  controlCommand('restart', 'restarted'),
  rolloutAnalysisCommand
];
