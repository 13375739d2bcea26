/**
 * What the emulator knows about one kind of resource: its names in the API (for discovery and routing),
 * how it is defaulted, validated and printed as a table, and the rules the API server applies to it on
 * writes (generation, status subresource, patch strategies).
 */
import type { FieldError } from './api-errors';
import type { JsonValue } from './json';
import type { KubeObject } from './object-meta';
import type { PatchSchema } from './patch/strategic-merge-patch';

export type Verb = 'get' | 'list' | 'watch' | 'create' | 'update' | 'patch' | 'delete' | 'deletecollection';

export const ALL_VERBS: readonly Verb[] = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

export interface TableColumn {
  readonly name: string;
  readonly type: 'string' | 'integer' | 'date' | 'number' | 'boolean';
  readonly format?: 'name';
  readonly description: string;
  /** 1 = only with `-o wide`. */
  readonly priority?: number;
}

/** When metadata.generation goes up on an update. */
export type GenerationRule = 'none' | 'spec' | 'spec-and-annotations' | 'all-but-metadata-and-status';

export interface WriteContext {
  /** Allocates a service ClusterIP and the like. */
  readonly allocateClusterIp: () => string;
}

export interface ResourceType {
  readonly group: string;
  readonly version: string;
  /** The plural resource name used in paths ("deployments"). */
  readonly resource: string;
  readonly singular: string;
  readonly kind: string;
  readonly namespaced: boolean;
  readonly shortNames: readonly string[];
  readonly categories: readonly string[];
  readonly verbs: readonly Verb[];
  readonly subresources: readonly ('status' | 'scale')[];
  /** Built-in kinds: strategic merge patch accepted, list items carry no kind/apiVersion. */
  readonly builtIn: boolean;
  readonly patchSchema: PatchSchema;
  readonly generation: GenerationRule;
  readonly table: {
    readonly columns: readonly TableColumn[];
    readonly cells: (object: KubeObject, now: Date) => JsonValue[];
  };
  /** Fills in what the API server defaults (mutates). */
  readonly applyDefaults?: (object: KubeObject) => void;
  /** Sets what the server sets on create (status, allocated fields; mutates). */
  readonly prepareForCreate?: (object: KubeObject, context: WriteContext) => void;
  readonly validate?: (object: KubeObject, old: KubeObject | null) => FieldError[];
  /** The scale subresource: where replicas live and the selector printed in `status.selector`. */
  readonly scale?: { readonly selector: (object: KubeObject) => string };
}

export function apiVersionOf(type: Pick<ResourceType, 'group' | 'version'>): string {
  return type.group === '' ? type.version : `${type.group}/${type.version}`;
}

export function resourceKey(type: Pick<ResourceType, 'group' | 'resource'>): string {
  return type.group === '' ? type.resource : `${type.resource}.${type.group}`;
}
