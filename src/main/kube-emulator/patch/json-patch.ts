/**
 * JSON Patch (RFC 6902), `application/json-patch+json`, worded in its errors as the API server's library
 * (evanphx/json-patch) words them, because clients show those messages.
 */
import { badRequest } from '../api-errors';
import { cloneJson, isJsonObject, semanticEqual, type JsonObject, type JsonValue } from '../json';

interface Operation {
  readonly op: string;
  readonly path: string;
  readonly from?: string;
  readonly value?: JsonValue;
}

export function applyJsonPatch(target: JsonValue, patch: JsonValue): JsonValue {
  if (!Array.isArray(patch)) throw badRequest('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  let document = cloneJson(target);
  for (const entry of patch) {
    const operation = parseOperation(entry);
    document = applyOperation(document, operation);
  }
  return document;
}

function parseOperation(entry: JsonValue): Operation {
  if (!isJsonObject(entry)) throw badRequest('json: cannot unmarshal value into Go value of type jsonpatch.Operation');
  const op = entry['op'];
  const path = entry['path'];
  if (typeof op !== 'string') throw badRequest('Unexpected kind: unknown');
  if (typeof path !== 'string') throw badRequest(`${op} operation missing path`);
  const operation: { op: string; path: string; from?: string; value?: JsonValue } = { op, path };
  if (typeof entry['from'] === 'string') operation.from = entry['from'];
  if ('value' in entry) operation.value = entry['value'] ?? null;
  return operation;
}

function applyOperation(document: JsonValue, operation: Operation): JsonValue {
  switch (operation.op) {
    case 'add':
      return add(document, operation.path, requireValue(operation));
    case 'remove':
      return remove(document, operation.path).document;
    case 'replace': {
      const { document: without } = remove(document, operation.path, 'replace');
      return add(without, operation.path, requireValue(operation));
    }
    case 'move': {
      const from = requireFrom(operation);
      const { document: without, removed } = remove(document, from, 'move');
      return add(without, operation.path, removed);
    }
    case 'copy':
      return add(document, operation.path, cloneJson(get(document, requireFrom(operation), 'copy')));
    case 'test': {
      const actual = get(document, operation.path, 'test');
      if (!semanticEqual(actual, requireValue(operation))) throw badRequest(`testing value ${operation.path} failed: test failed`);
      return document;
    }
    default:
      throw badRequest(`Unexpected kind: ${operation.op}`);
  }
}

function requireValue(operation: Operation): JsonValue {
  if (operation.value === undefined) throw badRequest(`${operation.op} operation, missing value field`);
  return operation.value;
}

function requireFrom(operation: Operation): string {
  if (operation.from === undefined) throw badRequest(`${operation.op} operation, missing from field`);
  return operation.from;
}

function tokens(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/')) throw badRequest(`json pointer must start with /: ${path}`);
  return path
    .slice(1)
    .split('/')
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function parentOf(document: JsonValue, path: string, op: string): { parent: JsonObject | JsonValue[]; key: string } {
  const parts = tokens(path);
  const key = parts.pop();
  if (key === undefined) throw badRequest(`${op} operation does not apply: doc is missing path: "${path}"`);
  let current: JsonValue = document;
  for (const part of parts) {
    const next: JsonValue | undefined = Array.isArray(current) ? current[Number(part)] : isJsonObject(current) ? current[part] : undefined;
    if (next === undefined || next === null || (typeof next !== 'object')) {
      throw badRequest(`${op} operation does not apply: doc is missing path: "${path}": missing value`);
    }
    current = next;
  }
  if (!Array.isArray(current) && !isJsonObject(current)) throw badRequest(`${op} operation does not apply: doc is missing path: "${path}"`);
  return { parent: current, key };
}

function get(document: JsonValue, path: string, op: string): JsonValue {
  if (path === '') return document;
  const { parent, key } = parentOf(document, path, op);
  const value = Array.isArray(parent) ? parent[Number(key)] : parent[key];
  if (value === undefined) throw badRequest(`${op} operation does not apply: doc is missing path: "${path}": missing value`);
  return value;
}

function add(document: JsonValue, path: string, value: JsonValue): JsonValue {
  if (path === '') return cloneJson(value);
  const { parent, key } = parentOf(document, path, 'add');
  if (Array.isArray(parent)) {
    const index = key === '-' ? parent.length : Number(key);
    if (!Number.isInteger(index) || index < 0 || index > parent.length) throw badRequest(`add operation does not apply: doc is missing path: "${path}": Unable to access invalid index: ${key}`);
    parent.splice(index, 0, cloneJson(value));
  } else {
    parent[key] = cloneJson(value);
  }
  return document;
}

function remove(document: JsonValue, path: string, op = 'remove'): { document: JsonValue; removed: JsonValue } {
  const { parent, key } = parentOf(document, path, op);
  if (Array.isArray(parent)) {
    const index = Number(key);
    if (!Number.isInteger(index) || index < 0 || index >= parent.length) throw badRequest(`${op} operation does not apply: doc is missing path: "${path}": Unable to access invalid index: ${key}`);
    const [removed] = parent.splice(index, 1);
    return { document, removed: removed ?? null };
  }
  if (!(key in parent)) {
    const wording = op === 'replace' ? `replace operation does not apply: doc is missing key: ${path}: missing value` : `${op} operation does not apply: doc is missing path: "${path}": missing value`;
    throw badRequest(wording);
  }
  const removed = parent[key] ?? null;
  delete parent[key];
  return { document, removed };
}
