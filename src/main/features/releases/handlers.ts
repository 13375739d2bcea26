import { mergeKubernetesTarget } from './kubernetes/kubernetes-target-patch';
import type { releasesContract } from '../../../shared/contract/releases';
import { parseStickyKey, type EnvironmentSettings } from '../../../shared/domain/environment-settings';
import type { ReleaseEvent } from '../../../shared/domain/releases';
import { AppError } from '../../../shared/result';
import type { CallNamesOf, FeatureHandlers, StreamNamesOf } from '../../api/handlers';
import { feed } from '../../event-bus';
import type { EventPort } from '../../ports/events';
import type { ReleaseStore } from '../../ports/store';
import type { ReleaseService } from './release-service.types';
import type { ReleaseViews } from './release-views.types';
import { isSettledForFollowers } from './settled';

type ReleasesHandlers = FeatureHandlers<CallNamesOf<typeof releasesContract>, StreamNamesOf<typeof releasesContract>>;

export interface ReleasesDeps {
  readonly store: ReleaseStore;
  readonly service: ReleaseService;
  readonly views: ReleaseViews;
  readonly events: EventPort;
  readonly actor: string;
}

export function createReleasesHandlers(deps: ReleasesDeps): ReleasesHandlers {
  const { store, service, views } = deps;
  const requireRelease = (deploymentId: number) => {
    const release = store.releases.getRelease(deploymentId);
    if (!release) throw new AppError('NOT_FOUND', `There is no release #${deploymentId}.`, 'Run `shipdeck status` or open the Environments board to see releases.');
    return release;
  };

  return {
    calls: {
      'environments.configure': async ({ service: name, environment, targetKind, requiresApproval, sticky, kubernetes, ...settings }, { signal }) => {
        const existing = store.workspace.findService(name)?.environments.find((candidate) => candidate.name === environment);
        const kube = mergeKubernetesTarget(`${name}/${environment}`, targetKind ?? existing?.targetKind ?? 'docker', existing?.settings.kubernetes ?? null, kubernetes);
        const patch: Partial<EnvironmentSettings> = {
          ...Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined)),
          ...(sticky !== undefined ? { sticky: sticky === 'none' ? null : parseStickyKey(sticky) } : {}),
          ...(kube !== undefined ? { kubernetes: kube } : {}),
          ...(targetKind !== undefined && targetKind !== 'kubernetes' && existing?.settings.kubernetes ? { kubernetes: null } : {})
        };
        const changed = Object.keys(patch).concat(targetKind !== undefined ? ['target'] : [], requiresApproval !== undefined ? ['approval'] : []);
        const result = await store.releases.configureEnvironment(
          name,
          environment,
          { targetKind, requiresApproval, settings: patch },
          {
            actor: deps.actor,
            action: 'environment.configured',
            subject: `service:${name}`,
            details: { environment, changed: changed.join(', ') || 'nothing', ...flatten(patch), approval: requiresApproval ?? null, target: targetKind ?? null }
          },
          signal
        );
        deps.events.emit('workspace.changed', { service: result.name });
        deps.events.emit('releases.changed', { service: result.name, environment, deploymentId: null });
        return result;
      },
      'services.setReadOnly': async ({ service: name, readOnly }, { signal }) => {
        const result = await store.releases.setServiceReadOnly(
          name,
          readOnly,
          { actor: deps.actor, action: readOnly ? 'service.marked-read-only' : 'service.marked-read-write', subject: `service:${name}`, details: {} },
          signal
        );
        deps.events.emit('workspace.changed', { service: result.name });
        return result;
      },
      'releases.board': (_input, { signal }) => views.board(signal),
      'releases.deploy': ({ service: name, environment, digest, strategy }) => service.deploy({ service: name, environment, digest, strategy, trigger: 'manual' }),
      'releases.promote': ({ service: name, environment, strategy }) => service.promote({ service: name, environment, strategy }),
      'releases.approve': ({ deploymentId, comment }) => service.approve(deploymentId, comment ?? null),
      'releases.reject': ({ deploymentId, reason }) => service.reject(deploymentId, reason),
      'releases.preflight': ({ service: name, environment, toDigest }, { signal }) => views.preflight({ service: name, environment, toDigest }, signal),
      'releases.rollback': async (request, { signal }) => {
        // The pre-flight is computed again here, at the moment of the rollback: what the user saw may be stale.
        const preflight = await views.preflight({ service: request.service, environment: request.environment, toDigest: request.toDigest }, signal);
        return service.rollback(request, preflight);
      },
      'releases.canary': ({ service: name, environment, action }) => service.canary(name, environment, action),
      'releases.releaseHold': async ({ service: name, environment }) => {
        await service.releaseHold(name, environment);
        return { service: name, environment };
      },
      'releases.get': ({ deploymentId }, { signal }) => {
        requireRelease(deploymentId);
        return views.detail(deploymentId, signal);
      },
      'releases.list': ({ service: name, environment, beforeId, limit }) => store.releases.listReleases(name, environment ?? null, { limit, beforeId }).items,
      'releases.timeline': ({ digest }) => views.timeline(digest)
    },
    streams: {
      'releases.changes': (_input, sink, { signal }) => feed(deps.events, 'releases.changed', (change) => sink.push(change), signal),
      'releases.follow': ({ deploymentId }, sink, { signal }) =>
        new Promise<void>((resolve) => {
          const release = requireRelease(deploymentId);
          let lastId = 0;
          const push = (event: ReleaseEvent) => {
            if (event.id <= lastId) return;
            lastId = event.id;
            sink.push(event);
          };
          const finishIfSettled = () => {
            const now = store.releases.getRelease(deploymentId);
            if (now && isSettledForFollowers(now)) resolve();
          };
          // Listen first, then replay what is recorded: nothing appended in between is lost.
          deps.events.on('releases.event', (payload) => {
            if (payload.deploymentId !== deploymentId) return;
            push(payload.event);
            finishIfSettled();
          }, signal);
          for (const event of release.events) push(event);
          signal.addEventListener('abort', () => resolve(), { once: true });
          finishIfSettled();
        })
    }
  };
}

/** Settings as audit details (flat scalars). */
function flatten(patch: Partial<EnvironmentSettings>): Record<string, string | number | boolean | null> {
  return Object.fromEntries(
    Object.entries(patch).map(([key, value]) => [
      key,
      value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : JSON.stringify(value)
    ])
  );
}
