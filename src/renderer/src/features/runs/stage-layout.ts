/**
 * Where each stage sits in the stage graph: its column is its dependency level (a stage with no needs is
 * level 0; otherwise one more than the deepest stage it needs), its row its place within that column.
 */
export interface PlacedStage {
  readonly name: string;
  readonly level: number;
  readonly row: number;
}

export function layoutStages(stages: readonly { readonly name: string; readonly needs: readonly string[] }[]): readonly PlacedStage[] {
  const byName = new Map(stages.map((stage) => [stage.name, stage]));
  const levels = new Map<string, number>();
  const levelOf = (name: string, seen: ReadonlySet<string>): number => {
    const known = levels.get(name);
    if (known !== undefined) return known;
    const needs = (byName.get(name)?.needs ?? []).filter((need) => byName.has(need) && !seen.has(need));
    const level = needs.length === 0 ? 0 : 1 + Math.max(...needs.map((need) => levelOf(need, new Set([...seen, name]))));
    levels.set(name, level);
    return level;
  };
  const rows = new Map<number, number>();
  return stages.map((stage) => {
    const level = levelOf(stage.name, new Set([stage.name]));
    const row = rows.get(level) ?? 0;
    rows.set(level, row + 1);
    return { name: stage.name, level, row };
  });
}
