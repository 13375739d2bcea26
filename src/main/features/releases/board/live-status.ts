/**
 * The live part of a docker environment's board cell, read with a bound on time: instances with one
 * health probe each, nginx's state, health and drift. A failure never fails the board: the cell says
 * "unknown" and why.
 */
import type { Drift, Health, InstanceView, Release } from '../../../../shared/domain/releases';
import type { Environment } from '../../../../shared/domain/workspace';
import { AppError } from '../../../../shared/result';
import type { Instance } from '../../../ports/environment-runtime';
import type { EnvironmentState } from '../strategies/strategy';
import { bounded, problemOf } from '../bounded';
import type { ReleaseViewsDeps } from '../release-views-deps';
import { driftOf } from './drift';
import { healthOf } from './health';
import { readKubeEnvironment } from '../kubernetes/kube-environment';
import { kubeLiveStatus, type KubeAttention } from '../kubernetes/kube-live-status';

const PROBE_TIMEOUT_MS = 1000;
const DEFAULT_LIVE_TIMEOUT_MS = 3000;

export interface LiveStatus {
  readonly health: Health;
  readonly healthDetail: string;
  readonly drift: Drift;
  readonly instances: readonly InstanceView[];
  /** A Kubernetes workload paused by hand or degraded: an inbox item. */
  readonly attention?: KubeAttention | null;
}

export interface LiveRecord {
  readonly current: Release | null;
  readonly active: Release | null;
}

const view = (instance: Instance, answers: ReadonlyMap<string, boolean>): InstanceView => ({
  name: instance.name,
  role: instance.role,
  digest: instance.digest,
  state: instance.state,
  healthy: instance.state === 'running' ? (answers.get(instance.id) ?? false) : null,
  hostPort: instance.hostPort
});

async function probeAll(deps: ReleaseViewsDeps, instances: readonly Instance[], healthPath: string): Promise<Map<string, boolean>> {
  const running = instances.filter((instance) => instance.state === 'running');
  const answers = await Promise.all(running.map((instance) => deps.runtime.probe(instance, healthPath, PROBE_TIMEOUT_MS).catch(() => false)));
  return new Map(running.map((instance, index) => [instance.id, answers[index] ?? false]));
}

async function readLive(deps: ReleaseViewsDeps, service: string, environment: Environment, record: LiveRecord, signal: AbortSignal): Promise<LiveStatus> {
  const settings = record.current?.settings ?? environment.settings;
  const [state, routerRunning] = await Promise.all([
    deps.readState(service, environment.name, signal).then(
      (value): EnvironmentState | Error => value,
      (error: unknown) => (error instanceof Error ? error : new Error(String(error)))
    ),
    deps.router.status(service, environment.name).then(
      (status) => status.running,
      () => null
    )
  ]);
  // Without the read-back (nginx's config unreadable, say), the engine alone still tells instances and health.
  const instances = state instanceof Error ? await deps.runtime.listInstances(service, environment.name, signal) : state.instances;
  const answers = await probeAll(deps, instances, settings.healthPath);
  const route = state instanceof Error ? null : state.route;
  const problems = state instanceof Error ? [] : state.problems;
  if (record.current === null && record.active === null && instances.length === 0) {
    return { health: 'unknown', healthDetail: 'Nothing has been deployed here yet.', drift: { kind: 'none' }, instances: [] };
  }
  const { health, detail } = healthOf({ instances, answers, route, routerRunning, problems, healthPath: settings.healthPath, publicPort: environment.settings.publicPort });
  const drift =
    state instanceof Error
      ? ({ kind: 'unknown', reason: `Could not read back what runs: ${state.message}` } as const)
      : driftOf({ current: record.current, active: record.active, expectedInstances: settings.instances, state });
  const healthDetail = state instanceof Error && health !== 'down' ? `${detail} (nginx's route could not be read: ${state.message})` : detail;
  return { health, healthDetail, drift, instances: instances.map((instance) => view(instance, answers)) };
}

/** The live status of one environment; never rejects (except when the caller cancels). */
export async function liveStatus(deps: ReleaseViewsDeps, service: string, environment: Environment, record: LiveRecord, signal?: AbortSignal): Promise<LiveStatus> {
  if (environment.targetKind === 'kubernetes') return kubernetesLive(deps, environment, record, signal);
  if (environment.targetKind !== 'docker') {
    const reason = `Shipdeck reads live health from docker and kubernetes targets only; ${environment.name} is a ${environment.targetKind} target.`;
    return { health: 'unknown', healthDetail: reason, drift: { kind: 'unknown', reason }, instances: [] };
  }
  try {
    return await bounded((inner) => readLive(deps, service, environment, record, inner), deps.liveTimeoutMs ?? DEFAULT_LIVE_TIMEOUT_MS, 'The Docker engine', signal);
  } catch (error) {
    if (signal?.aborted) throw error;
    const reason = error instanceof AppError && error.code === 'TARGET_UNREACHABLE' ? problemOf(error) : `The Docker engine could not be read: ${problemOf(error)}`;
    return { health: 'unknown', healthDetail: reason, drift: { kind: 'unknown', reason }, instances: [] };
  }
}

async function kubernetesLive(deps: ReleaseViewsDeps, environment: Environment, record: LiveRecord, signal?: AbortSignal): Promise<LiveStatus> {
  const target = environment.settings.kubernetes;
  const kube = deps.kubernetes;
  if (target === null || kube === undefined) {
    const reason = target === null ? 'No namespace and Deployment are set for this environment (shipdeck env set … --namespace N --deployment D).' : 'This Shipdeck runs without its Kubernetes adapter.';
    return { health: 'unknown', healthDetail: reason, drift: { kind: 'unknown', reason }, instances: [] };
  }
  try {
    const strategy = record.current?.settings?.strategy ?? environment.settings.strategy;
    const read = await bounded((inner) => readKubeEnvironment(kube, target, strategy, inner), deps.liveTimeoutMs ?? DEFAULT_LIVE_TIMEOUT_MS, 'The Kubernetes API server', signal);
    return kubeLiveStatus(read, record);
  } catch (error) {
    if (signal?.aborted) throw error;
    const reason = `The cluster could not be read: ${problemOf(error)}`;
    return { health: 'unknown', healthDetail: reason, drift: { kind: 'unknown', reason }, instances: [] };
  }
}
