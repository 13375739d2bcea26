/**
 * How an environment releases: the settings kept per environment (in `environments.target_config`),
 * their defaults, and the difference between two sets of them (shown in a rollback's pre-flight).
 */

import { formatKubernetesTarget, kubernetesTargetFrom, type KubernetesTarget } from './kubernetes';

export const RELEASE_STRATEGIES = ['rolling', 'blue-green', 'canary', 'shadow'] as const;
export type ReleaseStrategy = (typeof RELEASE_STRATEGIES)[number];

/** What keeps one user on one side of a split: a request header or a cookie, by name. */
export interface StickyKey {
  readonly kind: 'header' | 'cookie';
  readonly name: string;
}

export interface EnvironmentSettings {
  /** The port nginx serves the environment on, on 127.0.0.1; null until set (a deploy refuses). */
  readonly publicPort: number | null;
  /** Instances of the stable version. */
  readonly instances: number;
  /** Answers 200 when an instance can take traffic. */
  readonly healthPath: string;
  /** How long an instance may take to answer its health path before the step fails. */
  readonly healthTimeoutSeconds: number;
  readonly strategy: ReleaseStrategy;
  /** Rolling: instances replaced at once. */
  readonly rollingBatchSize: number;
  /** Canary: traffic percentages, ascending, the last 100. */
  readonly canarySteps: readonly number[];
  /** Canary: a step continues by itself after this many seconds; null waits for a person at every step. */
  readonly canaryPauseSeconds: number | null;
  /** Blue-green: the idle colour keeps running this long after a switch (instant rollback), then goes. */
  readonly blueGreenHoldSeconds: number;
  readonly sticky: StickyKey | null;
  /** Canary analysis: the Prometheus this environment's metrics are in; null takes the workspace's (Settings). */
  readonly prometheusUrl: string | null;
  /**
   * Canary analysis: the window each step is judged over (a clearly broken canary fails sooner). Its
   * points are two scrape intervals apart and the judge wants at least 10 of each side: 20 scrape intervals.
   */
  readonly analysisWindowSeconds: number;
  /** A `kubernetes` environment's context, namespace and workload; null for other targets. */
  readonly kubernetes: KubernetesTarget | null;
}

export const DEFAULT_ENVIRONMENT_SETTINGS: EnvironmentSettings = {
  publicPort: null,
  instances: 2,
  healthPath: '/healthz',
  healthTimeoutSeconds: 60,
  strategy: 'rolling',
  rollingBatchSize: 1,
  canarySteps: [5, 25, 50, 100],
  canaryPauseSeconds: null,
  blueGreenHoldSeconds: 600,
  sticky: null,
  prometheusUrl: null,
  analysisWindowSeconds: 300,
  kubernetes: null
};

/** The problem with a Prometheus URL in a sentence, or null: http(s), a host, no credentials in it. */
export function prometheusUrlProblem(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'the Prometheus URL must be a URL such as http://127.0.0.1:9090';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'the Prometheus URL must start with http:// or https://';
  if (url.username !== '' || url.password !== '') return 'the Prometheus URL must not hold a user name or password';
  if (text.length > 2000) return 'the Prometheus URL is at most 2000 characters';
  return null;
}

const STICKY = /^(header|cookie):([A-Za-z0-9_-]{1,64})$/;

/** `header:X-User` or `cookie:uid`; null when the text is not one. */
export function parseStickyKey(text: string): StickyKey | null {
  const match = STICKY.exec(text.trim());
  return match ? { kind: match[1] as StickyKey['kind'], name: match[2] ?? '' } : null;
}

export const formatStickyKey = (key: StickyKey | null): string => (key ? `${key.kind}:${key.name}` : 'none');

/** Canary steps must rise and end at 100. Returns the problem in a sentence, or null. */
export function canaryStepsProblem(steps: readonly number[]): string | null {
  if (steps.length === 0) return 'canary steps are empty: give percentages such as 5,25,50,100';
  if (steps.some((step) => !Number.isInteger(step) || step < 1 || step > 100)) return 'each canary step is a whole percentage from 1 to 100';
  if (steps.some((step, i) => i > 0 && step <= (steps[i - 1] ?? 0))) return 'canary steps must rise, e.g. 5,25,50,100';
  if (steps.at(-1) !== 100) return 'the last canary step must be 100';
  return null;
}

/** Settings read from storage: anything missing or malformed takes its default. */
export function settingsFrom(stored: unknown): EnvironmentSettings {
  const value = (stored && typeof stored === 'object' ? stored : {}) as Record<string, unknown>;
  const int = (key: keyof EnvironmentSettings, min: number, max: number): number | undefined => {
    const v = value[key];
    return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? v : undefined;
  };
  const d = DEFAULT_ENVIRONMENT_SETTINGS;
  const steps = Array.isArray(value['canarySteps']) && value['canarySteps'].every((s) => typeof s === 'number') ? (value['canarySteps'] as number[]) : null;
  const sticky = value['sticky'] as { kind?: unknown; name?: unknown } | null | undefined;
  const pause = value['canaryPauseSeconds'];
  const prometheus = value['prometheusUrl'];
  return {
    publicPort: int('publicPort', 1, 65535) ?? d.publicPort,
    instances: int('instances', 1, 50) ?? d.instances,
    healthPath: typeof value['healthPath'] === 'string' && value['healthPath'].startsWith('/') ? value['healthPath'] : d.healthPath,
    healthTimeoutSeconds: int('healthTimeoutSeconds', 1, 3600) ?? d.healthTimeoutSeconds,
    strategy: (RELEASE_STRATEGIES as readonly unknown[]).includes(value['strategy']) ? (value['strategy'] as ReleaseStrategy) : d.strategy,
    rollingBatchSize: int('rollingBatchSize', 1, 50) ?? d.rollingBatchSize,
    canarySteps: steps && canaryStepsProblem(steps) === null ? steps : d.canarySteps,
    canaryPauseSeconds: pause === null ? null : (int('canaryPauseSeconds', 0, 86_400) ?? d.canaryPauseSeconds),
    blueGreenHoldSeconds: int('blueGreenHoldSeconds', 0, 7 * 86_400) ?? d.blueGreenHoldSeconds,
    sticky:
      sticky && (sticky.kind === 'header' || sticky.kind === 'cookie') && typeof sticky.name === 'string'
        ? parseStickyKey(`${sticky.kind}:${sticky.name}`)
        : null,
    prometheusUrl: typeof prometheus === 'string' && prometheusUrlProblem(prometheus) === null ? prometheus : d.prometheusUrl,
    analysisWindowSeconds: int('analysisWindowSeconds', 10, 86_400) ?? d.analysisWindowSeconds,
    kubernetes: kubernetesTargetFrom(value['kubernetes'])
  };
}

export interface SettingChange {
  readonly setting: string;
  readonly from: string;
  readonly to: string;
}

const display = (key: keyof EnvironmentSettings, settings: EnvironmentSettings): string => {
  const value = settings[key];
  if (key === 'sticky') return formatStickyKey(settings.sticky);
  if (key === 'kubernetes') return formatKubernetesTarget(settings.kubernetes);
  if (Array.isArray(value)) return value.join(' → ');
  return value === null ? 'none' : String(value);
};

/** What differs between two sets of settings, in a stable order. */
export function diffSettings(from: EnvironmentSettings, to: EnvironmentSettings): SettingChange[] {
  return (Object.keys(DEFAULT_ENVIRONMENT_SETTINGS) as (keyof EnvironmentSettings)[])
    .map((key) => ({ setting: key, from: display(key, from), to: display(key, to) }))
    .filter((change) => change.from !== change.to);
}
