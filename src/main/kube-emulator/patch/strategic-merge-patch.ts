/**
 * Strategic merge patch (`application/strategic-merge-patch+json`) as `k8s.io/apimachinery/…/strategicpatch`
 * applies it, for the fields whose merge strategy the emulator knows (see `PatchSchema`): lists of objects
 * merged by their merge key (containers by name, env by name, ports by containerPort…), primitive lists
 * merged as sets, everything else replaced; and the directives kubectl sends: `$patch` (replace, delete,
 * merge), `$setElementOrder/<list>`, `$deleteFromPrimitiveList/<list>` and `$retainKeys`.
 */
import { badRequest } from '../api-errors';
import { cloneJson, isJsonObject, semanticEqual, type JsonObject, type JsonValue } from '../json';

export type FieldStrategy =
  | { readonly type: 'merge-by-key'; readonly mergeKey: string }
  | { readonly type: 'merge-set' }
  | { readonly type: 'retain-keys' };

/** The patch strategy of the field at a path of field names (list positions left out), if it has one. */
export type PatchSchema = (path: readonly string[]) => FieldStrategy | undefined;

const PATCH = '$patch';
const RETAIN_KEYS = '$retainKeys';
const SET_ORDER = '$setElementOrder/';
const DELETE_PRIMITIVE = '$deleteFromPrimitiveList/';

export function applyStrategicMergePatch(original: JsonValue, patch: JsonValue, schema: PatchSchema): JsonValue {
  if (!isJsonObject(patch)) throw badRequest('unable to find api field in struct for the patch: the patch must be a JSON object');
  const base = isJsonObject(original) ? cloneJson(original) : {};
  return mergeMap(base, patch, schema, []) ?? {};
}

function mergeMap(original: JsonObject, patch: JsonObject, schema: PatchSchema, path: readonly string[]): JsonObject | null {
  const directive = patch[PATCH];
  if (directive === 'delete') return null;
  if (directive === 'replace') return stripDirectives(withoutKey(patch, PATCH));
  if (directive !== undefined && directive !== 'merge') throw badRequest(`Unknown patch type: ${String(directive)}`);

  const retainKeys = patch[RETAIN_KEYS];
  for (const [key, patchValue] of Object.entries(patch)) {
    if (key === PATCH || key === RETAIN_KEYS || key.startsWith(SET_ORDER)) continue;
    if (key.startsWith(DELETE_PRIMITIVE)) {
      const field = key.slice(DELETE_PRIMITIVE.length);
      const current = original[field];
      if (Array.isArray(current) && Array.isArray(patchValue)) {
        original[field] = current.filter((item) => !patchValue.some((removed) => semanticEqual(removed, item)));
      }
      continue;
    }
    const fieldPath = [...path, key];
    if (patchValue === null) {
      delete original[key];
      continue;
    }
    const current = original[key];
    if (isJsonObject(patchValue)) {
      const merged = mergeMap(isJsonObject(current) ? current : {}, patchValue, schema, fieldPath);
      if (merged === null) delete original[key];
      else original[key] = merged;
      continue;
    }
    if (Array.isArray(patchValue)) {
      const order = patch[`${SET_ORDER}${key}`];
      original[key] = mergeList(Array.isArray(current) ? current : [], patchValue, schema, fieldPath, Array.isArray(order) ? order : undefined);
      continue;
    }
    original[key] = patchValue;
  }
  // `$setElementOrder` for a list the patch does not otherwise touch still reorders it.
  for (const [key, order] of Object.entries(patch)) {
    if (!key.startsWith(SET_ORDER) || !Array.isArray(order)) continue;
    const field = key.slice(SET_ORDER.length);
    if (field in patch) continue;
    const current = original[field];
    if (Array.isArray(current)) original[field] = reorder(current, order, schema(([...path, field])));
  }
  if (Array.isArray(retainKeys)) {
    const keep = new Set(retainKeys.filter((key): key is string => typeof key === 'string'));
    for (const key of Object.keys(original)) if (!keep.has(key)) delete original[key];
  }
  return original;
}

