/**
 * Errors in the API server's `Status` format (`k8s.io/apimachinery/pkg/api/errors`): the same reasons,
 * codes and message wording a real server sends, so clients that branch on them (kubectl, client-node)
 * behave as they would against a cluster.
 */
import type { JsonObject } from './json';

export type StatusReason =
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'Invalid'
  | 'BadRequest'
  | 'Unauthorized'
  | 'Forbidden'
  | 'MethodNotAllowed'
  | 'UnsupportedMediaType'
  | 'NotAcceptable'
  | 'Expired'
  | 'Gone'
  | 'InternalError';

export interface StatusCause {
  readonly reason: string;
  readonly message: string;
  readonly field?: string;
}

export interface StatusDetails {
  readonly name?: string;
  readonly group?: string;
  readonly kind?: string;
  readonly uid?: string;
  readonly causes?: readonly StatusCause[];
}

/** The kind of thing an error is about, as a real server names it ("deployments.apps"). */
export interface QualifiedResource {
  readonly group: string;
  readonly resource: string;
}

export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: StatusReason,
    message: string,
    readonly details?: StatusDetails
  ) {
    super(message);
  }

  toStatus(): JsonObject {
    const status: JsonObject = {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      reason: this.reason
    };
    if (this.details) status['details'] = detailsJson(this.details);
    status['code'] = this.code;
    return status;
  }
}

function detailsJson(details: StatusDetails): JsonObject {
  const json: JsonObject = {};
  if (details.name !== undefined) json['name'] = details.name;
  if (details.group !== undefined && details.group !== '') json['group'] = details.group;
  if (details.kind !== undefined) json['kind'] = details.kind;
  if (details.uid !== undefined) json['uid'] = details.uid;
  if (details.causes) {
    json['causes'] = details.causes.map((cause) => {
      const item: JsonObject = { reason: cause.reason, message: cause.message };
      if (cause.field !== undefined) item['field'] = cause.field;
      return item;
    });
  }
  return json;
}

export function qualifiedName(resource: QualifiedResource): string {
  return resource.group === '' ? resource.resource : `${resource.resource}.${resource.group}`;
}

export function notFound(resource: QualifiedResource, name: string): ApiError {
  return new ApiError(404, 'NotFound', `${qualifiedName(resource)} "${name}" not found`, {
    name,
    group: resource.group,
    kind: resource.resource
  });
}

export function alreadyExists(resource: QualifiedResource, name: string): ApiError {
  return new ApiError(409, 'AlreadyExists', `${qualifiedName(resource)} "${name}" already exists`, {
    name,
    group: resource.group,
    kind: resource.resource
  });
}

export function conflict(resource: QualifiedResource, name: string, why: string): ApiError {
  return new ApiError(409, 'Conflict', `Operation cannot be fulfilled on ${qualifiedName(resource)} "${name}": ${why}`, {
    name,
    group: resource.group,
    kind: resource.resource
  });
}

export const STALE_OBJECT = 'the object has been modified; please apply your changes to the latest version and try again';

export interface FieldError {
  readonly type: 'FieldValueRequired' | 'FieldValueInvalid' | 'FieldValueNotSupported' | 'FieldValueDuplicate' | 'FieldValueForbidden';
  readonly field: string;
  /** The message after the field, e.g. `Invalid value: "x": must be …` or `Required value`. */
  readonly detail: string;
}

export function required(field: string, detail = ''): FieldError {
  return { type: 'FieldValueRequired', field, detail: detail === '' ? 'Required value' : `Required value: ${detail}` };
}

export function invalidValue(field: string, value: string, detail: string): FieldError {
  return { type: 'FieldValueInvalid', field, detail: `Invalid value: ${value}: ${detail}` };
}

export function forbidden(field: string, detail: string): FieldError {
  return { type: 'FieldValueForbidden', field, detail: `Forbidden: ${detail}` };
}

/** 422 Invalid, worded as `errors.NewInvalid`: `Kind.group "name" is invalid: [field: detail, …]`. */
export function invalid(kind: string, group: string, name: string, errors: readonly FieldError[]): ApiError {
  const qualifiedKind = group === '' ? kind : `${kind}.${group}`;
  const parts = errors.map((error) => `${error.field}: ${error.detail}`);
  const joined = parts.length === 1 ? (parts[0] ?? '') : `[${parts.join(', ')}]`;
  return new ApiError(422, 'Invalid', `${qualifiedKind} "${name}" is invalid: ${joined}`, {
    name,
    group,
    kind,
    causes: errors.map((error) => ({ reason: error.type, message: error.detail, field: error.field }))
  });
}

export function badRequest(message: string): ApiError {
  return new ApiError(400, 'BadRequest', message);
}

export function methodNotAllowed(): ApiError {
  return new ApiError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
}

export function resourceExpired(message: string): ApiError {
  return new ApiError(410, 'Expired', message);
}

export function unauthorized(): ApiError {
  return new ApiError(401, 'Unauthorized', 'Unauthorized');
}

export function forbiddenVerb(user: string, verb: string, resource: QualifiedResource, name: string, namespace: string): ApiError {
  const subject = name === '' ? qualifiedName(resource) : `${qualifiedName(resource)} "${name}"`;
  const group = `API group "${resource.group}"`;
  const where = namespace === '' ? 'at the cluster scope' : `in the namespace "${namespace}"`;
  const details: StatusDetails = name === '' ? { group: resource.group, kind: resource.resource } : { name, group: resource.group, kind: resource.resource };
  return new ApiError(403, 'Forbidden', `${subject} is forbidden: User "${user}" cannot ${verb} resource "${resource.resource}" in ${group} ${where}`, details);
}

export function pageNotFound(): ApiError {
  return new ApiError(404, 'NotFound', 'the server could not find the requested resource', {});
}
