import type { CoreEventName, CoreEvents, EventPort } from './ports/events';

type AnyListener = (payload: CoreEvents[CoreEventName]) => void;

/** The in-process event port: fans each event out to the streams listening for it. */
export function createEventBus(): EventPort {
  const listeners = new Map<CoreEventName, Set<AnyListener>>();
  return {
    emit(name, payload) {
      for (const listener of listeners.get(name) ?? []) {
        try {
          listener(payload);
        } catch (error) {
          // One broken listener must not stop the others from hearing the event.
          console.error(`[shipdeck] a listener for ${name} failed:`, error);
        }
      }
    },
    on(name, listener, signal) {
      if (signal.aborted) return;
      const set = listeners.get(name) ?? new Set<AnyListener>();
      listeners.set(name, set);
      set.add(listener as AnyListener);
      signal.addEventListener('abort', () => set.delete(listener as AnyListener), { once: true });
    }
  };
}

/** A stream handler for a live feed: pushes each matching event until the subscriber leaves. */
export function feed<N extends CoreEventName>(
  events: EventPort,
  name: N,
  push: (payload: CoreEvents[N]) => void,
  signal: AbortSignal
): Promise<void> {
  return new Promise((resolve) => {
    events.on(name, push, signal);
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}
