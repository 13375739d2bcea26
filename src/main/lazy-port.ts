/**
 * A port whose adapter is loaded on first use: every method returns a promise, so a caller cannot tell
 * the difference. Used for adapters with heavy libraries (dockerode adds ~130 ms to start-up) that most
 * commands never touch.
 */
/** `methods` names every method of the port (checked by the compiler), so a new one cannot be forgotten. */
export function lazyPort<Port extends object>(load: () => Promise<Port>, methods: { readonly [K in keyof Port]: true }): Port {
  let loaded: Promise<Port> | null = null;
  const port = (): Promise<Port> => {
    if (loaded === null) {
      const attempt = load();
      loaded = attempt;
      // A failed load (a broken install) is tried again by the next call, not cached.
      attempt.catch(() => {
        if (loaded === attempt) loaded = null;
      });
    }
    return loaded;
  };
  const lazy: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
  for (const name of Object.keys(methods)) {
    lazy[name] = async (...args: unknown[]) => {
      const target = (await port()) as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
      const method = target[name];
      if (typeof method !== 'function') throw new TypeError(`${name} is not a method of the loaded port`);
      return method.apply(target, args);
    };
  }
  return lazy as unknown as Port;
}