function mergeList(original: JsonValue[], patch: JsonValue[], schema: PatchSchema, path: readonly string[], order: JsonValue[] | undefined): JsonValue[] {
  const strategy = schema(path);
  if (strategy?.type === 'merge-set') {
    const result = [...original];
    for (const item of patch) if (!result.some((existing) => semanticEqual(existing, item))) result.push(item);
    return order ? reorder(result, order, strategy) : result;
  }
  if (strategy?.type !== 'merge-by-key') {
    // Lists without a merge strategy are replaced; a `$patch: replace` marker element is dropped.
    return patch.filter((item) => !(isJsonObject(item) && item[PATCH] === 'replace')).map(stripDirectivesValue);
  }
  const mergeKey = strategy.mergeKey;
  if (patch.some((item) => isJsonObject(item) && item[PATCH] === 'replace')) {
    return patch.filter((item) => !(isJsonObject(item) && item[PATCH] === 'replace')).map(stripDirectivesValue);
  }
  const result = original.map((item) => cloneJson(item));
  for (const item of patch) {
    if (!isJsonObject(item)) throw badRequest(`unable to find merge key "${mergeKey}" in a list element that is not an object`);
    if (!(mergeKey in item)) throw badRequest(`map: ${JSON.stringify(item)} does not contain declared merge key: ${mergeKey}`);
    const index = result.findIndex((existing) => isJsonObject(existing) && semanticEqual(existing[mergeKey], item[mergeKey]));
    if (item[PATCH] === 'delete') {
      if (index >= 0) result.splice(index, 1);
      continue;
    }
    const existing = index >= 0 ? result[index] : undefined;
    const merged = mergeMap(isJsonObject(existing) ? existing : {}, item, schema, path);
    if (merged === null) {
      if (index >= 0) result.splice(index, 1);
    } else if (index >= 0) {
      result[index] = merged;
    } else {
      result.push(merged);
    }
  }
  return order ? reorder(result, order, strategy) : result;
}

/**
 * Orders a merged list as `$setElementOrder` says; items the order does not name (only on the server)
 * stay right after the item that preceded them before.
 */
function reorder(items: JsonValue[], order: JsonValue[], strategy: FieldStrategy | undefined): JsonValue[] {
  const keyOf = (item: JsonValue): JsonValue | undefined =>
    strategy?.type === 'merge-by-key' ? (isJsonObject(item) ? item[strategy.mergeKey] : undefined) : item;
  const orderKey = (entry: JsonValue): JsonValue | undefined =>
    strategy?.type === 'merge-by-key' ? (isJsonObject(entry) ? entry[strategy.mergeKey] : undefined) : entry;
  const wanted = order.map(orderKey);
  const positionOf = (item: JsonValue): number => wanted.findIndex((key) => semanticEqual(key ?? null, keyOf(item) ?? null));
  const listed = items.filter((item) => positionOf(item) >= 0).sort((a, b) => positionOf(a) - positionOf(b));
  const result: JsonValue[] = [...listed];
  let insertAfter = -1;
  for (const item of items) {
    if (positionOf(item) >= 0) {
      insertAfter = result.indexOf(item);
      continue;
    }
    result.splice(insertAfter + 1, 0, item);
    insertAfter++;
  }
  return result;
}

function withoutKey(object: JsonObject, key: string): JsonObject {
  const copy = { ...object };
  delete copy[key];
  return copy;
}

function stripDirectives(object: JsonObject): JsonObject {
  const result: JsonObject = {};
  for (const [key, value] of Object.entries(object)) {
    if (key.startsWith('$')) continue;
    result[key] = stripDirectivesValue(value);
  }
  return result;
}

function stripDirectivesValue(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(stripDirectivesValue);
  if (isJsonObject(value)) return stripDirectives(value);
  return value;
}
