// The last lines an instance wrote, stdout and stderr together (the engine sends them multiplexed when
// the container has no TTY, which Shipdeck's instances never have).
import { statusCodeOf, toAppError } from './docker-errors';
import type { Engine } from './docker-engine';
import { MultiplexedLines } from './output-lines';

/** A multiplexed stream starts with a frame header: stream type 0–2, then three zero bytes. */
function isMultiplexed(bytes: Buffer): boolean {
  return bytes.length >= 8 && (bytes[0] ?? 3) <= 2 && bytes[1] === 0 && bytes[2] === 0 && bytes[3] === 0;
}

export function logLines(bytes: Buffer): string[] {
  if (!isMultiplexed(bytes)) return bytes.toString('utf8').split('\n').filter((line, index, all) => line !== '' || index < all.length - 1);
  const lines: string[] = [];
  const splitter = new MultiplexedLines((line) => lines.push(line.text));
  splitter.push(bytes);
  splitter.end();
  return lines;
}

/** Up to `count` last lines; none when the container is gone. */
export async function lastLogLines(engine: Engine, id: string, count: number): Promise<string[]> {
  if (count <= 0) return [];
  try {
    const bytes = await engine.docker.getContainer(id).logs({ stdout: true, stderr: true, tail: count, follow: false });
    return logLines(Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes)).slice(-count);
  } catch (error) {
    if (statusCodeOf(error) === 404) return [];
    throw toAppError(error, { endpoint: engine.info.endpoint, what: `Reading the logs of ${id}` });
  }
}
