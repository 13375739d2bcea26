/**
 * A stage's log as a stream: what is on disk from `fromLine`, then each new batch as the runner writes
 * it, ending once the stage has finished and every line was sent. Lines are always read back from the
 * log file, so a resumed or late subscriber sees exactly what is on disk, numbered as there.
 */
import type { LogLine } from '../../../shared/domain/pipeline/run-events';
import type { RunLogPort } from '../../ports/run-logs';
import type { RunManager } from './run-manager';
import { logName } from './run-manager';

const PAGE = 2000;
/** How often a stage run by another Shipdeck process (the CLI) is looked at again: its lines come from disk. */
const OTHER_PROCESS_POLL_MS = 250;

export async function followLog(
  logs: RunLogPort,
  runs: Pick<RunManager, 'live'>,
  /** Whether the store still says the stage is running (another process may be running it). */
  stillRunning: () => boolean,
  request: { readonly runId: number; readonly stage: string; readonly fromLine: number },
  push: (line: LogLine) => void,
  signal: AbortSignal
): Promise<void> {
  const name = logName(request.runId);
  let next = request.fromLine;
  const drain = async () => {
    for (;;) {
      if (signal.aborted) return;
      const lines = await logs.read(name, request.stage, next, PAGE);
      for (const line of lines) push(line);
      next += lines.length;
      if (lines.length < PAGE) return;
    }
  };
  for (;;) {
    const live = runs.live(request.runId);
    // Decide before reading: a stage that had finished by now has every line on disk.
    const elsewhere = live === null && stillRunning();
    const finished = live === null ? !elsewhere : live.stageFinished(request.stage);
    const change = live?.nextChange(signal) ?? (elsewhere ? pause(OTHER_PROCESS_POLL_MS, signal) : undefined);
    await drain();
    if (finished || signal.aborted) return;
    await change;
  }
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
