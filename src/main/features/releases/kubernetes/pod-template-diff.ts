/**
 * What a rollback changes in a workload's pod template: every leaf that differs between the template
 * running now and the one it goes back to (image, env, resources, probes…), as `path: from → to`. The
 * labels the controllers add (pod-template-hash) are not a difference a person made.
 */
import type { SettingChange } from '../../../../shared/domain/environment-settings';

const IGNORED = new Set(['metadata.labels.pod-template-hash', 'metadata.labels.rollouts-pod-template-hash', 'metadata.creationTimestamp']);
const LIMIT = 60;

type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };

const isObject = (value: unknown): value is Record<string, Json> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Lists of named things (containers, env, ports, volumes) are keyed by name so a reorder is not a change. */
function keyed(list: readonly Json[]): Record<string, Json> | null {
  if (!list.every((item) => isObject(item) && typeof item['name'] === 'string')) return null;
  return Object.fromEntries(list.map((item) => [String((item as Record<string, Json>)['name']), item]));
}

function flatten(value: unknown, path: string, out: Map<string, string>): void {
  if (Array.isArray(value)) {
    const byName = keyed(value as Json[]);
    if (byName !== null && value.length > 0) {
      for (const [name, item] of Object.entries(byName)) flatten(item, `${path}[${name}]`, out);
      return;
    }
    value.forEach((item, index) => flatten(item, `${path}[${index}]`, out));
    if (value.length === 0) out.set(path, '[]');
    return;
  }
  if (isObject(value)) {
    const entries = Object.entries(value);
    for (const [key, item] of entries) flatten(item, path === '' ? key : `${path}.${key}`, out);
    return;
  }
  if (value !== undefined && value !== null) out.set(path, typeof value === 'string' ? value : JSON.stringify(value));
}

export function diffPodTemplates(now: unknown, then: unknown): SettingChange[] {
  const before = new Map<string, string>();
  const after = new Map<string, string>();
  flatten(now, '', before);
  flatten(then, '', after);
  const paths = [...new Set([...before.keys(), ...after.keys()])].filter((path) => !IGNORED.has(path)).sort();
  const changes = paths
    .map((path) => ({ setting: path, from: before.get(path) ?? '(none)', to: after.get(path) ?? '(none)' }))
    .filter((change) => change.from !== change.to);
  return changes.length > LIMIT ? [...changes.slice(0, LIMIT), { setting: '…', from: '', to: `${changes.length - LIMIT} more differences` }] : changes;
}
