// A local test image of a service whose error rate and latency depend on its version, exposing Prometheus
// metrics: busybox httpd on 0.0.0.0:$PORT with a shell CGI. Each request to `/` sleeps its latency
// (base + spread × u³, u uniform: p50 ≈ base + spread/8, p95 ≈ base + 0.86 × spread), answers 500 with the
// version's error rate (by $RANDOM), counts a conversion with the version's conversion rate, and appends a
// line to counter files in /tmp (O_APPEND, one write per line). `/metrics` (redirected to `/metrics/`, which
// Prometheus follows) renders them with awk in the text format: `http_requests_total{service,version,code}`,
// the `http_request_duration_seconds` histogram, and `experiment_exposures_total` /
// `experiment_conversions_total`. `/healthz` answers 200. The version's parameters are baked in at build.
// Built `FROM busybox:1.36` (made locally by ensureBaseImage; nothing is pulled) with the legacy builder.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { versionTag } from '../adapters/docker/image-tags';
import { BASE_IMAGE } from './docker-fixtures';
import { buildTestImage, removeTestImage } from './build-test-image';

export const METRICS_SERVER_REPOSITORY = 'shipdeck-test/metrics-server';
export const METRICS_SERVER_HEALTH_PATH = '/healthz';

export interface MetricsServerBehaviour {
  /** Share of requests answered 500, 0..1. */
  readonly errorRate: number;
  /** Latency in ms: base + spread × u³. */
  readonly latencyMs: { readonly base: number; readonly spread: number };
  /** Share of requests counted as conversions (the A/B experiment's), 0..1. */
  readonly conversionRate: number;
}

/** 0.5 % errors, p95 about 50 ms, 10 % conversions. */
export const GOOD_VERSION: MetricsServerBehaviour = { errorRate: 0.005, latencyMs: { base: 10, spread: 47 }, conversionRate: 0.1 };
/** Ten times the errors (5 %), the same latency. */
export const ERRORING_VERSION: MetricsServerBehaviour = { ...GOOD_VERSION, errorRate: 0.05 };
/** The same errors, every latency doubled (p95 about 100 ms). */
export const SLOW_VERSION: MetricsServerBehaviour = { ...GOOD_VERSION, latencyMs: { base: 20, spread: 94 } };

export interface MetricsServerImage {
  /** `sha256:…` */
  readonly imageId: string;
  /** `<repository>:<version>-<behaviour hash>` */
  readonly reference: string;
}

const perTenThousand = (share: number): number => Math.round(Math.min(1, Math.max(0, share)) * 10_000);

/** The CGI behind `/` (and `/metrics/`): busybox ash, whose $RANDOM is 0..32767. */
const INDEX_CGI = `#!/bin/sh
case "$REQUEST_URI" in
  /metrics*) exec /bin/sh /metrics.sh ;;
esac
r=$RANDOM
us=$(( LATENCY_BASE_US + LATENCY_SPREAD_US * r / 32768 * r / 32768 * r / 32768 ))
usleep "$us"
if [ $(( RANDOM % 10000 )) -lt "$ERRORS_PER_10000" ]; then status="500 Internal Server Error"; code=500; else status="200 OK"; code=200; fi
# One write per line, appended: a reader sees whole lines (the trailing "." marks a complete one).
echo "$code $us ." >> /tmp/requests
if [ $(( RANDOM % 10000 )) -lt "$CONVERSIONS_PER_10000" ]; then echo "1 ." >> /tmp/conversions; fi
printf 'Status: %s\\r\\nContent-Type: text/plain\\r\\n\\r\\n%s\\n' "$status" "$VERSION"
`;

