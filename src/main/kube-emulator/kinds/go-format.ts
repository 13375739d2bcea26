/** Values printed as Go's `%#v` prints them, because the API server puts those into Invalid messages. */
import { isJsonObject, stringMap, type JsonValue } from '../json';

export function goStringMap(value: JsonValue | undefined): string {
  if (!isJsonObject(value)) return 'map[string]string(nil)';
  const entries = Object.entries(stringMap(value)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `map[string]string{${entries.map(([key, item]) => `${JSON.stringify(key)}:${JSON.stringify(item)}`).join(', ')}}`;
}

export function goLabelSelector(value: JsonValue | undefined): string {
  const selector = isJsonObject(value) ? value : {};
  const expressions = selector['matchExpressions'];
  const expressionsText = Array.isArray(expressions) && expressions.length > 0
    ? `[]v1.LabelSelectorRequirement{${expressions
        .filter(isJsonObject)
        .map((expression) => `v1.LabelSelectorRequirement{Key:${JSON.stringify(String(expression['key'] ?? ''))}, Operator:${JSON.stringify(String(expression['operator'] ?? ''))}, Values:[]string{${(Array.isArray(expression['values']) ? expression['values'] : []).map((item) => JSON.stringify(String(item))).join(', ')}}}`)
        .join(', ')}}`
    : '[]v1.LabelSelectorRequirement(nil)';
  return `v1.LabelSelector{MatchLabels:${goStringMap(selector['matchLabels'])}, MatchExpressions:${expressionsText}}`;
}
