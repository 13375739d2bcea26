/**
 * Runs the live demo in the background after `demo.open` has answered — opening the demo never waits
 * for Docker — with its progress on the `task.progress` events (task LIVE_DEMO_TASK). One run at a
 * time per core; closing the core cancels the run and waits for it (releases under way finish in the
 * orchestrator, which records how they ended).
 */
import type { Service } from '../../../shared/domain/workspace';
import type { EventPort } from '../../ports/events';
import { deployLiveDemo, type LiveDemoDeps, type LiveDemoOutcome } from './deploy-live-demo';

/** The task name of the live demo's progress events. */
export const LIVE_DEMO_TASK = 'demo-live';

export type LiveDemoCollaborators = Omit<LiveDemoDeps, 'service' | 'onProgress' | 'signal' | 'ports'>;

export interface LiveDemoStarterDeps {
  /** What the live demo works with; called at each start (it may load modules). */
  readonly prepare: (service: Service) => Promise<LiveDemoCollaborators>;
  readonly events: EventPort;
  /** Public port per environment (tests pick free ones); default: the demo's own. */
  readonly ports?: Readonly<Record<string, number>> | undefined;
}

export interface LiveDemoStarter {
  /** Starts the live demo unless one runs already; never throws (failures are reported as progress). */
  start(service: Service): void;
  /** The run under way, or the last one (tests wait on it); null before the first start. */
  last(): Promise<LiveDemoOutcome> | null;
  /** Cancels a run under way and waits for it to end. */
  close(): Promise<void>;
}

export function createLiveDemoStarter(deps: LiveDemoStarterDeps): LiveDemoStarter {
  const stop = new AbortController();
  let running: Promise<LiveDemoOutcome> | null = null;
  let last: Promise<LiveDemoOutcome> | null = null;
  const report = (step: string, completed: number, total: number): void => deps.events.emit('task.progress', { task: LIVE_DEMO_TASK, step, completed, total });

  async function run(service: Service): Promise<LiveDemoOutcome> {
    if (stop.signal.aborted) return { kind: 'cancelled', detail: 'The live demo did not start: Shipdeck is closing.' };
    let outcome: LiveDemoOutcome;
    try {
      const collaborators = await deps.prepare(service);
      outcome = await deployLiveDemo({ ...collaborators, service, ports: deps.ports, signal: stop.signal, onProgress: report });
    } catch (error) {
      // prepare failed (a module that did not load): the offline demo stands.
      const detail = `The live demo could not start: ${error instanceof Error ? error.message : String(error)}`;
      report(detail, 1, 1);
      outcome = { kind: 'failed', detail };
    }
    if (outcome.kind === 'failed') console.error(`[shipdeck] ${outcome.detail}`);
    if (outcome.kind === 'deployed') deps.events.emit('workspace.changed', { service: service.name });
    return outcome;
  }

  return {
    start(service) {
      if (running !== null || stop.signal.aborted) return;
      // After the answer to `demo.open` has gone out: nothing of the live demo delays it.
      const current = new Promise<void>((resolve) => setImmediate(resolve)).then(() => run(service)).finally(() => {
        running = null;
      });
      running = current;
      last = current;
    },
    last: () => last,
    async close() {
      stop.abort();
      await running;
    }
  };
}
