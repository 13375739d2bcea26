/**
 * The Environments board: every service × environment in promotion order — what the record says runs
 * there, what is under way, interrupted or held, what a rollback or a promotion would bring — with the
 * live health and drift of docker environments read in parallel; and the inbox.
 */
import { setMaxListeners } from 'node:events';
import type { Board, EnvironmentStatus, Release } from '../../../../shared/domain/releases';
import type { Environment, Service } from '../../../../shared/domain/workspace';
import type { ReleaseViewsDeps } from '../release-views-deps';
import { artifactOf, reachedAt, succeededAt } from '../release-facts';
import { inboxItems } from './inbox';
import { liveStatus } from './live-status';

/** How far back the board looks for an interrupted release with nothing succeeded after it. */
const INTERRUPTED_LOOKBACK = 20;

type RecordPart = Omit<EnvironmentStatus, 'health' | 'healthDetail' | 'drift' | 'instances' | 'promotable'>;

interface Cell {
  readonly environment: Environment;
  readonly record: RecordPart;
  readonly currentRelease: Release | null;
  readonly activeRelease: Release | null;
  readonly interruptedAt: string | null;
}

function eventsOf(deps: ReleaseViewsDeps, release: Release) {
  return deps.store.releases.getRelease(release.id)?.events ?? [];
}

/** The latest interrupted release, when nothing has succeeded since. */
function interruptedRelease(deps: ReleaseViewsDeps, service: string, environment: string): Release | null {
  for (const release of deps.store.releases.listReleases(service, environment, { limit: INTERRUPTED_LOOKBACK }).items) {
    if (release.status === 'succeeded') return null;
    if (release.status === 'interrupted') return release;
  }
  return null;
}

/** Of the environment's unsettled releases, the one under way (it holds the lock), else the newest. */
function activeRelease(unsettled: readonly Release[]): Release | null {
  return unsettled.find((release) => release.status === 'in-progress') ?? unsettled.at(-1) ?? null;
}

function recordCell(deps: ReleaseViewsDeps, service: Service, environment: Environment, unsettled: readonly Release[]): Cell {
  const { releases } = deps.store;
  const current = releases.currentRelease(service.name, environment.name);
  const active = activeRelease(unsettled.filter((release) => release.service === service.name && release.environment === environment.name));
  const interrupted = interruptedRelease(deps, service.name, environment.name);
  const previousGood = releases.goodReleases(service.name, environment.name, 2).find((release) => release.id !== current?.id && release.digest !== current?.digest);
  const port = environment.settings.publicPort;
  return {
    environment,
    currentRelease: current,
    activeRelease: active,
    interruptedAt: interrupted === null ? null : reachedAt(interrupted, eventsOf(deps, interrupted)),
    record: {
      service: service.name,
      environment: environment.name,
      position: environment.position,
      targetKind: environment.targetKind,
      requiresApproval: environment.requiresApproval,
      settings: environment.settings,
      current:
        current === null
          ? null
          : {
              ...artifactOf(current),
              deploymentId: current.id,
              deployedAt: succeededAt(eventsOf(deps, current)) ?? current.createdAt,
              deployedBy: current.startedBy,
              strategy: current.strategy
            },
      active,
      interrupted,
      hold: releases.hold(service.name, environment.name),
      lastKnownGood: previousGood ? { ...artifactOf(previousGood), deploymentId: previousGood.id } : null,
      url: port === null ? null : `http://127.0.0.1:${port}`
    }
  };
}

export async function environmentsBoard(deps: ReleaseViewsDeps, signal?: AbortSignal): Promise<Board> {
  const services = deps.store.workspace.listServices();
  const unsettled = deps.store.releases.unsettledReleases();
  const rows = services.map((service) => {
    const environments = [...service.environments].sort((a, b) => a.position - b.position);
    return { service, cells: environments.map((environment) => recordCell(deps, service, environment, unsettled)) };
  });

  // Every cell's read listens to the board's signal: one listener on it, not one per cell (Node warns past 10).
  const reads = new AbortController();
  const abortReads = () => reads.abort(signal?.reason);
  if (signal?.aborted) abortReads();
  signal?.addEventListener('abort', abortReads, { once: true });
  setMaxListeners(0, reads.signal);
  const live = await Promise.all(
    rows.map(({ service, cells }) =>
      Promise.all(cells.map((cell) => liveStatus(deps, service.name, cell.environment, { current: cell.currentRelease, active: cell.activeRelease }, reads.signal)))
    )
  ).finally(() => signal?.removeEventListener('abort', abortReads));

  const board = rows.map(({ service, cells }, row) => ({
    service: service.name,
    environments: cells.map((cell, index): EnvironmentStatus => {
      const before = index > 0 ? cells[index - 1] : undefined;
      const upstream = before?.currentRelease ?? null;
      const promotable = before && upstream && upstream.digest !== cell.currentRelease?.digest ? { ...artifactOf(upstream), fromEnvironment: before.environment.name } : null;
      const { attention: _attention, ...status } = live[row]?.[index] ?? { health: 'unknown' as const, healthDetail: 'Not read.', drift: { kind: 'unknown' as const, reason: 'Not read.' }, instances: [] };
      return { ...cell.record, ...status, promotable };
    })
  }));

  const known = new Set(services.map((service) => service.name));
  const interrupted = rows.flatMap(({ cells }) =>
    cells.flatMap((cell) => (cell.record.interrupted && cell.interruptedAt ? [{ release: cell.record.interrupted, at: cell.interruptedAt }] : []))
  );
  const inbox = inboxItems({
    unsettled: unsettled
      .filter((release) => known.has(release.service))
      .map((release) => ({ release, lastEventAt: eventsOf(deps, release).at(-1)?.at ?? release.createdAt })),
    holds: deps.store.releases.holds().filter((hold) => known.has(hold.service)),
    interrupted,
    cluster: rows.flatMap(({ service, cells }, row) =>
      cells.flatMap((cell, index) => {
        const attention = live[row]?.[index]?.attention;
        return attention ? [{ service: service.name, environment: cell.environment.name, ...attention, since: attention.since ?? deps.clock().toISOString() }] : [];
      })
    )
  });
  return { services: board, inbox, checkedAt: deps.clock().toISOString() };
}
