/**
 * The envelope every contract call returns: a value, or an error with a stable code and a message a
 * person can act on. Errors cross process boundaries, so they are plain data, never Error instances.
 */

/** Stable error codes. The renderer and the CLI branch on these, so renaming one is a breaking change. */
export const ERROR_CODES = [
  'INVALID_INPUT',
  'INVALID_PIPELINE',
  'UNKNOWN_CALL',
  'NOT_FOUND',
  'ALREADY_EXISTS',
  'PATH_NOT_FOUND',
  'NOT_A_REPOSITORY',
  'EMPTY_REPOSITORY',
  'UNSAFE_REPOSITORY',
  'BAD_REF',
  'GIT_FAILED',
  'STORE_BUSY',
  'STORE_FAILED',
  'STORE_READ_ONLY',
  'STORE_CORRUPT',
  'STORE_TOO_NEW',
  'UNAUTHORIZED',
  'FORBIDDEN_SENDER',
  'REGISTRY_UNREACHABLE',
  'REGISTRY_AUTH_FAILED',
  'REGISTRY_DENIED',
  'REGISTRY_DELETE_DISABLED',
  'REGISTRY_FAILED',
  'CREDENTIALS_UNSAFE',
  'UNKNOWN_STREAM',
  'STREAM_GAP',
  'CANCELLED',
  'DOCKER_UNREACHABLE',
  'DOCKER_FAILED',
  'BUILD_FAILED',
  'PUSH_FAILED',
  'IMAGE_NOT_FOUND',
  'RELEASE_IN_PROGRESS',
  'RELEASE_REFUSED',
  'ROLLBACK_BLOCKED',
  'ENVIRONMENT_NOT_CONFIGURED',
  'INSTANCE_UNHEALTHY',
  'PORT_IN_USE',
  'ROUTER_CONFIG_INVALID',
  'ROUTER_FAILED',
  'TARGET_UNREACHABLE',
  'METRICS_UNREACHABLE',
  'METRICS_QUERY_FAILED',
  'KUBECONFIG_INVALID',
  'KUBE_UNAUTHORIZED',
  'KUBE_FORBIDDEN',
  'KUBE_CONFLICT',
  'KUBE_INVALID',
  'KUBE_FAILED',
  'ROLLOUT_FAILED',
  'INTERNAL'
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AppErrorData {
  readonly code: ErrorCode;
  /** What went wrong, in words the user understands. */
  readonly message: string;
  /** What to do about it, when there is something to do. */
  readonly hint?: string;
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: AppErrorData };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (error: AppErrorData): Result<never> => ({ ok: false, error });

/**
 * Thrown inside main by adapters and use cases; turned into a `{ ok: false }` envelope at the API edge.
 * Anything else that is thrown becomes INTERNAL.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly hint?: string;

  constructor(code: ErrorCode, message: string, hint?: string) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    if (hint !== undefined) this.hint = hint;
  }

  toData(): AppErrorData {
    return this.hint === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, hint: this.hint };
  }
}

export function isAppErrorData(value: unknown): value is AppErrorData {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { code?: unknown; message?: unknown };
  return (
    typeof candidate.code === 'string' &&
    (ERROR_CODES as readonly string[]).includes(candidate.code) &&
    typeof candidate.message === 'string'
  );
}
