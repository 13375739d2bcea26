/**
 * Label and field selectors: the `labelSelector`/`fieldSelector` query syntax (`a=b,c!=d,e in (f,g),h,!i`)
 * and the structured `LabelSelector` of a spec (`matchLabels` and `matchExpressions`).
 */
import { badRequest } from './api-errors';
import { isJsonObject, stringMap, type JsonValue } from './json';
import { type KubeObject, labelsOf } from './object-meta';

export type Requirement =
  | { readonly key: string; readonly operator: 'in' | 'notin'; readonly values: readonly string[] }
  | { readonly key: string; readonly operator: 'exists' | 'doesnotexist' }
  | { readonly key: string; readonly operator: 'gt' | 'lt'; readonly value: number };

export type Selector = readonly Requirement[];

export function matchesLabels(selector: Selector, labels: Readonly<Record<string, string>>): boolean {
  return selector.every((requirement) => {
    const value = labels[requirement.key];
    switch (requirement.operator) {
      case 'in':
        return value !== undefined && requirement.values.includes(value);
      case 'notin':
        return value === undefined || !requirement.values.includes(value);
      case 'exists':
        return value !== undefined;
      case 'doesnotexist':
        return value === undefined;
      case 'gt':
        return value !== undefined && Number(value) > requirement.value;
      case 'lt':
        return value !== undefined && Number(value) < requirement.value;
    }
  });
}

/** Parses `labelSelector` query syntax; an empty string selects everything. */
export function parseLabelSelector(text: string): Selector {
  const requirements: Requirement[] = [];
  for (const term of splitTerms(text)) {
    const setMatch = /^([^\s!=<>]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(term);
    if (setMatch) {
      const values = (setMatch[3] ?? '').split(',').map((value) => value.trim()).filter((value) => value !== '');
      requirements.push({ key: setMatch[1] ?? '', operator: setMatch[2] === 'in' ? 'in' : 'notin', values });
      continue;
    }
    const comparison = /^([^\s!=<>]+)\s*(==|=|!=|>|<)\s*([^\s]*)$/.exec(term);
    if (comparison) {
      const key = comparison[1] ?? '';
      const operator = comparison[2];
      const value = comparison[3] ?? '';
      if (operator === '!=') requirements.push({ key, operator: 'notin', values: [value] });
      else if (operator === '>' || operator === '<') requirements.push({ key, operator: operator === '>' ? 'gt' : 'lt', value: Number(value) });
      else requirements.push({ key, operator: 'in', values: [value] });
      continue;
    }
    const existence = /^(!?)([^\s!=<>()]+)$/.exec(term);
    if (existence) {
      requirements.push({ key: existence[2] ?? '', operator: existence[1] === '!' ? 'doesnotexist' : 'exists' });
      continue;
    }
    throw badRequest(`unable to parse requirement: found '${term}', expected: identifier`);
  }
  return requirements;
}

/** Splits on commas that are not inside parentheses. */
function splitTerms(text: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of text) {
    if (char === '(') depth++;
    if (char === ')') depth--;
    if (char === ',' && depth === 0) {
      terms.push(current.trim());
      current = '';
    } else {
      current += char;
    }
  }
  if (current.trim() !== '') terms.push(current.trim());
  return terms.filter((term) => term !== '');
}

/** A spec's `LabelSelector` (`matchLabels` + `matchExpressions`) as requirements. */
export function fromLabelSelector(selector: JsonValue | undefined): Selector {
  if (!isJsonObject(selector)) return [];
  const requirements: Requirement[] = Object.entries(stringMap(selector['matchLabels'])).map(([key, value]) => ({
    key,
    operator: 'in' as const,
    values: [value]
  }));
  const expressions = selector['matchExpressions'];
  if (Array.isArray(expressions)) {
    for (const expression of expressions) {
      if (!isJsonObject(expression)) continue;
      const key = String(expression['key'] ?? '');
      const values = Array.isArray(expression['values']) ? expression['values'].map(String) : [];
      switch (expression['operator']) {
        case 'In':
          requirements.push({ key, operator: 'in', values });
          break;
        case 'NotIn':
          requirements.push({ key, operator: 'notin', values });
          break;
        case 'Exists':
          requirements.push({ key, operator: 'exists' });
          break;
        case 'DoesNotExist':
          requirements.push({ key, operator: 'doesnotexist' });
          break;
      }
    }
  }
  return requirements;
}

/** The selector printed as kubectl and the API print it (`app=web,tier in (a,b)`). */
export function formatSelector(selector: Selector): string {
  return selector
    .map((requirement) => {
      switch (requirement.operator) {
        case 'in':
          return requirement.values.length === 1 ? `${requirement.key}=${requirement.values[0] ?? ''}` : `${requirement.key} in (${requirement.values.join(',')})`;
        case 'notin':
          return requirement.values.length === 1 ? `${requirement.key}!=${requirement.values[0] ?? ''}` : `${requirement.key} notin (${requirement.values.join(',')})`;
        case 'exists':
          return requirement.key;
        case 'doesnotexist':
          return `!${requirement.key}`;
        case 'gt':
          return `${requirement.key}>${requirement.value}`;
        case 'lt':
          return `${requirement.key}<${requirement.value}`;
      }
    })
    .join(',');
}

export interface FieldRequirement {
  readonly path: readonly string[];
  readonly equals: boolean;
  readonly value: string;
}

/** Parses `fieldSelector` (`metadata.name=web`, `status.phase!=Running`); only = == != exist for fields. */
export function parseFieldSelector(text: string): readonly FieldRequirement[] {
  return splitTerms(text).map((term) => {
    const match = /^([A-Za-z0-9_.]+)\s*(==|=|!=)\s*(.*)$/.exec(term);
    if (!match) throw badRequest(`invalid selector: '${term}'; can't understand '${term}'`);
    return { path: (match[1] ?? '').split('.'), equals: match[2] !== '!=', value: match[3] ?? '' };
  });
}

export function matchesFields(requirements: readonly FieldRequirement[], object: KubeObject): boolean {
  return requirements.every((requirement) => {
    let current: JsonValue | undefined = object;
    for (const key of requirement.path) current = isJsonObject(current) ? current[key] : undefined;
    const actual = current === undefined || current === null ? '' : String(current);
    return (actual === requirement.value) === requirement.equals;
  });
}

export function objectMatches(object: KubeObject, labels: Selector, fields: readonly FieldRequirement[]): boolean {
  return matchesLabels(labels, labelsOf(object)) && matchesFields(fields, object);
}
