/** The dependency graph of a pipeline's stages (`needs`): pure functions shared by validation and runner. */

export interface GraphNode {
  readonly name: string;
  readonly needs: readonly string[];
}

/**
 * A cycle in `needs`, as the names along it with the first repeated at the end (`a → b → a` is
 * `['a', 'b', 'a']`), or null. Needs that name no stage are ignored (validation reports them apart).
 */
export function findCycle(nodes: readonly GraphNode[]): readonly string[] | null {
  const byName = new Map(nodes.map((node) => [node.name, node]));
  const state = new Map<string, 'visiting' | 'done'>();
  const path: string[] = [];

  const visit = (name: string): readonly string[] | null => {
    const seen = state.get(name);
    if (seen === 'done') return null;
    if (seen === 'visiting') return [...path.slice(path.indexOf(name)), name];
    state.set(name, 'visiting');
    path.push(name);
    for (const need of byName.get(name)?.needs ?? []) {
      if (!byName.has(need)) continue;
      const cycle = visit(need);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(name, 'done');
    return null;
  };

  for (const node of nodes) {
    const cycle = visit(node.name);
    if (cycle) return cycle;
  }
  return null;
}

/**
 * Stages grouped by depth: level 0 needs nothing, level n needs something of level n−1 and nothing
 * deeper. Within a level, file order. For drawing the stage graph; throws on a cycle (validated away).
 */
export function topologicalLevels(nodes: readonly GraphNode[]): readonly (readonly string[])[] {
  const byName = new Map(nodes.map((node) => [node.name, node]));
  const depth = new Map<string, number>();
  const depthOf = (name: string, trail: ReadonlySet<string>): number => {
    const known = depth.get(name);
    if (known !== undefined) return known;
    if (trail.has(name)) throw new Error(`cycle through "${name}"`);
    const next = new Set(trail).add(name);
    const needs = (byName.get(name)?.needs ?? []).filter((need) => byName.has(need));
    const value = needs.length === 0 ? 0 : 1 + Math.max(...needs.map((need) => depthOf(need, next)));
    depth.set(name, value);
    return value;
  };
  const levels: string[][] = [];
  for (const node of nodes) {
    const level = depthOf(node.name, new Set());
    (levels[level] ??= []).push(node.name);
  }
  return levels.map((level) => level ?? []);
}

/** Every stage `name` depends on, directly or through others (not including itself). */
export function ancestors(nodes: readonly GraphNode[], name: string): ReadonlySet<string> {
  const byName = new Map(nodes.map((node) => [node.name, node]));
  const found = new Set<string>();
  const stack = [...(byName.get(name)?.needs ?? [])];
  while (stack.length > 0) {
    const next = stack.pop() as string;
    if (found.has(next) || !byName.has(next)) continue;
    found.add(next);
    stack.push(...(byName.get(next)?.needs ?? []));
  }
  return found;
}

/** Every stage that depends on `name`, directly or through others. */
export function dependents(nodes: readonly GraphNode[], name: string): ReadonlySet<string> {
  return new Set(nodes.filter((node) => ancestors(nodes, node.name).has(name)).map((node) => node.name));
}
