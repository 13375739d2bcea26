/**
 * How the demo image of shop-api behaves under traffic, so a canary analysis has something real to judge:
 * each request to `/` goes through a busybox httpd CGI that sleeps its latency, answers 500 at the build's
 * error rate and counts the request; `/metrics` renders the counts in the Prometheus text format
 * (`http_requests_total{code}` and the `http_request_duration_seconds` histogram, the series the built-in
 * analysis queries read; the service, environment and role labels come from Shipdeck's scrape targets).
 * The rates are written from the version into the image's `behaviour` file: the live demo's newer build
 * (`…-live`) errs ten times as often and is twice as slow, so its canary fails its analysis.
 * The approach is that of the test image in src/main/testing/metrics-server-image.ts.
 */

export interface DemoServiceBehaviour {
  /** Share of requests to `/` answered 500, 0..1. */
  readonly errorRate: number;
  /** Latency in ms: base + spread × u³, u uniform (p50 ≈ base + spread/8, p95 ≈ base + 0.86 × spread). */
  readonly latencyMs: { readonly base: number; readonly spread: number };
}

/** 0.5 % errors, p95 about 50 ms. */
export const HEALTHY_BEHAVIOUR: DemoServiceBehaviour = { errorRate: 0.005, latencyMs: { base: 10, spread: 47 } };
/** 5 % errors, p95 about 100 ms: what the live demo's newer build ships, a regression to catch. */
export const REGRESSED_BEHAVIOUR: DemoServiceBehaviour = { errorRate: 0.05, latencyMs: { base: 20, spread: 94 } };

/** The live demo's newer versions (see newerLiveVersion) carry the regression; every other version is healthy. */
export const behaviourOf = (version: string): DemoServiceBehaviour => (version.endsWith('-live') ? REGRESSED_BEHAVIOUR : HEALTHY_BEHAVIOUR);

const perTenThousand = (share: number): number => Math.round(Math.min(1, Math.max(0, share)) * 10_000);

/** The `behaviour` file (sh assignments the CGI sources), written from the version. */
export function behaviourFile(version: string): string {
  const behaviour = behaviourOf(version);
  return [
    `# How shop-api ${version} behaves in the demo: the share of requests answered 500 (per 10 000) and its`,
    '# latency in µs (base + spread × u³). Read by www/cgi-bin/index.cgi on every request.',
    `ERRORS_PER_10000=${perTenThousand(behaviour.errorRate)}`,
    `LATENCY_BASE_US=${Math.round(behaviour.latencyMs.base * 1000)}`,
    `LATENCY_SPREAD_US=${Math.round(behaviour.latencyMs.spread * 1000)}`,
    ''
  ].join('\n');
}

/**
 * The CGI behind `/` and `/metrics/` (busybox httpd runs cgi-bin/index.cgi for a folder without
 * index.html; the Dockerfile moves the page out of the way and makes the metrics folder). busybox ash's
 * $RANDOM is 0..32767. One appended write per request line: a reader sees whole lines (the trailing "."
 * marks a complete one).
 */
export const INDEX_CGI = `#!/bin/sh
# Serves / with this build's error rate and latency, counting each request; /metrics renders the counts.
. /srv/behaviour
case "$REQUEST_URI" in
  /metrics*)
    printf 'Status: 200 OK\\r\\nContent-Type: text/plain; version=0.0.4\\r\\n\\r\\n'
    touch /tmp/requests
    awk '
BEGIN { nb = split("0.005 0.01 0.025 0.05 0.075 0.1 0.25 0.5 1 2.5", le, " ") }
NF == 3 && $3 == "." {
  n++; codes[$1]++; d = $2 / 1000000; sum += d
  for (i = 1; i <= nb; i++) if (d <= le[i] + 0) bucket[i]++
}
END {
  print "# HELP http_requests_total Requests to /, by status code."
  print "# TYPE http_requests_total counter"
  print "http_requests_total{code=\\"200\\"} " codes["200"] + 0
  print "http_requests_total{code=\\"500\\"} " codes["500"] + 0
  print "# HELP http_request_duration_seconds Time to answer a request to /."
  print "# TYPE http_request_duration_seconds histogram"
  for (i = 1; i <= nb; i++) print "http_request_duration_seconds_bucket{le=\\"" le[i] "\\"} " bucket[i] + 0
  print "http_request_duration_seconds_bucket{le=\\"+Inf\\"} " n + 0
  print "http_request_duration_seconds_sum " sum + 0
  print "http_request_duration_seconds_count " n + 0
}' /tmp/requests
    exit 0 ;;
esac
r=$RANDOM
us=$(( LATENCY_BASE_US + LATENCY_SPREAD_US * r / 32768 * r / 32768 * r / 32768 ))
usleep "$us"
if [ $(( RANDOM % 10000 )) -lt "$ERRORS_PER_10000" ]; then code=500; else code=200; fi
echo "$code $us ." >> /tmp/requests
if [ "$code" = 500 ]; then
  printf 'Status: 500 Internal Server Error\\r\\nContent-Type: text/plain\\r\\n\\r\\nshop-api could not answer, try again.\\n'
else
  printf 'Status: 200 OK\\r\\nContent-Type: text/html\\r\\n\\r\\n'
  cat /srv/index.html
fi
`;
