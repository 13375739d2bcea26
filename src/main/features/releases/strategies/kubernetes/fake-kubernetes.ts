/**
 * An in-memory KubernetesPort for the strategy runner's tests: Deployments with revisions, pods that
 * become available when the rollout is followed (or never, for an image marked never-ready, or not before
 * the timeout, for one marked hanging), Services' selectors, Argo Rollouts with steps, pauses, promote,
 * abort and an analysis that fails at a step. `log` lists every write and follow in order; `violations`
 * lists what a correct runner never does (a Service switched to pods that are not available).
 */
import { createHash } from 'node:crypto';
import type { AnalysisRunView } from '../../../../../shared/domain/kubernetes';
import { AppError } from '../../../../../shared/result';
import type { KubernetesPort, WorkloadKind, WorkloadRef } from '../../../../ports/kubernetes';
import { newWorkload, recordTemplate, revisionsOf, snapshotOf, startRollout, undoTemplate, type FakeWorkload, type RolloutStep } from './fake-kube-model';
import { followFakeRollout } from './fake-kube-follow';

export const NAMESPACE = 'shop';

/** `registry.local/shop/api@sha256:…` for a name such as `v1`. */
export const digestOf = (version: string): string => `sha256:${createHash('sha256').update(version).digest('hex')}`;
export const imageOf = (version: string): string => `registry.local/shop/api@${digestOf(version)}`;

export class FakeKubernetes {
  readonly workloads = new Map<string, FakeWorkload>();
  readonly services = new Map<string, Record<string, string>>();
  readonly analysis = new Map<string, AnalysisRunView[]>();
  readonly log: string[] = [];
  readonly violations: string[] = [];
  /** Images whose pods never become ready (ProgressDeadlineExceeded when followed). */
  readonly neverReady = new Set<string>();
  /** Images whose rollout does not finish before the follow's timeout. */
  readonly hanging = new Set<string>();
  /** Rollout name → the step index at which its analysis fails. */
  readonly analysisFailsAt = new Map<string, number>();
  /** Follows after a promote that still see the Rollout paused (its controller not caught up yet). */
  promoteLag = 0;
  staleFollows = 0;
  /** Whether `cached` answers (as a watched, listed namespace does). */
  watching = false;

  addDeployment(name: string, version: string, replicas: number, labels?: Record<string, string>): FakeWorkload {
    const workload = newWorkload('Deployment', NAMESPACE, name, { image: imageOf(version), replicas, ...(labels ? { labels } : {}) });
    this.workloads.set(`Deployment/${name}`, workload);
    return workload;
  }

  addRollout(name: string, version: string, replicas: number, steps: readonly RolloutStep[]): FakeWorkload {
    const workload = newWorkload('Rollout', NAMESPACE, name, { image: imageOf(version), replicas, steps });
    this.workloads.set(`Rollout/${name}`, workload);
    return workload;
  }

  addService(name: string, selector: Record<string, string>): void {
    this.services.set(name, { ...selector });
  }

  get(name: string, kind: WorkloadKind = 'Deployment'): FakeWorkload | undefined {
    return this.workloads.get(`${kind}/${name}`);
  }

  /** The version (`v1`) a workload's first container runs. */
  versionOf(name: string, kind: WorkloadKind = 'Deployment'): string | null {
    const image = this.get(name, kind)?.containers[0]?.image ?? null;
    return image === null ? null : (image.split('@')[1] ?? image);
  }

  clearLog(): void {
    this.log.length = 0;
  }

  private must(ref: WorkloadRef): FakeWorkload {
    const workload = this.workloads.get(`${ref.kind}/${ref.name}`);
    if (!workload) throw new AppError('NOT_FOUND', `${ref.kind.toLowerCase()}s.apps "${ref.name}" not found`);
    return workload;
  }

  private checkSignal(signal?: AbortSignal): void {
    if (signal?.aborted) throw new AppError('CANCELLED', 'stopped');
  }

  private templateChanged(workload: FakeWorkload, changeCause: string | null): void {
    if (workload.paused) return;
    recordTemplate(workload, changeCause);
    startRollout(workload);
  }

  private selectedAvailable(selector: Readonly<Record<string, string>>): number {
    let available = 0;
    for (const workload of this.workloads.values()) {
      if (Object.entries(selector).every(([key, value]) => workload.templateLabels[key] === value)) available += workload.available;
    }
    return available;
  }

