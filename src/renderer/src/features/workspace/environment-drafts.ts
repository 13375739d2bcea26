import type { Environment, TargetKind } from '../../../../shared/domain/workspace';

/** An environment row being edited; `key` keeps React rows stable while names change. */
export interface EnvironmentDraftRow {
  readonly key: number;
  readonly name: string;
  readonly targetKind: TargetKind;
  readonly requiresApproval: boolean;
}

let nextKey = 1;

export function draftsOf(environments: readonly Environment[]): EnvironmentDraftRow[] {
  return [...environments]
    .sort((a, b) => a.position - b.position)
    .map((e) => ({ key: nextKey++, name: e.name, targetKind: e.targetKind, requiresApproval: e.requiresApproval }));
}

export function newDraft(): EnvironmentDraftRow {
  return { key: nextKey++, name: '', targetKind: 'docker', requiresApproval: false };
}

/** Moves row `index` by `delta` (−1 up, +1 down); out-of-range moves change nothing. */
export function moveRow<T>(rows: readonly T[], index: number, delta: number): T[] {
  const target = index + delta;
  if (index < 0 || index >= rows.length || target < 0 || target >= rows.length) return [...rows];
  const next = [...rows];
  const [row] = next.splice(index, 1);
  next.splice(target, 0, row as T);
  return next;
}
