/** The resource types the emulator serves, looked up by path segments or by kind. */
import { apiVersionOf, resourceKey, type ResourceType } from './resource-type';

export class TypeRegistry {
  private readonly types: ResourceType[] = [];

  constructor(initial: readonly ResourceType[]) {
    for (const type of initial) this.add(type);
  }

  add(type: ResourceType): void {
    if (this.types.some((existing) => resourceKey(existing) === resourceKey(type) && existing.version === type.version)) return;
    this.types.push(type);
  }

  all(): readonly ResourceType[] {
    return this.types;
  }

  find(group: string, version: string, resource: string): ResourceType | undefined {
    return this.types.find((type) => type.group === group && type.version === version && type.resource === resource);
  }

  byKind(apiVersion: string, kind: string): ResourceType | undefined {
    return this.types.find((type) => apiVersionOf(type) === apiVersion && type.kind === kind);
  }

  groups(): { name: string; versions: string[] }[] {
    const groups = new Map<string, string[]>();
    for (const type of this.types) {
      const versions = groups.get(type.group) ?? [];
      if (!versions.includes(type.version)) versions.push(type.version);
      groups.set(type.group, versions);
    }
    return [...groups.entries()].map(([name, versions]) => ({ name, versions }));
  }
}
