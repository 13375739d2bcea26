/**
 * List-then-watch of one workload kind in one namespace, kept alive: lists (remembering the list's
 * resourceVersion), watches from there with bookmarks, keeps the newest resourceVersion it saw, resumes
 * from it when the stream ends or drops, relists on 410 Gone (delivering what changed meanwhile as
 * ADDED/MODIFIED/DELETED), and backs off on errors. client-node's ListWatch falls short here: it stops
 * for good on any error but 410, asks for no bookmarks, and keeps the full objects.
 */
import { Watch, type KubeConfig } from '@kubernetes/client-node';
import type { WatchHealth, WorkloadEvent, WorkloadKind, WorkloadSnapshot } from '../../ports/kubernetes';
import { backoffDelayMs, type BackoffSettings } from './watch-backoff';
import { describeWatchProblem, listPage, serverOf, statusCodeOf, statusMessage } from './watch-requests';
import { watchSnapshotOf } from './watch-snapshot';

export interface KindWatchSettings {
  readonly kind: WorkloadKind;
  readonly context: string | null;
  readonly namespace: string;
  /**
   * The context's configuration, asked at each list and watch: a context missing from the kubeconfig now
   * (throws) is a problem to back off from, and found once the file has it.
   */
  readonly config: () => KubeConfig;
  readonly backoff: BackoffSettings;
  readonly now: () => number;
  readonly onEvent: (event: WorkloadEvent) => void;
  readonly random?: () => number;
}

export type WatchState = WatchHealth['state'];

const PAGE_SIZE = 500;
/** A stream that ends sooner than this without a single event counts as a failure (no reconnect loop). */
const SHORTEST_HEALTHY_STREAM_MS = 1000;
/** Watches ask the server to end them after 5–10 minutes (as client-go does), so a silently dead connection is replaced. */
const WATCH_TIMEOUT_SECONDS = [300, 600] as const;

const STOP_WAIT_MS = 1000;

const RESOURCE: Record<WorkloadKind, { readonly prefix: string; readonly plural: string }> = {
  Deployment: { prefix: '/apis/apps/v1', plural: 'deployments' },
  Rollout: { prefix: '/apis/argoproj.io/v1alpha1', plural: 'rollouts' }
};

export class WorkloadKindWatch {
  private stateValue: WatchState = 'listing';
  private problemValue: string | null = null;
  private sinceValue: number;
  /** By name; null until the first list answered. */
  private items: Map<string, WorkloadSnapshot> | null = null;
  private resourceVersion: string | null = null;
  private failures = 0;
  private stopped = false;
  /** Bumped whenever a stream or list is abandoned, so its late callbacks are ignored. */
  private attempt = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private readonly listAbort = new AbortController();
  private stream: AbortController | null = null;
  private readonly pending = new Set<Promise<unknown>>();
  /** Requests made, for tests and the benchmark (lists count pages). */
  readonly counters = { lists: 0, watches: 0, relists: 0 };

  constructor(private readonly settings: KindWatchSettings) {
    this.sinceValue = settings.now();
  }

  get state(): WatchState {
    return this.stateValue;
  }
  get problem(): string | null {
    return this.problemValue;
  }
  get since(): number {
    return this.sinceValue;
  }
  /** Undefined until listed; null when listed and absent. */
  cached(name: string): WorkloadSnapshot | null | undefined {
    return this.items === null ? undefined : (this.items.get(name) ?? null);
  }
  get listed(): boolean {
    return this.items !== null;
  }

  start(): void {
    this.track(this.list());
  }

  /** Ends the stream and any retry; resolves when no request of this watch is in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.attempt++;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.listAbort.abort();
    this.stream?.abort();
    this.stream = null;
    // A watch whose response has not arrived cannot be aborted through client-node's Watch; do not wait long for it.
    await Promise.race([Promise.allSettled([...this.pending]), new Promise((resolve) => setTimeout(resolve, STOP_WAIT_MS).unref())]);
  }

  private get path(): string {
    const { prefix, plural } = RESOURCE[this.settings.kind];
    return `${prefix}/namespaces/${encodeURIComponent(this.settings.namespace)}/${plural}`;
  }

  private get doing(): string {
    return `watching ${RESOURCE[this.settings.kind].plural} in namespace "${this.settings.namespace}"`;
  }

  private track(work: Promise<unknown>): void {
    this.pending.add(work);
    void work.finally(() => this.pending.delete(work));
  }

  private setState(state: WatchState, problem: string | null): void {
    if (state === this.stateValue && problem === this.problemValue) return;
    if (state !== this.stateValue) this.sinceValue = this.settings.now();
    this.stateValue = state;
    this.problemValue = problem;
  }

  /** Lists every page; on a relist, delivers the differences from what was cached. */
  private async list(): Promise<void> {
    const attempt = ++this.attempt;
    this.setState('listing', this.problemValue);
    try {
      const fresh = new Map<string, WorkloadSnapshot>();
      let resourceVersion: string | null = null;
      let continueToken: string | null = null;
      do {
        this.counters.lists++;
        const page = await listPage(this.settings.config(), this.path, { limit: String(PAGE_SIZE), ...(continueToken ? { continue: continueToken } : {}) }, this.listAbort.signal);
        if (attempt !== this.attempt) return;
        // A paginated list is one snapshot on a real server: the first page's resourceVersion is its version.
        resourceVersion ??= page.resourceVersion;
        for (const item of page.items) {
          const snapshot = this.snapshotOf(item);
          if (snapshot) fresh.set(snapshot.ref.name, snapshot);
        }
        continueToken = page.continueToken;
      } while (continueToken !== null);
      const previous = this.items;
      this.items = fresh;
      this.resourceVersion = resourceVersion;
      if (previous !== null) this.deliverDifferences(previous, fresh);
      this.openStream(true);
    } catch (error) {
      if (attempt !== this.attempt) return;
      this.fail(describeWatchProblem(error, this.doing.replace('watching', 'listing'), this.server()));
    }
  }

