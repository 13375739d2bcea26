/**
 * Runs the demo's Kubernetes API emulator in a long-lived core (not the CLI's): started when the demo is
 * opened (or, at start, when the workspace already has the demo's emulator environment), in the background
 * — `demo.open` never waits for it —, stopped when the core closes. Light on purpose: the core imports
 * it at start; the emulator itself is loaded on first start.
 */
import type { Service } from '../../../shared/domain/workspace';
import type { EventPort } from '../../ports/events';
import { DEMO_CLUSTER_ENVIRONMENT, hasDemoClusterEnvironment } from './demo-cluster';
import type { DemoEmulator } from './demo-emulator';

export interface DemoEmulatorStarterDeps {
  /** Starts the emulator for the service (demo-emulator.ts); loaded at the first start. */
  readonly start: (service: Service) => Promise<DemoEmulator>;
  readonly events: EventPort;
}

export interface DemoEmulatorStarter {
  /** Starts it unless it runs or is starting, or the service lacks the demo's emulator environment; never throws. */
  start(service: Service): void;
  /** The running emulator's context and server, for `kubernetes.overview`; null when none runs. */
  running(): { readonly context: string; readonly server: string } | null;
  /** The start under way or the last one (null before any): resolves when it ran or failed. */
  started(): Promise<void> | null;
  /** Waits for a start under way, then stops the emulator. */
  close(): Promise<void>;
}

export function createDemoEmulatorStarter(deps: DemoEmulatorStarterDeps): DemoEmulatorStarter {
  let emulator: DemoEmulator | null = null;
  let starting: Promise<void> | null = null;
  let closed = false;

  async function run(service: Service): Promise<void> {
    try {
      const started = await deps.start(service);
      if (closed) {
        await started.stop();
        return;
      }
      emulator = started;
      // The board reads the environment again now that its context answers.
      deps.events.emit('kubernetes.changed', { service: service.name, environment: DEMO_CLUSTER_ENVIRONMENT });
    } catch (error) {
      // The recorded history stands; the environment's cell says why it cannot be read.
      console.error(`[shipdeck] the demo's Kubernetes API emulator did not start: ${error instanceof Error ? error.message : String(error)}`);
      starting = null;
    }
  }

  return {
    start(service) {
      if (closed || starting !== null || !hasDemoClusterEnvironment(service)) return;
      starting = new Promise<void>((resolve) => setImmediate(resolve)).then(() => run(service));
    },
    running: () => (emulator === null ? null : { context: emulator.context, server: emulator.server }),
    started: () => starting,
    async close() {
      closed = true;
      await starting;
      await emulator?.stop();
      emulator = null;
    }
  };
}
