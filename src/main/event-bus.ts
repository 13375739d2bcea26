import type { EventName, EventPayloads } from '../shared/contract';

export type EventListener = <N extends EventName>(name: N, payload: EventPayloads[N]) => void;

/** Fans typed stream events out to every transport (Electron windows, browser-mode sockets). */
export interface EventBus {
  emit<N extends EventName>(name: N, payload: EventPayloads[N]): void;
  subscribe(listener: EventListener): () => void;
}

export function createEventBus(): EventBus {
  const listeners = new Set<EventListener>();
  return {
    emit(name, payload) {
      for (const listener of listeners) {
        try {
          listener(name, payload);
        } catch (error) {
          // One broken transport must not stop the others from hearing the event.
          console.error(`event listener failed for ${name}:`, error);
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    }
  };
}