const METRICS_SH = `printf 'Status: 200 OK\\r\\nContent-Type: text/plain; version=0.0.4\\r\\n\\r\\n'
touch /tmp/requests /tmp/conversions
conversions=$(grep -c ' \\.$' /tmp/conversions)
awk -v service="$SERVICE" -v version="$VERSION" -v conversions="$conversions" '
BEGIN { nb = split("0.005 0.01 0.025 0.05 0.075 0.1 0.25 0.5 1 2.5", le, " ") }
NF == 3 && $3 == "." {
  n++; codes[$1]++; d = $2 / 1000000; sum += d
  for (i = 1; i <= nb; i++) if (d <= le[i] + 0) bucket[i]++
}
END {
  l = "service=\\"" service "\\",version=\\"" version "\\""
  print "# TYPE http_requests_total counter"
  print "http_requests_total{" l ",code=\\"200\\"} " codes["200"] + 0
  print "http_requests_total{" l ",code=\\"500\\"} " codes["500"] + 0
  print "# TYPE http_request_duration_seconds histogram"
  for (i = 1; i <= nb; i++) print "http_request_duration_seconds_bucket{" l ",le=\\"" le[i] "\\"} " bucket[i] + 0
  print "http_request_duration_seconds_bucket{" l ",le=\\"+Inf\\"} " n + 0
  print "http_request_duration_seconds_sum{" l "} " sum + 0
  print "http_request_duration_seconds_count{" l "} " n + 0
  print "# TYPE experiment_exposures_total counter"
  print "experiment_exposures_total{" l "} " n + 0
  print "# TYPE experiment_conversions_total counter"
  print "experiment_conversions_total{" l "} " conversions + 0
}' /tmp/requests
`;

function writeContext(dir: string, version: string, behaviour: MetricsServerBehaviour): void {
  const www = path.join(dir, 'www');
  fs.mkdirSync(path.join(www, 'cgi-bin'), { recursive: true });
  // A folder without index.html: httpd hands `/metrics/` (and `/`) to cgi-bin/index.cgi.
  fs.mkdirSync(path.join(www, 'metrics'), { recursive: true });
  fs.writeFileSync(path.join(www, 'metrics', '.keep'), '');
  fs.writeFileSync(path.join(www, 'healthz'), 'ok\n');
  fs.writeFileSync(path.join(www, 'cgi-bin', 'index.cgi'), INDEX_CGI, { mode: 0o755 });
  fs.writeFileSync(path.join(dir, 'metrics.sh'), METRICS_SH);
  const env = {
    VERSION: version,
    SERVICE: 'metrics-server',
    ERRORS_PER_10000: String(perTenThousand(behaviour.errorRate)),
    CONVERSIONS_PER_10000: String(perTenThousand(behaviour.conversionRate)),
    LATENCY_BASE_US: String(Math.round(behaviour.latencyMs.base * 1000)),
    LATENCY_SPREAD_US: String(Math.round(behaviour.latencyMs.spread * 1000))
  };
  const start = `echo "metrics-server ${version} listening on 0.0.0.0:\${PORT:-8080}"; exec httpd -f -p "0.0.0.0:\${PORT:-8080}" -h /www`;
  fs.writeFileSync(
    path.join(dir, 'Dockerfile'),
    [
      `FROM ${BASE_IMAGE}`,
      'COPY www /www',
      'COPY metrics.sh /metrics.sh',
      // COPY keeps the mode from the context, but a umask may have taken the x bit off.
      'RUN chmod 755 /www/cgi-bin/index.cgi',
      ...Object.entries(env).map(([name, value]) => `ENV ${name}=${JSON.stringify(value)}`),
      'EXPOSE 8080',
      `CMD ${JSON.stringify(['sh', '-c', start])}`,
      ''
    ].join('\n')
  );
}

/** Builds (or finds in the build cache) the image of `version` behaving as given. */
export async function buildMetricsServerImage(version: string, behaviour: MetricsServerBehaviour = GOOD_VERSION, repository = METRICS_SERVER_REPOSITORY): Promise<MetricsServerImage> {
  const fingerprint = createHash('sha1').update(JSON.stringify(behaviour)).digest('hex').slice(0, 8);
  return buildTestImage(repository, versionTag(`${version}-${fingerprint}`), (dir) => writeContext(dir, version, behaviour));
}

/** Removes the tag (and the image, when nothing else names it); already gone is fine. */
export const removeMetricsServerImage = removeTestImage;
