/** Defaults and validation of a pod spec (`core/v1` SetDefaults_PodSpec, SetDefaults_Container, ValidatePodSpec). */
import { invalidValue, required, type FieldError } from '../api-errors';
import { isJsonObject, type JsonObject, type JsonValue } from '../json';

export function defaultPodSpec(spec: JsonObject): void {
  spec['dnsPolicy'] ??= 'ClusterFirst';
  spec['restartPolicy'] ??= 'Always';
  spec['schedulerName'] ??= 'default-scheduler';
  if (!isJsonObject(spec['securityContext'])) spec['securityContext'] = {};
  spec['terminationGracePeriodSeconds'] ??= 30;
  for (const field of ['containers', 'initContainers']) {
    const containers = spec[field];
    if (Array.isArray(containers)) for (const container of containers) if (isJsonObject(container)) defaultContainer(container);
  }
}

function defaultContainer(container: JsonObject): void {
  const image = typeof container['image'] === 'string' ? container['image'] : '';
  container['imagePullPolicy'] ??= pullPolicyFor(image);
  if (!isJsonObject(container['resources'])) container['resources'] = {};
  container['terminationMessagePath'] ??= '/dev/termination-log';
  container['terminationMessagePolicy'] ??= 'File';
  const ports = container['ports'];
  if (Array.isArray(ports)) for (const port of ports) if (isJsonObject(port)) port['protocol'] ??= 'TCP';
}

/** `Always` for `:latest` or no tag, `IfNotPresent` otherwise (a digest counts as pinned). */
function pullPolicyFor(image: string): string {
  if (image.includes('@')) return 'IfNotPresent';
  const lastPart = image.slice(image.lastIndexOf('/') + 1);
  const tag = lastPart.includes(':') ? lastPart.slice(lastPart.indexOf(':') + 1) : '';
  return tag === '' || tag === 'latest' ? 'Always' : 'IfNotPresent';
}

/** Pod-level defaults added on Pods (admission and defaulting), not on templates. */
export function defaultPodOnlyFields(spec: JsonObject): void {
  spec['enableServiceLinks'] ??= true;
  spec['preemptionPolicy'] ??= 'PreemptLowerPriority';
  spec['priority'] ??= 0;
  spec['serviceAccountName'] ??= 'default';
  spec['serviceAccount'] ??= 'default';
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export function validatePodSpec(spec: JsonValue | undefined, path: string, allowedRestartPolicies: readonly string[]): FieldError[] {
  const errors: FieldError[] = [];
  if (!isJsonObject(spec)) return [required(`${path}.containers`)];
  const containers = spec['containers'];
  if (!Array.isArray(containers) || containers.length === 0) errors.push(required(`${path}.containers`));
  const names = new Set<string>();
  (Array.isArray(containers) ? containers : []).forEach((container, index) => {
    const at = `${path}.containers[${index}]`;
    if (!isJsonObject(container)) {
      errors.push(required(at));
      return;
    }
    const name = container['name'];
    if (typeof name !== 'string' || name === '') {
      errors.push(required(`${at}.name`));
    } else if (!DNS_LABEL.test(name) || name.length > 63) {
      errors.push(
        invalidValue(
          `${at}.name`,
          JSON.stringify(name),
          "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"
        )
      );
    } else if (names.has(name)) {
      errors.push({ type: 'FieldValueDuplicate', field: `${at}.name`, detail: `Duplicate value: ${JSON.stringify(name)}` });
    } else {
      names.add(name);
    }
    const image = container['image'];
    if (typeof image !== 'string' || image.trim() === '') errors.push(required(`${at}.image`));
  });
  const restartPolicy = spec['restartPolicy'];
  if (typeof restartPolicy === 'string' && !allowedRestartPolicies.includes(restartPolicy)) {
    errors.push({
      type: 'FieldValueNotSupported',
      field: `${path}.restartPolicy`,
      detail: `Unsupported value: ${JSON.stringify(restartPolicy)}: supported values: ${allowedRestartPolicies.map((value) => JSON.stringify(value)).join(', ')}`
    });
  }
  return errors;
}

/** Template metadata as the server stores it: Go's zero time prints as `creationTimestamp: null`. */
export function defaultTemplateMetadata(template: JsonObject): void {
  const metadata = isJsonObject(template['metadata']) ? template['metadata'] : {};
  if (!('creationTimestamp' in metadata)) metadata['creationTimestamp'] = null;
  template['metadata'] = metadata;
}
