/** Validation shared by Deployments and ReplicaSets (selector, template labels, replicas, immutable selector). */
import { invalidValue, required, type FieldError } from '../api-errors';
import { isJsonObject, semanticEqual, stringMap, valueAt, type JsonValue } from '../json';
import { fromLabelSelector, matchesLabels } from '../selectors';
import type { KubeObject } from '../object-meta';
import { goLabelSelector, goStringMap } from './go-format';
import { validatePodSpec } from './pod-spec';

export function validateWorkload(object: KubeObject, old: KubeObject | null, kindWord: string): FieldError[] {
  const errors: FieldError[] = [];
  const spec = object['spec'];
  if (!isJsonObject(spec)) return [required('spec')];
  const replicas = spec['replicas'];
  if (typeof replicas === 'number' && replicas < 0) errors.push(invalidValue('spec.replicas', String(replicas), 'must be greater than or equal to 0'));
  const selector = spec['selector'];
  if (!isJsonObject(selector)) {
    errors.push(required('spec.selector'));
  } else if (fromLabelSelector(selector).length === 0) {
    errors.push(invalidValue('spec.selector', goLabelSelector(selector), `empty selector is invalid for ${kindWord}`));
  } else {
    const templateLabels = stringMap(valueAt(spec, ['template', 'metadata', 'labels']));
    if (!matchesLabels(fromLabelSelector(selector), templateLabels)) {
      errors.push(invalidValue('spec.template.metadata.labels', goStringMap(valueAt(spec, ['template', 'metadata', 'labels'])), '`selector` does not match template `labels`'));
    }
  }
  if (old && !semanticEqual(valueAt(old, ['spec', 'selector']), selector as JsonValue | undefined)) {
    errors.push(invalidValue('spec.selector', goLabelSelector(selector), 'field is immutable'));
  }
  errors.push(...validatePodSpec(valueAt(spec, ['template', 'spec']), 'spec.template.spec', ['Always']));
  const minReadySeconds = spec['minReadySeconds'];
  if (typeof minReadySeconds === 'number' && minReadySeconds < 0) {
    errors.push(invalidValue('spec.minReadySeconds', String(minReadySeconds), 'must be greater than or equal to 0'));
  }
  return errors;
}
