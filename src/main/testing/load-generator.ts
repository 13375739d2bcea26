/**
 * A steady HTTP load on 127.0.0.1, bounded in rate and time, that records every response: when it came,
 * what it said (the body, e.g. the version an instance reports) or how it failed. For tests and the
 * benchmark of releases under load (weights, zero failed requests, time until a version serves all).
 */
import http from 'node:http';

export interface LoadSample {
  /** ms since the load started, when the response ended. */
  readonly at: number;
  readonly status: number | null;
  readonly body: string | null;
  readonly error: string | null;
  readonly pool: string | null;
  /** Sent again once: the kept-alive connection it went out on was closed before any answer (as browsers do). */
  readonly retried: boolean;
}

export interface LoadOptions {
  readonly url: string;
  readonly requestsPerSecond: number;
  /** Upper bound; `stop()` ends it sooner. */
  readonly maxSeconds: number;
  readonly concurrency?: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly timeoutMs?: number;
}

export interface RunningLoad {
  /** ms since start, on the load's clock. */
  now(): number;
  readonly samples: LoadSample[];
  stop(): Promise<LoadSample[]>;
  readonly done: Promise<LoadSample[]>;
}

export function startLoad(options: LoadOptions): RunningLoad {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency ?? 16 });
  const started = performance.now();
  const now = () => performance.now() - started;
  const samples: LoadSample[] = [];
  const interval = 1000 / options.requestsPerSecond;
  const limit = Math.ceil(options.requestsPerSecond * options.maxSeconds);
  let stopped = false;
  let inFlight = 0;
  let sent = 0;
  let resolveDone: (value: LoadSample[]) => void = () => undefined;
  const done = new Promise<LoadSample[]>((resolve) => (resolveDone = resolve));

  const finishIfIdle = () => {
    if ((stopped || sent >= limit) && inFlight === 0) {
      agent.destroy();
      resolveDone(samples);
    }
  };
  const fire = () => {
    sent++;
    inFlight++;
    send(false);
  };
  const send = (retried: boolean) => {
    // The second try goes out on a new connection (as browsers do): the pool's other idle connections
    // may belong to the same closing nginx worker.
    const request = http.get(options.url, { agent: retried ? false : agent, headers: options.headers, timeout: options.timeoutMs ?? 5000 }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const pool = response.headers['x-shipdeck-pool'];
        samples.push({ at: now(), status: response.statusCode ?? null, body: Buffer.concat(chunks).toString('utf8').trim(), error: null, pool: typeof pool === 'string' ? pool : null, retried });
        inFlight--;
        finishIfIdle();
      });
      response.on('error', (error) => record(error));
    });
    let answered = false;
    request.on('response', () => (answered = true));
    const record = (error: Error) => {
      // An idle kept-alive connection closed by the server (nginx's old workers after a reload) just as
      // it was reused: HTTP lets a client send an idempotent request again, and browsers do.
      if (!retried && !answered && request.reusedSocket && !stopped) return send(true);
      samples.push({ at: now(), status: null, body: null, error: error.message, pool: null, retried });
      inFlight--;
      finishIfIdle();
    };
    request.on('timeout', () => request.destroy(new Error('timed out')));
    request.on('error', record);
  };
  // Paced by the clock, not by responses: a slow answer does not lower the offered load.
  const tick = () => {
    if (stopped) return finishIfIdle();
    const due = Math.min(limit, Math.floor(now() / interval) + 1);
    while (sent < due) fire();
    if (sent >= limit) return finishIfIdle();
    setTimeout(tick, Math.max(1, interval / 2));
  };
  tick();
  return {
    now,
    samples,
    done,
    stop: () => {
      stopped = true;
      finishIfIdle();
      return done;
    }
  };
}

/** Failed requests: no response, or a 5xx. */
export const failedSamples = (samples: readonly LoadSample[]): LoadSample[] => samples.filter((sample) => sample.status === null || sample.status >= 500);

/** The time (on the load's clock) from which every response carries `body`, or null when it never settles. */
export function settledOn(samples: readonly LoadSample[], body: string, after: number): number | null {
  const sorted = [...samples].filter((sample) => sample.at >= after).sort((a, b) => a.at - b.at);
  let from: number | null = null;
  for (const sample of sorted) {
    if (sample.body === body && sample.status === 200) from ??= sample.at;
    else from = null;
  }
  return from;
}
