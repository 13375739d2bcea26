import { type pipelinesContract } from '../../../shared/contract/pipelines';
import { isFinishedStage } from '../../../shared/domain/pipeline-runs';
import { AppError } from '../../../shared/result';
import type { CallNamesOf, FeatureHandlers, StreamNamesOf } from '../../api/handlers';
import { feed } from '../../event-bus';
import type { EventPort } from '../../ports/events';
import type { RunLogPort } from '../../ports/run-logs';
import type { ReleaseStore } from '../../ports/store';
import type { BranchWatcher } from './branch-watch';
import { followLog } from './follow-log';
import { logName, type RunManager } from './run-manager';

type PipelinesHandlers = FeatureHandlers<CallNamesOf<typeof pipelinesContract>, StreamNamesOf<typeof pipelinesContract>>;

export interface PipelinesDeps {
  readonly store: ReleaseStore;
  readonly runs: RunManager;
  readonly logs: RunLogPort;
  readonly watcher: BranchWatcher;
  readonly events: EventPort;
  /** Who starts runs from this core (recorded as `manual:<actor>`). */
  readonly actor: string;
}

export function createPipelinesHandlers(deps: PipelinesDeps): PipelinesHandlers {
  const { store } = deps;
  const requireStage = (runId: number, stage: string) => {
    const run = store.runs.getRun(runId);
    if (!run) throw new AppError('NOT_FOUND', `There is no pipeline run #${runId}.`, "Check the run number in the service's pipeline runs.");
    const found = run.stages.find((candidate) => candidate.name === stage);
    if (!found) {
      throw new AppError('NOT_FOUND', `Run #${runId} has no stage "${stage}".`, `Its stages: ${run.stages.map((s) => s.name).join(', ') || 'none'}.`);
    }
    return found;
  };
  const requireService = (service: string) => {
    if (!store.workspace.findService(service)) {
      throw new AppError('NOT_FOUND', `There is no service named "${service}".`, 'Run `shipdeck services` to see the services.');
    }
  };

  return {
    calls: {
      'runs.list': ({ service, limit, beforeId }) => store.runs.listRuns(service, { limit, beforeId }),
      'runs.get': ({ runId }) => {
        const run = store.runs.getRun(runId);
        if (!run) throw new AppError('NOT_FOUND', `There is no pipeline run #${runId}.`, "Check the run number in the service's pipeline runs.");
        return run;
      },
      'runs.start': async ({ service, ref }) => ({ runId: (await deps.runs.start(service, ref, `manual:${deps.actor}`)).id }),
      'runs.cancel': ({ runId }) => deps.runs.cancel(runId),
      'runs.rerun': async ({ runId, from }) => ({ runId: (await deps.runs.rerun(runId, from, `rerun:${deps.actor}`)).id }),
      'runs.logLines': async ({ runId, stage, fromLine, limit }) => {
        const found = requireStage(runId, stage);
        const [lines, total] = await Promise.all([deps.logs.read(logName(runId), stage, fromLine, limit), deps.logs.lineCount(logName(runId), stage)]);
        return { lines, total, complete: isFinishedStage(found.status) };
      },
      'runs.searchLog': async ({ runId, stage, text, fromLine, limit }) => {
        requireStage(runId, stage);
        const result = await deps.logs.search(logName(runId), stage, { text, fromLine, limit });
        return { lines: result.matches.map((line) => line.number), continueFrom: result.continueFrom };
      },
      'runs.getWatch': ({ service }) => {
        requireService(service);
        return { service, branch: store.runs.branchWatch(service) };
      },
      'runs.setWatch': async ({ service, branch }) => {
        requireService(service);
        await store.runs.setBranchWatch(service, branch);
        await deps.watcher.refresh(service);
        return { service, branch: store.runs.branchWatch(service) };
      }
    },
    streams: {
      'runs.updates': (_input, sink, { signal }) => feed(deps.events, 'runs.updated', (update) => sink.push(update), signal),
      'runs.log': async ({ runId, stage, fromLine }, sink, { signal }) => {
        requireStage(runId, stage);
        const stillRunning = () => {
          const status = store.runs.getRun(runId)?.stages.find((s) => s.name === stage)?.status;
          return status === 'running' || status === 'pending';
        };
        await followLog(deps.logs, deps.runs, stillRunning, { runId, stage, fromLine: fromLine ?? 1 }, (line) => sink.push(line), signal);
      }
    }
  };
}
