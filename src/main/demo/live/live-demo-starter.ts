/**
 * Runs the live demo in the background after `demo.open` has answered — opening the demo never waits
 * for Docker — with its progress on the `task.progress` events (task LIVE_DEMO_TASK; the last event of
 * a run has `completed === total` and says how it ended). One run at a time per core; closing the core
 * cancels the run and waits for it (releases under way finish and record how they ended).
 *
 * Light on purpose: the core imports it at start; what the live demo runs with is loaded on first start.
 */
import type { Service } from '../../../shared/domain/workspace';
import type { EventPort } from '../../ports/events';
import type { LiveDemoOutcome } from './deploy-live-demo';

/** The task name of the live demo's progress events. */
export const LIVE_DEMO_TASK = 'demo-live';

export interface LiveDemoRunOptions {
  readonly ports?: Readonly<Record<string, number>> | undefined;
  readonly signal: AbortSignal;
  readonly onProgress: (step: string, completed: number, total: number) => void;
}

/** What runs the live demo (create-live-demo.ts): one deploy per call, and what it holds closed at the end. */
export interface LiveDemoRunner {
  run(service: Service, options: LiveDemoRunOptions): Promise<LiveDemoOutcome>;
  close(): Promise<void>;
}

export interface LiveDemoStarterDeps {
  /** Loads the runner; called at the first start. */
  readonly load: () => Promise<LiveDemoRunner>;
  readonly events: EventPort;
  /** Public port per environment (tests pick free ones); default: the demo's own. */
  readonly ports?: Readonly<Record<string, number>> | undefined;
}

export interface LiveDemoStarter {
  /** Starts the live demo unless one runs already; never throws (failures are reported as progress). */
  start(service: Service): void;
  /** The run under way, or the last one; null before the first start. */
  last(): Promise<LiveDemoOutcome> | null;
  /** Cancels a run under way, waits for it to end, and closes the runner. */
  close(): Promise<void>;
}

export function createLiveDemoStarter(deps: LiveDemoStarterDeps): LiveDemoStarter {
  const stop = new AbortController();
  let loaded: Promise<LiveDemoRunner> | null = null;
  let running: Promise<LiveDemoOutcome> | null = null;
  let last: Promise<LiveDemoOutcome> | null = null;
  const report = (step: string, completed: number, total: number): void => deps.events.emit('task.progress', { task: LIVE_DEMO_TASK, step, completed, total });

  async function run(service: Service): Promise<LiveDemoOutcome> {
    if (stop.signal.aborted) return { kind: 'cancelled', detail: 'The live demo did not start: Shipdeck is closing.' };
    let outcome: LiveDemoOutcome;
    try {
      loaded ??= deps.load();
      const runner = await loaded;
      outcome = await runner.run(service, { ports: deps.ports, signal: stop.signal, onProgress: report });
    } catch (error) {
      // The runner did not load (or broke its promise never to throw): the offline demo stands.
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
      const current = new Promise<void>((resolve) => setImmediate(resolve))
        .then(() => run(service))
        .finally(() => {
          running = null;
        });
      running = current;
      last = current;
    },
    last: () => last,
    async close() {
      stop.abort();
      await running;
      const runner = await loaded?.catch(() => null);
      await runner?.close();
    }
  };
}
