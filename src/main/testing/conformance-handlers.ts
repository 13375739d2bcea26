/**
 * Handlers for the transport conformance suite: real contract names, behaviour chosen to exercise the
 * protocol (slow calls that notice cancellation, counted streams, endless streams, failing streams).
 * What they observe (a cancelled call, an unsubscribed stream) is read back through `audit.list`, so a
 * test can see it whether the core runs in this process or in a forked one.
 */
import { AppError } from '../../shared/result';
import type { Handlers } from '../api/handlers';

export function createConformanceHandlers(): Handlers {
  const observed: string[] = [];
  const note = (what: string) => observed.push(what);
  const untilAborted = (signal: AbortSignal) =>
    new Promise<void>((resolve) => {
      if (signal.aborted) resolve();
      signal.addEventListener('abort', () => resolve(), { once: true });
    });

  const handlers = {
    calls: {
      'app.info': () => ({ version: 'test', mode: 'browser', dataDir: '/nowhere', platform: 'test' }),
      'services.get': ({ service }: { service: string }) => {
        throw new AppError('NOT_FOUND', `There is no service named "${service}".`, 'Check the name.');
      },
      /** Waits until the caller gives up. */
      'services.list': async (_input: unknown, { signal }: { signal: AbortSignal }) => {
        note('slow call started');
        await untilAborted(signal);
        note('slow call cancelled');
        throw new AppError('CANCELLED', 'cancelled');
      },
      'audit.list': () => observed.map((what, index) => ({ id: index + 1, at: '', actor: '', action: what, subject: '', details: {} }))
    },
    streams: {
      /**
       * task "count-N": N items then the end; "forever": an item every 5 ms until unsubscribed;
       * "fail": two items then an error.
       */
      'tasks.progress': async (
        { task = '' }: { task?: string },
        sink: { push(item: unknown): void },
        { signal }: { signal: AbortSignal }
      ) => {
        const item = (completed: number, total: number) => ({ task, step: `item ${completed}`, completed, total });
        const count = /^count-(\d+)$/.exec(task);
        if (count) {
          const total = Number(count[1]);
          for (let i = 1; i <= total && !signal.aborted; i++) {
            sink.push(item(i, total));
            // Yield now and then so items go out in several batches, as a real producer's would.
            if (i % 250 === 0) await new Promise((resolve) => setTimeout(resolve, 2));
          }
          return;
        }
        if (task === 'fail') {
          sink.push(item(1, 2));
          sink.push(item(2, 2));
          await new Promise((resolve) => setTimeout(resolve, 5));
          throw new AppError('GIT_FAILED', 'The producer failed on purpose.');
        }
        note(`stream ${task} started`);
        for (let i = 1; !signal.aborted; i++) {
          sink.push(item(i, 0));
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
        note(`stream ${task} stopped`);
      },
      'workspace.changes': async (_input: unknown, _sink: unknown, { signal }: { signal: AbortSignal }) =>
        untilAborted(signal)
    }
  };
  return handlers as unknown as Handlers;
}