  readonly port: KubernetesPort = {
    kubeconfig: () => ({ sources: ['/fake/kubeconfig'], currentContext: 'fake', contexts: [], problem: null }),
    hasArgoRollouts: async () => true,
    getWorkload: async (ref, signal) => {
      this.checkSignal(signal);
      const workload = this.workloads.get(`${ref.kind}/${ref.name}`);
      return workload ? snapshotOf(workload, ref.context) : null;
    },
    setImage: async (ref, change, signal) => {
      this.checkSignal(signal);
      const workload = this.must(ref);
      this.log.push(`setImage ${ref.name} ${change.image.split('@')[1] ?? change.image}`);
      const index = change.container === null ? 0 : workload.containers.findIndex((container) => container.name === change.container);
      const container = workload.containers[index];
      if (!container) throw new AppError('KUBE_INVALID', `unable to find container named "${change.container ?? ''}"`);
      if (container.image === change.image) return snapshotOf(workload, ref.context);
      workload.containers = workload.containers.map((c, i) => (i === index ? { ...c, image: change.image } : c));
      this.templateChanged(workload, change.changeCause);
      return snapshotOf(workload, ref.context);
    },
    followRollout: (ref, options) => {
      this.log.push(`follow ${ref.name}`);
      return followFakeRollout(this, ref, options);
    },
    revisions: async (ref) => revisionsOf(this.must(ref)),
    undo: async (ref, toRevision, changeCause) => {
      const workload = this.must(ref);
      this.log.push(`undo ${ref.name} ${typeof toRevision === 'number' ? toRevision : toRevision.digest}`);
      if (workload.paused) throw new AppError('KUBE_INVALID', `you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume deployment/${ref.name}' and try again`);
      const result = undoTemplate(workload, toRevision);
      if (typeof result === 'string') throw new AppError('NOT_FOUND', result);
      if (!result.unchanged) this.templateChanged(workload, changeCause);
      return result;
    },
    pause: async (ref) => {
      this.log.push(`pause ${ref.name}`);
      this.must(ref).paused = true;
    },
    resume: async (ref) => {
      this.log.push(`resume ${ref.name}`);
      this.must(ref).paused = false;
    },
    restart: async (ref) => {
      this.log.push(`restart ${ref.name}`);
      const workload = this.must(ref);
      workload.restartedAt = new Date(0).toISOString();
      this.templateChanged(workload, null);
    },
    scale: async (ref, replicas, signal) => {
      this.checkSignal(signal);
      const workload = this.must(ref);
      this.log.push(`scale ${ref.name} ${replicas}`);
      workload.replicas = replicas;
      workload.available = Math.min(workload.available, replicas);
      workload.updatedAvailable = Math.min(workload.updatedAvailable, replicas);
    },
    applySibling: async (sibling, signal) => {
      this.checkSignal(signal);
      const from = this.must(sibling.from);
      this.log.push(`apply ${sibling.name} ${sibling.image.split('@')[1] ?? sibling.image} x${sibling.replicas}`);
      let workload = this.workloads.get(`Deployment/${sibling.name}`);
      if (!workload) {
        workload = newWorkload('Deployment', from.namespace, sibling.name, { image: sibling.image, replicas: 0, labels: { ...from.templateLabels, ...sibling.labels } });
        workload.history = [];
        workload.revision = null;
        this.workloads.set(`Deployment/${sibling.name}`, workload);
      }
      const containers = from.containers.map((c, i) => (i === 0 ? { ...c, image: sibling.image } : c));
      const templateLabels = { ...from.templateLabels, ...sibling.labels };
      const changed = JSON.stringify([containers, templateLabels]) !== JSON.stringify([workload.containers, workload.templateLabels]) || workload.revision === null;
      Object.assign(workload, { containers, templateLabels, labels: { ...from.labels, ...sibling.labels } });
      workload.replicas = sibling.replicas;
      workload.available = Math.min(workload.available, sibling.replicas);
      if (changed) this.templateChanged(workload, sibling.changeCause);
      else workload.updatedAvailable = Math.min(workload.updatedAvailable, sibling.replicas);
      return snapshotOf(workload, sibling.from.context);
    },
    deleteWorkload: async (ref) => {
      this.log.push(`delete ${ref.name}`);
      this.workloads.delete(`${ref.kind}/${ref.name}`);
    },
    getService: async (_context, _namespace, name) => {
      const selector = this.services.get(name);
      return selector ? { name, selector } : null;
    },
    setServiceSelector: async (_context, _namespace, name, selector) => {
      if (!this.services.has(name)) throw new AppError('NOT_FOUND', `services "${name}" not found`);
      this.log.push(`selector ${name} ${Object.entries(selector).map(([key, value]) => `${key}=${value}`).join(',')}`);
      if (this.selectedAvailable(selector) === 0) this.violations.push(`service ${name} switched to a selector no available pod matches`);
      this.services.set(name, { ...selector });
    },
    promoteRollout: async (ref, full) => {
      const workload = this.must(ref);
      this.log.push(`promote ${ref.name}${full ? ' full' : ''}`);
      if (full) workload.stepIndex = workload.steps.length;
      else if (workload.stepPaused) workload.stepIndex += 1;
      Object.assign(workload, { stepPaused: false, phase: 'Progressing', message: null });
      this.staleFollows = this.promoteLag;
    },
    abortRollout: async (ref) => {
      const workload = this.must(ref);
      this.log.push(`abort ${ref.name}`);
      Object.assign(workload, { aborted: true, stepPaused: false, phase: 'Degraded', message: `RolloutAborted: Rollout aborted update to revision ${workload.revision ?? 0}`, canaryWeight: 0 });
    },
    retryRollout: async (ref) => {
      const workload = this.must(ref);
      this.log.push(`retry ${ref.name}`);
      Object.assign(workload, { aborted: false, stepIndex: 0, phase: 'Progressing', message: null });
    },
    analysisRuns: async (ref) => this.analysis.get(ref.name) ?? [],
    watchNamespace: () => () => undefined,
    cached: (ref) => {
      if (!this.watching) return undefined;
      const workload = this.workloads.get(`${ref.kind}/${ref.name}`);
      return workload ? snapshotOf(workload, ref.context) : null;
    },
    watchHealth: () => (this.watching ? [{ context: null, namespace: NAMESPACE, state: 'live' as const, problem: null, since: new Date(0).toISOString() }] : []),
    close: async () => undefined
  };
}
