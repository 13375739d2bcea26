/** The Argo Rollouts controllers (Rollout, AnalysisRun) and which stored changes wake them. */
import type { ApiService } from '../api-service';
import { analysisRuns, rollouts } from '../kinds/argo-rollouts';
import { replicaSets } from '../kinds/replica-sets';
import { nameOf, namespaceOf, ownerReferencesOf } from '../object-meta';
import type { StoreEvent } from '../object-store';
import { resourceKey } from '../resource-type';
import { AnalysisRunController } from './analysis/analysis-run-controller';
import { RolloutController } from './rollout-controller';

export class ArgoRolloutsControllers {
  readonly rollouts: RolloutController;
  readonly analysisRuns: AnalysisRunController;

  constructor(
    private readonly api: ApiService,
    clock: () => Date
  ) {
    this.rollouts = new RolloutController(api, clock);
    this.analysisRuns = new AnalysisRunController(api, clock);
  }

  start(): void {
    for (const rollout of this.api.list(rollouts, null)) this.rollouts.queue.add(`${namespaceOf(rollout)}/${nameOf(rollout)}`);
    for (const run of this.api.list(analysisRuns, null)) this.analysisRuns.queue.add(`${namespaceOf(run)}/${nameOf(run)}`);
  }

  route(event: StoreEvent): void {
    const namespace = namespaceOf(event.object);
    const owner = ownerReferencesOf(event.object).find((reference) => reference.controller);
    if (event.resource === resourceKey(rollouts)) {
      if (event.type !== 'DELETED') this.rollouts.queue.add(`${namespace}/${nameOf(event.object)}`);
    } else if (event.resource === resourceKey(analysisRuns)) {
      if (event.type !== 'DELETED') this.analysisRuns.queue.add(`${namespace}/${nameOf(event.object)}`);
      if (owner?.kind === 'Rollout') this.rollouts.queue.add(`${namespace}/${owner.name}`);
    } else if (event.resource === resourceKey(replicaSets) && owner?.kind === 'Rollout') {
      this.rollouts.queue.add(`${namespace}/${owner.name}`);
    }
  }

  stop(): void {
    this.rollouts.queue.stop();
    this.analysisRuns.queue.stop();
  }
}
