/** Reading a request body as JSON (or YAML, which kubectl never sends but curl users might). */
import type http from 'node:http';
import { parse as parseYaml } from 'yaml';
import { badRequest } from '../api-errors';
import type { JsonValue } from '../json';

const MAX_BODY_BYTES = 3 * 1024 * 1024;

export async function readBody(request: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw badRequest('the request body is larger than the emulator accepts (3 MiB)');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function parseBody(text: string, contentType: string): JsonValue {
  if (text.trim() === '') return null;
  if (contentType.includes('yaml')) {
    try {
      return parseYaml(text) as JsonValue;
    } catch (error) {
      throw badRequest(`error converting YAML to JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  try {
    return JSON.parse(text) as JsonValue;
  } catch (error) {
    throw badRequest(`couldn't get version/kind; json parse error: ${error instanceof Error ? error.message : String(error)}`);
  }
}
