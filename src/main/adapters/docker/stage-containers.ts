// Finds and removes the containers runs left behind (a crash between create and remove).
import type { StageContainer } from '../../ports/containers';
import { abortable, toAppError } from './docker-errors';
import type { Engine } from './docker-engine';
import { RUN_LABEL, STAGE_LABEL } from './stage-labels';

export async function listStageContainers(engine: Engine, runId?: string, signal?: AbortSignal): Promise<StageContainer[]> {
  try {
    const label = runId === undefined ? RUN_LABEL : `${RUN_LABEL}=${runId}`;
    const containers = await engine.docker.listContainers({ all: true, filters: { label: [label] }, ...abortable(signal) });
    return containers.map((container) => ({
      id: container.Id,
      runId: container.Labels[RUN_LABEL] ?? '',
      stage: container.Labels[STAGE_LABEL] ?? '',
      state: container.State
    }));
  } catch (error) {
    throw toAppError(error, { endpoint: engine.info.endpoint, what: 'Listing stage containers', signal });
  }
}

export async function removeStageContainers(engine: Engine, runId: string, signal?: AbortSignal): Promise<number> {
  const containers = await listStageContainers(engine, runId, signal);
  let removed = 0;
  for (const container of containers) {
    try {
      await engine.docker.getContainer(container.id).remove({ force: true, v: true, ...abortable(signal) });
      removed += 1;
    } catch (error) {
      // Already gone (removed by its own run in the meantime) is what we wanted.
      if ((error as { statusCode?: unknown }).statusCode === 404) continue;
      throw toAppError(error, { endpoint: engine.info.endpoint, what: `Removing the containers of run ${runId}`, signal });
    }
  }
  return removed;
}