  private deliverDifferences(before: ReadonlyMap<string, WorkloadSnapshot>, after: ReadonlyMap<string, WorkloadSnapshot>): void {
    for (const [name, snapshot] of before) if (!after.has(name)) this.settings.onEvent({ type: 'DELETED', snapshot });
    for (const [name, snapshot] of after) {
      const old = before.get(name);
      if (!old) this.settings.onEvent({ type: 'ADDED', snapshot });
      else if (old.resourceVersion !== snapshot.resourceVersion || old.uid !== snapshot.uid) this.settings.onEvent({ type: 'MODIFIED', snapshot });
    }
  }

  /** `afterList`: the stream starts from a list's resourceVersion (so a 410 at once means relisting will not help soon). */
  private openStream(afterList = false): void {
    const attempt = ++this.attempt;
    const openedAt = this.settings.now();
    let received = 0;
    let expired = false;
    let streamError: string | null = null;
    const [shortest, longest] = WATCH_TIMEOUT_SECONDS;
    const random = this.settings.random ?? Math.random;
    const query = {
      allowWatchBookmarks: true,
      resourceVersion: this.resourceVersion ?? '',
      timeoutSeconds: Math.round(shortest + (longest - shortest) * random())
    };
    let ended = false;
    const onLine = (type: string, object: unknown) => {
      if (attempt !== this.attempt) return;
      if (type === 'ERROR') {
        if (objectCode(object) === 410) expired = true;
        else streamError = statusMessage(object) ?? 'the API server sent an error event';
        return;
      }
      // The stream works: the next failure backs off from the start again.
      if (++received === 1) this.failures = 0;
      const version = resourceVersionOf(object);
      if (version !== null) this.resourceVersion = version;
      if (type === 'ADDED' || type === 'MODIFIED' || type === 'DELETED') this.apply(type, object);
    };
    const onDone = (error: unknown) => {
      if (ended || attempt !== this.attempt) return;
      ended = true;
      this.stream = null;
      const healthy = received > 0 || this.settings.now() - openedAt >= SHORTEST_HEALTHY_STREAM_MS;
      if (healthy) this.failures = 0;
      // (A stream that ends at once without an event keeps the failure count, so reconnecting backs off.)
      if (expired || statusCodeOf(error) === 410) {
        // Our resourceVersion is too old for the server's history: only a fresh list catches up.
        this.resourceVersion = null;
        this.counters.relists++;
        if (healthy || !afterList) this.track(this.list());
        else this.fail(`The API server said the list's resourceVersion was already too old to watch from (410 Gone) while ${this.doing}.`);
        return;
      }
      if (error) return this.fail(describeWatchProblem(error, this.doing, this.server()));
      if (streamError !== null) return this.fail(`The API server ended the watch with an error while ${this.doing}: ${streamError}.`);
      if (!healthy) return this.fail(`The API server ended the watch at once while ${this.doing}.`);
      this.openStream();
    };
    this.counters.watches++;
    const opening = Promise.resolve()
      .then(() => new Watch(this.settings.config()).watch(this.path, query, onLine, onDone))
      .then((controller) => {
        if (attempt !== this.attempt || ended) {
          controller.abort();
          return;
        }
        this.stream = controller;
        this.setState('live', null);
      })
      .catch((error: unknown) => onDone(error ?? new Error('the watch could not start')));
    this.track(opening);
  }

  private apply(type: 'ADDED' | 'MODIFIED' | 'DELETED', object: unknown): void {
    const snapshot = this.snapshotOf(object);
    if (!snapshot || this.items === null) return;
    if (type === 'DELETED') this.items.delete(snapshot.ref.name);
    else this.items.set(snapshot.ref.name, snapshot);
    this.settings.onEvent({ type, snapshot });
  }

  private snapshotOf(object: unknown): WorkloadSnapshot | null {
    return watchSnapshotOf(object, this.settings.kind, this.settings.context, this.settings.namespace);
  }

  /** Waits (backing off), then resumes from the last resourceVersion, or lists when there is none. */
  private fail(problem: string): void {
    if (this.stopped) return;
    this.attempt++;
    this.failures++;
    const delay = backoffDelayMs(this.failures, this.settings.backoff, this.settings.random);
    this.setState('backing-off', `${problem} Retrying in ${formatDelay(delay)}.`);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.stopped) return;
      if (this.items === null || this.resourceVersion === null) this.track(this.list());
      else this.openStream();
    }, delay);
  }

  private server(): string {
    try {
      return serverOf(this.settings.config());
    } catch {
      return 'the kubeconfig’s server';
    }
  }
}

function resourceVersionOf(object: unknown): string | null {
  if (object === null || typeof object !== 'object') return null;
  const metadata = (object as Record<string, unknown>)['metadata'];
  if (metadata === null || typeof metadata !== 'object') return null;
  const version = (metadata as Record<string, unknown>)['resourceVersion'];
  return typeof version === 'string' && version !== '' ? version : null;
}

function objectCode(object: unknown): number | null {
  const code = object !== null && typeof object === 'object' ? (object as Record<string, unknown>)['code'] : null;
  return typeof code === 'number' ? code : null;
}

function formatDelay(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}
