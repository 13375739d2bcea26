/**
 * A controller's queue of object keys ("namespace/name"): a key added several times before it is
 * processed is processed once; keys can be added after a delay (requeue at a deadline); a sync that
 * throws is retried after a short back-off, as client-go's rate-limited queue does.
 */
export class WorkQueue {
  private readonly pending = new Set<string>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private scheduled: NodeJS.Immediate | null = null;
  private stopped = false;

  constructor(
    private readonly name: string,
    private readonly process: (key: string) => void,
    private readonly retryMs = 50
  ) {}

  add(key: string): void {
    if (this.stopped) return;
    this.pending.add(key);
    this.scheduled ??= setImmediate(() => this.drain());
  }

  addAfter(key: string, delayMs: number): void {
    if (this.stopped) return;
    if (delayMs <= 0) return this.add(key);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.add(key);
    }, delayMs);
    this.timers.add(timer);
  }

  stop(): void {
    this.stopped = true;
    if (this.scheduled) clearImmediate(this.scheduled);
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.pending.clear();
  }

  private drain(): void {
    this.scheduled = null;
    const keys = [...this.pending];
    this.pending.clear();
    for (const key of keys) {
      if (this.stopped) return;
      try {
        this.process(key);
      } catch (error) {
        if (process.env['KUBE_EMULATOR_DEBUG']) console.error(`${this.name} ${key}:`, error);
        this.addAfter(key, this.retryMs);
      }
    }
  }
}

export function splitKey(key: string): { namespace: string; name: string } {
  const slash = key.indexOf('/');
  return { namespace: key.slice(0, slash), name: key.slice(slash + 1) };
}
