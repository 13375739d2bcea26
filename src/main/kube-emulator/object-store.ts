/**
 * The emulator's etcd: objects by resource, namespace and name; one global resourceVersion counter that
 * every write advances; and a bounded history of changes, from which watches resume. A watch asking for a
 * resourceVersion older than the history holds is told it is too old (410 Gone), as after etcd compaction.
 *
 * Stored objects are deep-frozen: readers get them without copying and must clone before changing.
 */
import { cloneJson } from './json';
import { metadataOf, nameOf, namespaceOf, type KubeObject } from './object-meta';

export type EventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoreEvent {
  readonly type: EventType;
  /** `resourceKey` of the object's type ("deployments.apps"). */
  readonly resource: string;
  readonly object: KubeObject;
  /** The object before this change (for MODIFIED and DELETED). */
  readonly previous: KubeObject | null;
  readonly resourceVersion: number;
}

export type StoreListener = (event: StoreEvent) => void;

export class ObjectStore {
  private readonly buckets = new Map<string, Map<string, KubeObject>>();
  private readonly history: StoreEvent[] = [];
  private readonly listeners = new Set<StoreListener>();
  private revision: number;
  /** Every event with a resourceVersion at or below this is gone from the history. */
  private compactedThrough: number;

  constructor(private readonly historyLimit: number, initialRevision = 1) {
    this.revision = initialRevision;
    this.compactedThrough = initialRevision;
  }

  get currentRevision(): number {
    return this.revision;
  }

  get(resource: string, namespace: string, name: string): KubeObject | undefined {
    return this.buckets.get(resource)?.get(keyOf(namespace, name));
  }

  /** Objects of one resource, in one namespace or all (null), sorted by namespace then name. */
  list(resource: string, namespace: string | null): KubeObject[] {
    const bucket = this.buckets.get(resource);
    if (!bucket) return [];
    const items = [...bucket.values()].filter((object) => namespace === null || namespaceOf(object) === namespace);
    return items.sort((a, b) => compareKeys(keyOf(namespaceOf(a), nameOf(a)), keyOf(namespaceOf(b), nameOf(b))));
  }

  /** Stores a new or changed object, giving it the next resourceVersion; returns the frozen stored copy. */
  put(resource: string, object: KubeObject): KubeObject {
    const bucket = this.bucket(resource);
    const key = keyOf(namespaceOf(object), nameOf(object));
    const previous = bucket.get(key) ?? null;
    const stored = cloneJson(object);
    this.revision++;
    metadataOf(stored)['resourceVersion'] = String(this.revision);
    deepFreeze(stored);
    bucket.set(key, stored);
    this.record({ type: previous ? 'MODIFIED' : 'ADDED', resource, object: stored, previous, resourceVersion: this.revision });
    return stored;
  }

  /** Removes an object; its DELETED event carries the next resourceVersion. */
  remove(resource: string, namespace: string, name: string): KubeObject | undefined {
    const bucket = this.buckets.get(resource);
    const key = keyOf(namespace, name);
    const previous = bucket?.get(key);
    if (!bucket || !previous) return undefined;
    bucket.delete(key);
    this.revision++;
    const deleted = cloneJson(previous);
    metadataOf(deleted)['resourceVersion'] = String(this.revision);
    deepFreeze(deleted);
    this.record({ type: 'DELETED', resource, object: deleted, previous, resourceVersion: this.revision });
    return deleted;
  }

  /**
   * The changes after `resourceVersion`, oldest first, or 'expired' when the history no longer reaches back
   * that far.
   */
  eventsSince(resourceVersion: number): readonly StoreEvent[] | 'expired' {
    if (resourceVersion < this.compactedThrough) return 'expired';
    const first = this.history.findIndex((event) => event.resourceVersion > resourceVersion);
    return first < 0 ? [] : this.history.slice(first);
  }

  /** The oldest resourceVersion a watch can still resume from. */
  get oldestResumable(): number {
    return this.compactedThrough;
  }

  /**
   * Forgets all history, as an etcd compaction or an API server restart would: every resourceVersion
   * handed out so far becomes too old to watch from (a restarting API server writes its own lease, so
   * the revision moves on too), and watchers must list again.
   */
  compact(): void {
    this.history.length = 0;
    this.revision++;
    this.compactedThrough = this.revision;
  }

  subscribe(listener: StoreListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private record(event: StoreEvent): void {
    this.history.push(event);
    if (this.history.length > this.historyLimit) {
      const dropped = this.history.splice(0, this.history.length - this.historyLimit);
      const last = dropped[dropped.length - 1];
      if (last) this.compactedThrough = last.resourceVersion;
    }
    for (const listener of [...this.listeners]) listener(event);
  }

  private bucket(resource: string): Map<string, KubeObject> {
    let bucket = this.buckets.get(resource);
    if (!bucket) {
      bucket = new Map();
      this.buckets.set(resource, bucket);
    }
    return bucket;
  }
}

function keyOf(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function deepFreeze(value: unknown): void {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
}
