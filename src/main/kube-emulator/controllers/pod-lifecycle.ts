/**
 * What the scheduler and kubelet would do to a Pod, without running anything: a new Pod is scheduled at
 * once (ContainerCreating), then after the ready delay its containers run and it turns Ready — unless
 * its template asks never to become ready (see `neverReady`), when it runs with Ready=False, as a Pod whose
 * readiness probe keeps failing.
 */
import { randomBytes } from 'node:crypto';
import type { ApiService } from '../api-service';
import { isJsonObject, valueAt, type JsonObject, type JsonValue } from '../json';
import { pods } from '../kinds/pods';
import { annotationsOf, isBeingDeleted, kubeTime, nameOf, namespaceOf, type KubeObject } from '../object-meta';

/** Template annotation: "true" makes the Pod run but never become ready. */
export const NEVER_READY_ANNOTATION = 'emulator.shipdeck.dev/never-ready';
/** Template annotation: milliseconds from creation to ready, for this Pod (overrides the emulator's delay). */
export const READY_AFTER_ANNOTATION = 'emulator.shipdeck.dev/ready-after-ms';
/** Container environment variable with the same meaning as the never-ready annotation. */
export const NEVER_READY_ENV = 'EMULATOR_NEVER_READY';

const HOST_IP = '10.0.0.10';

export class PodLifecycle {
  private readonly timers = new Set<NodeJS.Timeout>();
  private nextPodIp = 2;
  private stopped = false;

  constructor(
    private readonly api: ApiService,
    private readonly clock: () => Date,
    private readonly readyDelayMs: number,
    /** Images whose Pods never become ready (a deploy of a broken image, which cannot set annotations). */
    private readonly neverReadyImages: ReadonlySet<string> = new Set()
  ) {}

  /** Called for each new Pod. */
  podAdded(pod: KubeObject): void {
    if (this.stopped || valueAt(pod, ['status', 'phase']) !== 'Pending' || valueAt(pod, ['status', 'startTime']) !== undefined) return;
    const namespace = namespaceOf(pod);
    const name = nameOf(pod);
    this.later(0, () => this.markCreating(namespace, name));
    this.later(readyDelayOf(pod, this.readyDelayMs), () => this.markRunning(namespace, name));
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private later(delayMs: number, action: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (this.stopped) return;
      try {
        action();
      } catch (error) {
        if (process.env['KUBE_EMULATOR_DEBUG']) console.error('pod lifecycle:', error);
      }
    }, delayMs);
    this.timers.add(timer);
  }

  private markCreating(namespace: string, name: string): void {
    const pod = this.api.find(pods, namespace, name);
    if (!pod || isBeingDeleted(pod) || valueAt(pod, ['status', 'phase']) !== 'Pending' || valueAt(pod, ['status', 'startTime']) !== undefined) return;
    const now = kubeTime(this.clock());
    this.api.mutate(pods, namespace, name, (stored) => {
      stored['status'] = {
        phase: 'Pending',
        conditions: [
          condition('PodReadyToStartContainers', 'False', now),
          condition('Initialized', 'True', now),
          { ...condition('Ready', 'False', now), reason: 'ContainersNotReady', message: `containers with unready status: [${containerNames(stored).join(' ')}]` },
          { ...condition('ContainersReady', 'False', now), reason: 'ContainersNotReady', message: `containers with unready status: [${containerNames(stored).join(' ')}]` },
          condition('PodScheduled', 'True', now)
        ],
        containerStatuses: containerStatuses(stored, { waiting: { reason: 'ContainerCreating' } }, false),
        hostIP: HOST_IP,
        hostIPs: [{ ip: HOST_IP }],
        qosClass: 'BestEffort',
        startTime: now
      };
    }, 'status');
  }

  private markRunning(namespace: string, name: string): void {
    const pod = this.api.find(pods, namespace, name);
    if (!pod || isBeingDeleted(pod)) return;
    const ready = !neverReady(pod) && !runsImageOf(pod, this.neverReadyImages);
    const now = kubeTime(this.clock());
    const podIp = `10.244.${Math.floor(this.nextPodIp / 250)}.${(this.nextPodIp % 250) + 1}`;
    this.nextPodIp++;
    const started = valueAt(pod, ['status', 'startTime']);
    this.api.mutate(pods, namespace, name, (stored) => {
      const unready = `containers with unready status: [${containerNames(stored).join(' ')}]`;
      stored['status'] = {
        phase: 'Running',
        conditions: [
          condition('PodReadyToStartContainers', 'True', now),
          condition('Initialized', 'True', now),
          ready ? condition('Ready', 'True', now) : { ...condition('Ready', 'False', now), reason: 'ContainersNotReady', message: unready },
          ready ? condition('ContainersReady', 'True', now) : { ...condition('ContainersReady', 'False', now), reason: 'ContainersNotReady', message: unready },
          condition('PodScheduled', 'True', typeof started === 'string' ? started : now)
        ],
        containerStatuses: containerStatuses(stored, { running: { startedAt: now } }, ready),
        hostIP: HOST_IP,
        hostIPs: [{ ip: HOST_IP }],
        podIP: podIp,
        podIPs: [{ ip: podIp }],
        qosClass: 'BestEffort',
        startTime: typeof started === 'string' ? started : now
      };
    }, 'status');
  }
}

/** True when the Pod's template says it should never become ready (annotation or container env). */
export function neverReady(pod: KubeObject): boolean {
  if (annotationsOf(pod)[NEVER_READY_ANNOTATION] === 'true') return true;
  const containers = valueAt(pod, ['spec', 'containers']);
  if (!Array.isArray(containers)) return false;
  return containers.some((container) => {
    const env = valueAt(container, ['env']);
    return Array.isArray(env) && env.some((variable) => isJsonObject(variable) && variable['name'] === NEVER_READY_ENV && ['true', '1'].includes(String(variable['value'])));
  });
}

function runsImageOf(pod: KubeObject, images: ReadonlySet<string>): boolean {
  if (images.size === 0) return false;
  const containers = valueAt(pod, ['spec', 'containers']);
  return Array.isArray(containers) && containers.some((container) => images.has(String(valueAt(container, ['image']))));
}

function readyDelayOf(pod: KubeObject, fallback: number): number {
  const override = Number.parseInt(annotationsOf(pod)[READY_AFTER_ANNOTATION] ?? '', 10);
  return Number.isNaN(override) || override < 0 ? fallback : override;
}

function condition(type: string, status: 'True' | 'False', time: string): JsonObject {
  return { type, status, lastProbeTime: null, lastTransitionTime: time };
}

function containerNames(pod: KubeObject): string[] {
  const containers = valueAt(pod, ['spec', 'containers']);
  return Array.isArray(containers) ? containers.map((container) => String(valueAt(container, ['name']) ?? '')) : [];
}

function containerStatuses(pod: KubeObject, state: JsonObject, ready: boolean): JsonValue[] {
  const containers = valueAt(pod, ['spec', 'containers']);
  if (!Array.isArray(containers)) return [];
  const running = isJsonObject(state['running']);
  return containers.map((container) => {
    const image = String(valueAt(container, ['image']) ?? '');
    const status: JsonObject = {
      image,
      imageID: '',
      lastState: {},
      name: String(valueAt(container, ['name']) ?? ''),
      ready,
      restartCount: 0,
      started: running,
      state
    };
    if (running) {
      status['containerID'] = `containerd://${randomBytes(32).toString('hex')}`;
      status['imageID'] = image.includes('@') ? image : `${image}@sha256:${randomBytes(32).toString('hex')}`;
    }
    return status;
  });
}
