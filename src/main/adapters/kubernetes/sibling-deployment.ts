/**
 * A sibling Deployment (blue/green colour, canary) made from another workload's template and strategy,
 * with extra labels on its selector and template. Selectors are immutable: a sibling whose selector
 * differs is deleted and created again.
 */
import type { SiblingDeployment, WorkloadSnapshot } from '../../ports/kubernetes';
import { AppError } from '../../../shared/result';
import { DEPLOYMENTS, type KubeApi } from './kube-api';
import { arrayAt, cloneJson, isObject, jsonEqual, objectAt, stringAt, stringMap, valueAt, type KubeObject } from './kube-json';
import { requireWorkload, withConflictRetry } from './workload-client';
import { CHANGE_CAUSE, workloadSnapshotOf } from './workload-snapshot';

const COPIED_SPEC_FIELDS = ['strategy', 'minReadySeconds', 'progressDeadlineSeconds', 'revisionHistoryLimit'];

/** The sibling's desired object (pure). */
export function siblingObject(sibling: SiblingDeployment, source: KubeObject): KubeObject {
  const sourceSpec = objectAt(source, 'spec');
  const template = cloneJson(objectAt(sourceSpec, 'template'));
  const templateMetadata = objectAt(template, 'metadata');
  template['metadata'] = { ...templateMetadata, labels: { ...stringMap(templateMetadata['labels']), ...sibling.labels } };
  const containers = arrayAt(template, 'spec', 'containers').filter(isObject);
  const first = containers[0];
  if (!first) throw new AppError('KUBE_INVALID', `${stringAt(source, 'metadata', 'name') ?? 'the source'} has no containers to copy`);
  first['image'] = sibling.image;
  const selector = cloneJson(objectAt(sourceSpec, 'selector'));
  selector['matchLabels'] = { ...stringMap(selector['matchLabels']), ...sibling.labels };
  const spec: KubeObject = { replicas: sibling.replicas, selector, template };
  // A Rollout's canary strategy means nothing to a Deployment.
  for (const field of COPIED_SPEC_FIELDS) if (sourceSpec[field] !== undefined && !(field === 'strategy' && sibling.from.kind === 'Rollout')) spec[field] = cloneJson(sourceSpec[field]);
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: sibling.name,
      namespace: sibling.from.namespace,
      labels: { ...stringMap(valueAt(source, 'metadata', 'labels')), ...sibling.labels },
      annotations: { [CHANGE_CAUSE]: sibling.changeCause }
    },
    spec
  };
}

async function waitUntilGone(api: KubeApi, namespace: string, name: string, signal?: AbortSignal): Promise<void> {
  for (let waited = 0; waited < 30_000; waited += 200) {
    if ((await api.get(DEPLOYMENTS, namespace, name, signal)) === null) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new AppError('KUBE_FAILED', `deployment "${name}" was deleted but is still there after 30 s (finalizers?)`, 'Check it with kubectl get deployment -o yaml, then retry.');
}

export async function applySibling(api: KubeApi, sibling: SiblingDeployment, signal?: AbortSignal): Promise<WorkloadSnapshot> {
  const ref = { context: sibling.from.context, namespace: sibling.from.namespace, kind: 'Deployment' as const, name: sibling.name };
  const source = await requireWorkload(api, sibling.from, signal);
  const desired = siblingObject(sibling, source);
  const written = await withConflictRetry(async () => {
    const existing = await api.get(DEPLOYMENTS, ref.namespace, ref.name, signal);
    if (existing === null) return api.create(DEPLOYMENTS, ref.namespace, desired, signal);
    if (!jsonEqual(valueAt(existing, 'spec', 'selector'), objectAt(desired, 'spec')['selector'])) {
      await api.delete(DEPLOYMENTS, ref.namespace, ref.name, signal);
      await waitUntilGone(api, ref.namespace, ref.name, signal);
      return api.create(DEPLOYMENTS, ref.namespace, desired, signal);
    }
    const existingMetadata = objectAt(existing, 'metadata');
    const desiredMetadata = objectAt(desired, 'metadata');
    const replacement: KubeObject = {
      ...desired,
      metadata: {
        ...existingMetadata,
        labels: desiredMetadata['labels'],
        annotations: { ...stringMap(existingMetadata['annotations']), ...stringMap(desiredMetadata['annotations']) }
      }
    };
    return api.replace(DEPLOYMENTS, ref.namespace, ref.name, replacement, signal);
  });
  return workloadSnapshotOf(ref, written);
}
