/** JSON Merge Patch (RFC 7386), `application/merge-patch+json`: objects merge, null deletes, the rest replaces. */
import { cloneJson, isJsonObject, type JsonValue } from '../json';

export function applyMergePatch(target: JsonValue, patch: JsonValue): JsonValue {
  if (!isJsonObject(patch)) return cloneJson(patch);
  const result = isJsonObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) {
      delete result[key];
    } else {
      result[key] = applyMergePatch(result[key] ?? null, value);
    }
  }
  return result;
}
