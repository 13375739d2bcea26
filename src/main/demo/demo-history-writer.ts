/** Records commits, merges, tags and branch deletions as events that fast-import can replay. */
import type { FileTree } from './demo-files';
import type { DemoPerson } from './demo-people';

export interface DemoChange {
  readonly path: string;
  /** null deletes the file. */
  readonly content: string | Buffer | null;
}

export interface DemoCommit {
  /** fast-import mark, 1-based. */
  readonly mark: number;
  readonly ref: string;
  /** Marks of the parents; the first is the first parent. */
  readonly parents: readonly number[];
  readonly author: DemoPerson;
  readonly committer: DemoPerson;
  /** Unix seconds. */
  readonly time: number;
  readonly message: string;
  readonly changes: readonly DemoChange[];
}

export interface DemoTag {
  readonly name: string;
  readonly target: number;
  /** null for a lightweight tag. */
  readonly tagger: DemoPerson | null;
  readonly time: number;
  readonly message: string;
}

export type DemoEvent =
  | { readonly kind: 'commit'; readonly commit: DemoCommit }
  | { readonly kind: 'tag'; readonly tag: DemoTag }
  | { readonly kind: 'delete-branch'; readonly ref: string };

export interface Branch {
  readonly ref: string;
  tip: number | null;
  readonly files: FileTree;
  /** Paths changed on this branch since it was forked, and the parent branch's files at that moment. */
  readonly changed: Set<string>;
  readonly base: FileTree;
}

export class HistoryWriter {
  readonly events: DemoEvent[] = [];
  private mark = 0;
  private nextTime = 0;

  /** `times`: one per commit, ascending; commits take them in order. */
  constructor(private readonly times: readonly number[]) {}

  /** The time of the most recent commit. */
  get lastTime(): number {
    return this.times[this.nextTime - 1] ?? this.times[0] ?? 0;
  }

  /** The time the next commit will get. */
  get upcomingTime(): number {
    return this.times[this.nextTime] ?? this.lastTime;
  }

  branch(ref: string, from: Branch | null): Branch {
    const files: FileTree = new Map(from?.files ?? []);
    return { ref, tip: from?.tip ?? null, files, changed: new Set(), base: new Map(files) };
  }

  /** Commits whatever `edit` does to the branch's files; `edit` returns the commit message. */
  commit(branch: Branch, author: DemoPerson, edit: (files: FileTree) => string, committer = author): number {
    const before = new Map(branch.files);
    const message = edit(branch.files);
    const changes: DemoChange[] = [];
    for (const [path, content] of branch.files) if (before.get(path) !== content) changes.push({ path, content });
    for (const path of before.keys()) if (!branch.files.has(path)) changes.push({ path, content: null });
    if (changes.length === 0) throw new Error(`Demo commit "${message.split('\n')[0]}" changes nothing.`);
    for (const change of changes) branch.changed.add(change.path);
    return this.record(branch, [], author, committer, message, changes);
  }

  /** A merge commit on `into` bringing in what `from` changed since it was forked. */
  merge(into: Branch, from: Branch, merger: DemoPerson, message: string): number {
    if (from.tip === null) throw new Error(`Cannot merge ${from.ref}: it has no commits.`);
    const changes: DemoChange[] = [];
    for (const path of from.changed) {
      // The demo never edits a file on both sides, so a merge is a union; a clash is a generator bug.
      if (into.files.get(path) !== from.base.get(path)) throw new Error(`Demo merge conflict on ${path}.`);
      const content = from.files.get(path) ?? null;
      if (content === null) into.files.delete(path);
      else into.files.set(path, content);
      changes.push({ path, content });
      into.changed.add(path);
    }
    return this.record(into, [from.tip], merger, merger, message, changes);
  }

  tag(name: string, target: number, tagger: DemoPerson | null, message: string): void {
    this.events.push({ kind: 'tag', tag: { name, target, tagger, time: this.lastTime + 600, message } });
  }

  deleteBranch(branch: Branch): void {
    this.events.push({ kind: 'delete-branch', ref: branch.ref });
  }

  private record(branch: Branch, extraParents: number[], author: DemoPerson, committer: DemoPerson, message: string, changes: DemoChange[]): number {
    const time = this.times[this.nextTime++];
    if (time === undefined) throw new Error('The demo history has more commits than planned.');
    const mark = ++this.mark;
    const parents = branch.tip === null ? extraParents : [branch.tip, ...extraParents];
    this.events.push({ kind: 'commit', commit: { mark, ref: branch.ref, parents, author, committer, time, message, changes } });
    branch.tip = mark;
    return mark;
  }
}
