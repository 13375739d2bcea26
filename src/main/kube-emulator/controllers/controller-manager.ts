/** Runs the built-in controllers: routes each stored change to the queues that care about it. */
import type { ApiService } from '../api-service';
import type { ObjectStore, StoreEvent } from '../object-store';
import { resourceKey } from '../resource-type';
import { deployments } from '../kinds/deployments';
import { pods } from '../kinds/pods';
import { replicaSets } from '../kinds/replica-sets';
import { nameOf, namespaceOf, ownerReferencesOf } from '../object-meta';
import { DeploymentController } from './deployment-controller';
import { PodLifecycle } from './pod-lifecycle';
import { ReplicaSetController } from './replica-set-controller';

export interface ControllerOptions {
  readonly podReadyDelayMs: number;
  readonly neverReadyImages?: readonly string[] | undefined;
}

/** Called for every stored change. */
export type EventRoute = (event: StoreEvent) => void;

export class ControllerManager {
  readonly deployments: DeploymentController;
  readonly replicaSets: ReplicaSetController;
  readonly podLifecycle: PodLifecycle;
  private readonly extraRoutes: EventRoute[] = [];
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly api: ApiService,
    private readonly store: ObjectStore,
    clock: () => Date,
    options: ControllerOptions
  ) {
    this.deployments = new DeploymentController(api, clock);
    this.replicaSets = new ReplicaSetController(api, clock);
    this.podLifecycle = new PodLifecycle(api, clock, options.podReadyDelayMs, new Set(options.neverReadyImages ?? []));
  }

  /** Adds a controller for other kinds (e.g. Argo Rollouts) to the same event stream. */
  addRoute(route: EventRoute): void {
    this.extraRoutes.push(route);
  }

  start(): void {
    this.unsubscribe = this.store.subscribe((event) => this.route(event));
    for (const deployment of this.api.list(deployments, null)) this.deployments.queue.add(keyOf(namespaceOf(deployment), nameOf(deployment)));
    for (const replicaSet of this.api.list(replicaSets, null)) this.replicaSets.queue.add(keyOf(namespaceOf(replicaSet), nameOf(replicaSet)));
  }

  stop(): void {
    this.unsubscribe?.();
    this.deployments.queue.stop();
    this.replicaSets.queue.stop();
    this.podLifecycle.stop();
  }

  private route(event: StoreEvent): void {
    const namespace = namespaceOf(event.object);
    const owner = ownerReferencesOf(event.object).find((reference) => reference.controller);
    if (event.resource === resourceKey(deployments)) {
      if (event.type !== 'DELETED') this.deployments.queue.add(keyOf(namespace, nameOf(event.object)));
    } else if (event.resource === resourceKey(replicaSets)) {
      if (event.type !== 'DELETED') this.replicaSets.queue.add(keyOf(namespace, nameOf(event.object)));
      if (owner?.kind === 'Deployment') this.deployments.queue.add(keyOf(namespace, owner.name));
    } else if (event.resource === resourceKey(pods)) {
      if (owner?.kind === 'ReplicaSet') this.replicaSets.queue.add(keyOf(namespace, owner.name));
      if (event.type === 'ADDED') this.podLifecycle.podAdded(event.object);
    }
    for (const extra of this.extraRoutes) extra(event);
  }
}

function keyOf(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}
