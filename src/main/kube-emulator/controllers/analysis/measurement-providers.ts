/**
 * Taking one measurement of an AnalysisRun metric, for the providers the emulator can query without
 * running anything: `web` (GET a JSON document, pick a value with a simple JSONPath) and `prometheus`
 * (an instant query; a vector becomes a list of numbers, as in Argo Rollouts). Only loopback addresses
 * are measured — the emulator is a local test tool.
 */
import http from 'node:http';
import https from 'node:https';
import { isJsonObject, type JsonObject, type JsonValue } from '../../json';
import type { ExpressionValue } from './condition-expression';

export interface Measured {
  readonly result: ExpressionValue;
  /** The value as the measurement records it (a string, as in Argo). */
  readonly value: string;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);
const TIMEOUT_MS = 10_000;

export async function measure(provider: JsonObject): Promise<Measured> {
  const web = provider['web'];
  if (isJsonObject(web)) return measureWeb(web);
  const prometheus = provider['prometheus'];
  if (isJsonObject(prometheus)) return measurePrometheus(prometheus);
  const kinds = Object.keys(provider).join(', ') || 'none';
  throw new Error(`the emulator measures only the web and prometheus providers (this metric uses: ${kinds})`);
}

async function measureWeb(web: JsonObject): Promise<Measured> {
  const url = String(web['url'] ?? '');
  const headers: Record<string, string> = {};
  const headerList = web['headers'];
  if (Array.isArray(headerList)) for (const header of headerList) if (isJsonObject(header)) headers[String(header['key'])] = String(header['value'] ?? '');
  const body = await getJson(url, headers);
  const jsonPath = typeof web['jsonPath'] === 'string' ? web['jsonPath'] : '{$}';
  const picked = pick(body, jsonPath);
  return { result: picked as ExpressionValue, value: formatValue(picked) };
}

async function measurePrometheus(prometheus: JsonObject): Promise<Measured> {
  const address = String(prometheus['address'] ?? '').replace(/\/+$/, '');
  const query = String(prometheus['query'] ?? '');
  const body = await getJson(`${address}/api/v1/query?query=${encodeURIComponent(query)}`, {});
  if (!isJsonObject(body) || body['status'] !== 'success' || !isJsonObject(body['data'])) throw new Error(`Prometheus answered without data: ${JSON.stringify(body).slice(0, 200)}`);
  const data = body['data'];
  const resultType = data['resultType'];
  const result = data['result'];
  if (resultType === 'vector' && Array.isArray(result)) {
    const values = result.map((sample) => Number(isJsonObject(sample) && Array.isArray(sample['value']) ? sample['value'][1] : Number.NaN));
    return { result: values, value: `[${values.join(' ')}]` };
  }
  if (resultType === 'scalar' && Array.isArray(result)) {
    const value = Number(result[1]);
    return { result: value, value: String(value) };
  }
  throw new Error(`Prometheus result type ${String(resultType)} is not supported by the emulator`);
}

function getJson(address: string, headers: Record<string, string>): Promise<JsonValue> {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return Promise.reject(new Error(`not a URL: ${address}`));
  }
  if (!LOOPBACK.has(url.hostname)) return Promise.reject(new Error(`the emulator only measures loopback addresses, not ${url.hostname}`));
  return new Promise((resolve, reject) => {
    const client = url.protocol === 'https:' ? https : http;
    const request = client.get(url, { headers: { Accept: 'application/json', ...headers }, timeout: TIMEOUT_MS }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        if ((response.statusCode ?? 0) >= 300) return reject(new Error(`received non 2xx response code: ${response.statusCode ?? 0}`));
        try {
          resolve(JSON.parse(text) as JsonValue);
        } catch {
          reject(new Error(`could not parse JSON body: ${text.slice(0, 200)}`));
        }
      });
    });
    request.on('timeout', () => request.destroy(new Error('timed out')));
    request.on('error', reject);
  });
}

/** `{$.data.ok}`, `$.items[0].value` — the part of JSONPath Argo's web metrics use. */
function pick(document: JsonValue, jsonPath: string): JsonValue {
  const path = jsonPath.replace(/^\{/, '').replace(/\}$/, '').replace(/^\$\.?/, '');
  let current: JsonValue = document;
  for (const part of path.match(/[^.[\]]+|\[\d+\]/g) ?? []) {
    if (part.startsWith('[')) current = Array.isArray(current) ? (current[Number(part.slice(1, -1))] ?? null) : null;
    else current = isJsonObject(current) ? (current[part] ?? null) : null;
  }
  return current;
}

function formatValue(value: JsonValue): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
