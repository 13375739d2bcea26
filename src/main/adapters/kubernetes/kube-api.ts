/**
 * The few API calls the adapter makes, over client-node's generated clients, for one context. Objects
 * are read and written as plain JSON (through CustomObjectsApi for every group-qualified kind, so a
 * Deployment and an Argo Rollout read alike); each call carries the caller's AbortSignal and, for patches,
 * an explicit Content-Type (client-node's patch methods default to JSON Patch).
 */
import {
  ApiextensionsV1Api,
  CoreV1Api,
  CustomObjectsApi,
  Observable,
  PatchStrategy,
  type ConfigurationOptions,
  type KubeConfig,
  type ObservableMiddleware
} from '@kubernetes/client-node';
import { AppError } from '../../../shared/result';
import { kubeErrorOf, type ErrorScene } from './kube-errors';
import { isObject, type KubeObject } from './kube-json';

export interface ResourceType {
  readonly group: string;
  readonly version: string;
  readonly plural: string;
}

export const DEPLOYMENTS: ResourceType = { group: 'apps', version: 'v1', plural: 'deployments' };
export const REPLICA_SETS: ResourceType = { group: 'apps', version: 'v1', plural: 'replicasets' };
export const ROLLOUTS: ResourceType = { group: 'argoproj.io', version: 'v1alpha1', plural: 'rollouts' };
export const ANALYSIS_RUNS: ResourceType = { group: 'argoproj.io', version: 'v1alpha1', plural: 'analysisruns' };

export type PatchType = (typeof PatchStrategy)[keyof typeof PatchStrategy];
export { PatchStrategy };

/** A middleware that sets the request's signal and extra headers (the generated clients take no signal otherwise). */
function requestOptions(signal: AbortSignal | undefined, headers: Readonly<Record<string, string>> = {}): ConfigurationOptions<ObservableMiddleware> {
  const middleware: ObservableMiddleware = {
    pre: (request) => {
      if (signal) request.setSignal(signal);
      for (const [key, value] of Object.entries(headers)) request.setHeaderParam(key, value);
      return new Observable(Promise.resolve(request));
    },
    post: (response) => new Observable(Promise.resolve(response))
  };
  return { middleware: [middleware], middlewareMergeStrategy: 'append' };
}

function asObject(value: unknown): KubeObject {
  return isObject(value) ? value : {};
}

export class KubeApi {
  private readonly custom: CustomObjectsApi;
  private readonly core: CoreV1Api;
  private readonly extensions: ApiextensionsV1Api;

  constructor(
    readonly config: KubeConfig,
    readonly scene: ErrorScene
  ) {
    this.custom = config.makeApiClient(CustomObjectsApi);
    this.core = config.makeApiClient(CoreV1Api);
    this.extensions = config.makeApiClient(ApiextensionsV1Api);
  }

  private async call<T>(signal: AbortSignal | undefined, run: () => Promise<T>): Promise<T> {
    if (signal?.aborted) throw new AppError('CANCELLED', 'cancelled');
    try {
      return await run();
    } catch (error) {
      if (signal?.aborted) throw new AppError('CANCELLED', 'cancelled');
      throw kubeErrorOf(error, this.scene);
    }
  }

  /** Null when it does not exist. */
  async get(type: ResourceType, namespace: string, name: string, signal?: AbortSignal): Promise<KubeObject | null> {
    try {
      return await this.call(signal, async () => asObject(await this.custom.getNamespacedCustomObject({ ...type, namespace, name }, requestOptions(signal))));
    } catch (error) {
      if (error instanceof AppError && error.code === 'NOT_FOUND') return null;
      throw error;
    }
  }

  async list(type: ResourceType, namespace: string, options: { readonly labelSelector?: string; readonly fieldSelector?: string }, signal?: AbortSignal): Promise<{ items: KubeObject[]; resourceVersion: string }> {
    const list = asObject(await this.call(signal, () => this.custom.listNamespacedCustomObject({ ...type, namespace, ...options }, requestOptions(signal))));
    const items = Array.isArray(list['items']) ? list['items'].filter(isObject) : [];
    const metadata = asObject(list['metadata']);
    return { items, resourceVersion: typeof metadata['resourceVersion'] === 'string' ? metadata['resourceVersion'] : '' };
  }

  async patch(type: ResourceType, namespace: string, name: string, body: unknown, patchType: PatchType, signal?: AbortSignal, subresource: 'status' | 'scale' | null = null): Promise<KubeObject> {
    const params = { ...type, namespace, name, body: body as object };
    const options = requestOptions(signal, { 'Content-Type': patchType });
    return asObject(
      await this.call(signal, () =>
        subresource === 'status'
          ? this.custom.patchNamespacedCustomObjectStatus(params, options)
          : subresource === 'scale'
            ? this.custom.patchNamespacedCustomObjectScale(params, options)
            : this.custom.patchNamespacedCustomObject(params, options)
      )
    );
  }

  async create(type: ResourceType, namespace: string, body: KubeObject, signal?: AbortSignal): Promise<KubeObject> {
    return asObject(await this.call(signal, () => this.custom.createNamespacedCustomObject({ ...type, namespace, body }, requestOptions(signal))));
  }

  async replace(type: ResourceType, namespace: string, name: string, body: KubeObject, signal?: AbortSignal): Promise<KubeObject> {
    return asObject(await this.call(signal, () => this.custom.replaceNamespacedCustomObject({ ...type, namespace, name, body }, requestOptions(signal))));
  }

  /** Deletes with Background propagation (its ReplicaSets follow); false when it was not there. */
  async delete(type: ResourceType, namespace: string, name: string, signal?: AbortSignal): Promise<boolean> {
    try {
      await this.call(signal, () => this.custom.deleteNamespacedCustomObject({ ...type, namespace, name, propagationPolicy: 'Background' }, requestOptions(signal)));
      return true;
    } catch (error) {
      if (error instanceof AppError && error.code === 'NOT_FOUND') return false;
      throw error;
    }
  }

  async getServiceSelector(namespace: string, name: string, signal?: AbortSignal): Promise<Record<string, string> | null> {
    try {
      const service = await this.call(signal, () => this.core.readNamespacedService({ namespace, name }, requestOptions(signal)));
      return { ...(service.spec?.selector ?? {}) };
    } catch (error) {
      if (error instanceof AppError && error.code === 'NOT_FOUND') return null;
      throw error;
    }
  }

  async patchService(namespace: string, name: string, body: unknown, patchType: PatchType, signal?: AbortSignal): Promise<void> {
    await this.call(signal, () => this.core.patchNamespacedService({ namespace, name, body: body as object }, requestOptions(signal, { 'Content-Type': patchType })));
  }

  /** Discovery of one group version's resources (any authenticated user may read it); null when the group version is not served. */
  async servedResources(group: string, version: string, signal?: AbortSignal): Promise<string[] | null> {
    try {
      const list = await this.call(signal, () => this.custom.getAPIResources({ group, version }, requestOptions(signal)));
      return list.resources.map((resource) => resource.name);
    } catch (error) {
      if (error instanceof AppError && error.code === 'NOT_FOUND') return null;
      throw error;
    }
  }

  async customResourceDefinitionExists(name: string, signal?: AbortSignal): Promise<boolean> {
    try {
      await this.call(signal, () => this.extensions.readCustomResourceDefinition({ name }, requestOptions(signal)));
      return true;
    } catch (error) {
      if (error instanceof AppError && error.code === 'NOT_FOUND') return false;
      throw error;
    }
  }
}
