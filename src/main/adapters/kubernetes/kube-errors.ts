/**
 * client-node's failures (ApiException with a Status body, node-fetch's FetchError, exec-plugin errors)
 * as AppErrors that say what was refused and what to do. Credentials never reach a message: Status
 * messages do not carry them, and anything that looks like a bearer token is blanked regardless.
 */
import { AppError } from '../../../shared/result';

export interface ErrorScene {
  /** The context's name and API server URL. */
  readonly context: string;
  readonly server: string;
}

interface StatusBody {
  readonly message?: string;
  readonly reason?: string;
  readonly details?: { readonly causes?: readonly { readonly field?: string; readonly message?: string }[] };
}

const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'UND_ERR_SOCKET']);
const CERTIFICATE_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/;

export function redactCredentials(text: string): string {
  return text.replace(/(bearer\s+)\S+/gi, '$1[redacted]').replace(/("?token"?\s*[:=]\s*"?)[^\s",}]+/gi, '$1[redacted]');
}

function statusOf(body: unknown): StatusBody | null {
  if (typeof body === 'object' && body !== null) return body as StatusBody;
  if (typeof body !== 'string') return null;
  try {
    const parsed = JSON.parse(body) as unknown;
    return typeof parsed === 'object' && parsed !== null ? (parsed as StatusBody) : null;
  } catch {
    return null;
  }
}

function fieldOf(error: unknown, key: string): unknown {
  return typeof error === 'object' && error !== null ? (error as Record<string, unknown>)[key] : undefined;
}

function apiErrorOf(code: number, body: unknown, scene: ErrorScene): AppError {
  const status = statusOf(body);
  const message = redactCredentials(status?.message ?? (typeof body === 'string' && body !== '' ? body.slice(0, 300) : `HTTP ${code}`));
  switch (code) {
    case 401:
      return new AppError('KUBE_UNAUTHORIZED', `the credentials for context "${scene.context}" were refused by ${scene.server} (expired?)`, 'Renew them, e.g. log in again with your cloud CLI or refresh the exec plugin\'s token, then retry.');
    case 403:
      return new AppError('KUBE_FORBIDDEN', message, `Ask a cluster admin for this permission in context "${scene.context}", or use a context whose user has it.`);
    case 404:
      return new AppError('NOT_FOUND', message);
    case 409:
      return new AppError('KUBE_CONFLICT', message, 'Someone else changed the object at the same time; retry.');
    case 422: {
      const causes = (status?.details?.causes ?? []).map((cause) => (cause.field ? `${cause.field}: ${cause.message ?? ''}` : (cause.message ?? ''))).filter((text) => text !== '');
      const full = causes.length > 0 && !causes.every((cause) => message.includes(cause)) ? `${message} (${causes.join('; ')})` : message;
      return new AppError('KUBE_INVALID', redactCredentials(full));
    }
    default:
      return new AppError('KUBE_FAILED', `${message} (HTTP ${code} from ${scene.server}, context "${scene.context}")`);
  }
}

/** Maps anything a client-node call threw; an AppError passes through. */
export function kubeErrorOf(error: unknown, scene: ErrorScene): AppError {
  if (error instanceof AppError) return error;
  const name = fieldOf(error, 'name');
  if (name === 'AbortError') return new AppError('CANCELLED', 'cancelled');
  const httpCode = fieldOf(error, 'code');
  if (typeof httpCode === 'number' && 'body' in (error as object)) return apiErrorOf(httpCode, fieldOf(error, 'body'), scene);
  const statusCode = fieldOf(error, 'statusCode');
  if (typeof statusCode === 'number') return apiErrorOf(statusCode, null, scene);
  const message = redactCredentials(error instanceof Error ? error.message : String(error));
  const errno = typeof httpCode === 'string' ? httpCode : fieldOf(error, 'errno');
  if (typeof errno === 'string' && UNREACHABLE_CODES.has(errno)) {
    return new AppError('TARGET_UNREACHABLE', `no Kubernetes API server answers at ${scene.server} (context "${scene.context}"): ${errno}`, 'Check that the cluster is running and reachable from here (VPN, port-forward, kind/minikube started), and that the kubeconfig points at the right server.');
  }
  if (fieldOf(error, 'type') === 'request-timeout') {
    return new AppError('TARGET_UNREACHABLE', `the Kubernetes API server at ${scene.server} (context "${scene.context}") did not answer in time`, 'Check the network path to the cluster.');
  }
  if (typeof errno === 'string' && CERTIFICATE_CODES.test(errno)) {
    return new AppError('KUBE_FAILED', `the API server at ${scene.server} (context "${scene.context}") presented a certificate that is not trusted: ${errno}`, 'Check the cluster\'s certificate-authority in the kubeconfig.');
  }
  const syscall = fieldOf(error, 'syscall');
  if (typeof syscall === 'string' && syscall.startsWith('spawn')) {
    return new AppError('KUBE_UNAUTHORIZED', `the exec credential plugin of context "${scene.context}" could not be started: ${message}`, 'Install the plugin named in the kubeconfig (e.g. your cloud CLI) or put it on PATH.');
  }
  return new AppError('KUBE_FAILED', `${message === '' ? 'the request failed' : message} (context "${scene.context}", ${scene.server})`);
}
