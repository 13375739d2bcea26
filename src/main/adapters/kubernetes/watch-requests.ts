/**
 * The list half of list-then-watch: one page of a collection as plain JSON, with the kubeconfig's
 * credentials and TLS settings (client-node's generated clients would turn every item into model
 * classes first), and the failures of lists and watches put into a sentence for the board.
 */
import http from 'node:http';
import https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';

/** The API answered with an error status (the Status's message when it sent one). */
export class KubeRequestError extends Error {
  constructor(
    readonly statusCode: number,
    message: string
  ) {
    super(message);
    this.name = 'KubeRequestError';
  }
}

export interface ListPage {
  readonly items: readonly unknown[];
  readonly resourceVersion: string;
  /** The token for the next page; null on the last. */
  readonly continueToken: string | null;
}

/** The API server's URL in the config's current context (no credentials in it). */
export function serverOf(config: KubeConfig): string {
  const cluster = config.getCurrentCluster();
  if (!cluster) throw new Error(`the kubeconfig context "${config.getCurrentContext()}" names no cluster`);
  return cluster.server;
}

export async function listPage(config: KubeConfig, path: string, query: Readonly<Record<string, string>>, signal: AbortSignal): Promise<ListPage> {
  const url = new URL(serverOf(config) + path);
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  const options: https.RequestOptions = { method: 'GET', headers: {} };
  await config.applyToHTTPSOptions(options);
  options.headers = { ...options.headers, Accept: 'application/json' };
  const body = await new Promise<{ status: number; text: string }>((resolve, reject) => {
    const onResponse = (response: http.IncomingMessage) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    };
    const request = url.protocol === 'https:' ? https.request(url, { ...options, signal }, onResponse) : http.request(url, { ...options, signal }, onResponse);
    request.on('error', reject);
    request.end();
  });
  const parsed = parseJson(body.text);
  if (body.status < 200 || body.status > 299) throw new KubeRequestError(body.status, statusMessage(parsed) ?? (http.STATUS_CODES[body.status] ?? 'error'));
  const metadata = objectOf(objectOf(parsed)['metadata']);
  const items = objectOf(parsed)['items'];
  const continueToken = metadata['continue'];
  return {
    items: Array.isArray(items) ? items : [],
    resourceVersion: typeof metadata['resourceVersion'] === 'string' ? metadata['resourceVersion'] : '',
    continueToken: typeof continueToken === 'string' && continueToken !== '' ? continueToken : null
  };
}

const objectOf = (value: unknown): Record<string, unknown> => (value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {});

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** A Status object's message (an error response's body, or an in-stream ERROR event's object). */
export function statusMessage(status: unknown): string | null {
  const message = objectOf(status)['message'];
  return typeof message === 'string' && message !== '' ? message : null;
}

/** An HTTP status carried by an error from a list (KubeRequestError) or from client-node's Watch (`statusCode`). */
export function statusCodeOf(error: unknown): number | null {
  const code = objectOf(error)['statusCode'];
  return typeof code === 'number' ? code : null;
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'EAI_AGAIN', 'EPIPE']);

/** What went wrong while `doing` (e.g. `watching deployments in namespace "shop"`), in a sentence without credentials. */
export function describeWatchProblem(error: unknown, doing: string, server: string): string {
  const status = statusCodeOf(error);
  const message = error instanceof Error ? error.message : String(error);
  if (status === 401) return `The API server at ${server} refused the credentials (401 Unauthorized) while ${doing}: they expired or are wrong; renew them (e.g. log in to the cluster again).`;
  if (status === 403) return `Forbidden (403) while ${doing}: ${message}.`;
  if (status !== null) return `The API server at ${server} answered ${status} while ${doing}: ${message}.`;
  const code = objectOf(error)['code'];
  if ((typeof code === 'string' && UNREACHABLE.has(code)) || /ECONNREFUSED|ECONNRESET|ENOTFOUND|socket hang up/.test(message)) {
    return `Cannot reach the API server at ${server} while ${doing} (${message}).`;
  }
  if (code === 'ERR_STREAM_PREMATURE_CLOSE' || /premature close|aborted/i.test(message)) {
    return `The connection to the API server at ${server} dropped while ${doing} (${message}).`;
  }
  return `${doing[0]?.toUpperCase() ?? ''}${doing.slice(1)} failed: ${message}.`;
}
