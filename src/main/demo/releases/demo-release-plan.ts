/**
 * The demo's year of pipeline runs and artifacts, planned from the repository's real commits, tags and
 * pipeline files: pure and deterministic (a seeded PRNG, like the demo's git history), so every machine
 * records the same story for the same repository. The stage schedule is the runner's own
 * (StageScheduler: needs, parallelism 2, what a failure skips).
 */
import { createHash } from 'node:crypto';
import type { PipelineStage as StageDefinition } from '../../../shared/domain/pipeline/definition';
import type { StageStatus } from '../../../shared/domain/pipeline-runs';
import { DEFAULT_PARALLELISM, StageScheduler } from '../../features/pipelines/stage-scheduler';
import { TEAM } from '../demo-people';
import { createRandom, type Random } from '../prng';
import { DEMO_ACTOR_PREFIX, DEMO_WATCH } from '../../../shared/domain/demo-data';
import type { DemoCommit, DemoRepositoryFacts } from './demo-repository-facts';

const SEED = 20250101;
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const DAY = 24 * 60 * MINUTE;
/** The demo's retention policy: artifacts younger than this, or among the newest KEEP_LAST, are kept. */
export const DEMO_RETENTION = { keepDays: 90, keepLast: 15 } as const;

/** What a stage did, which tells the log generator what to write. */
export type StageOutcome = 'succeeded' | 'failed' | 'cancelled' | 'interrupted' | 'skipped';

export interface PlannedStage {
  readonly name: string;
  readonly needs: readonly string[];
  readonly definition: StageDefinition;
  readonly status: Exclude<StageStatus, 'pending' | 'running'>;
  readonly outcome: StageOutcome;
  readonly exitCode: number | null;
  readonly startedAt: number | null;
  readonly finishedAt: number;
}

export type PlannedRunStatus = 'succeeded' | 'failed' | 'cancelled' | 'interrupted';

export interface PlannedRun {
  readonly commitSha: string;
  readonly ref: string;
  readonly startedBy: string;
  readonly createdAt: number;
  readonly startedAt: number;
  readonly finishedAt: number;
  readonly status: PlannedRunStatus;
  readonly stages: readonly PlannedStage[];
  /** The image the run pushed (only a run whose push succeeded has one). */
  readonly artifact: PlannedArtifact | null;
}

export interface PlannedArtifact {
  readonly digest: string;
  /** The ref its run built (a branch or a tag). */
  readonly ref: string;
  readonly commitSha: string;
  /** The first line of the commit's message. */
  readonly commitSubject: string;
  readonly version: string | null;
  readonly createdAt: number;
  /** When the retention job pruned it; null when it is still in the registry. */
  readonly prunedAt: number | null;
}

export interface DemoReleasePlan {
  /** The moment the story ends (epoch ms). */
  readonly now: number;
  /** Oldest first. */
  readonly runs: readonly PlannedRun[];
}

/** A deterministic image digest for a commit: what the demo's "registry" answered for its push. */
export const demoDigest = (commitSha: string): string =>
  `sha256:${createHash('sha256').update(`shop-api image built from ${commitSha}`).digest('hex')}`;

/** How long a stage takes, by what it does (the names of the demo's pipelines). */
function stageDuration(stage: StageDefinition, random: Random): number {
  const seconds = (min: number, max: number) => Math.round((min + random.next() * (max - min)) * SECOND);
  switch (stage.kind) {
    case 'build':
      return seconds(45, 140);
    case 'push':
      return seconds(6, 25);
    case 'deploy':
      return seconds(20, 60);
    case 'run': {
      const cached = stage.env.npm_config_cache !== undefined;
      if (stage.name === 'install') return cached ? seconds(9, 18) : seconds(45, 95);
      if (stage.name === 'test') return stage.run.startsWith('sh ') ? seconds(1, 4) : seconds(35, 110);
      if (stage.name === 'lint') return stage.image !== null ? seconds(2, 6) : seconds(12, 30);
      return seconds(15, 45);
    }
  }
}

type Fate =
  | { readonly kind: 'succeed' }
  | { readonly kind: 'fail'; readonly stage: string; readonly exitCode: number | null; readonly flaky: boolean }
  | { readonly kind: 'stop'; readonly stage: string; readonly as: 'cancelled' | 'interrupted' };

/** Runs the stages through the runner's scheduler on a simulated clock. */
function simulate(stages: readonly StageDefinition[], start: number, fate: Fate, random: Random): { stages: PlannedStage[]; finishedAt: number } {
  const scheduler = new StageScheduler(stages, DEFAULT_PARALLELISM);
  const byName = new Map(stages.map((stage) => [stage.name, stage]));
  const results = new Map<string, PlannedStage>();
  const running = new Map<string, { startedAt: number; endsAt: number }>();
  let now = start;
  let stopAt: number | null = null;
  const settle = (name: string, status: PlannedStage['status'], outcome: StageOutcome, exitCode: number | null, startedAt: number | null) => {
    const definition = byName.get(name) as StageDefinition;
    results.set(name, { name, needs: definition.needs, definition, status, outcome, exitCode, startedAt, finishedAt: now });
  };
  const launch = () => {
    for (const name of scheduler.take()) {
      const duration = stageDuration(byName.get(name) as StageDefinition, random);
      // A failure shows partway through (a test suite fails before its end).
      const fails = fate.kind === 'fail' && fate.stage === name;
      running.set(name, { startedAt: now, endsAt: now + (fails ? Math.round(duration * (0.5 + random.next() * 0.4)) : duration) });
      if (fate.kind === 'stop' && fate.stage === name) stopAt = now + Math.round(duration * (0.2 + random.next() * 0.6));
    }
  };
  launch();
  while (running.size > 0) {
    const [name, next] = [...running.entries()].reduce((a, b) => (b[1].endsAt < a[1].endsAt ? b : a));
    if (stopAt !== null && fate.kind === 'stop' && stopAt < next.endsAt) {
      now = stopAt;
      for (const [stopped, { startedAt }] of running) settle(stopped, 'cancelled', fate.as, null, startedAt);
      for (const skipped of scheduler.stop('')) settle(skipped.name, 'skipped', 'skipped', null, null);
      running.clear();
      break;
    }
    now = next.endsAt;
    running.delete(name);
    const failed = fate.kind === 'fail' && fate.stage === name;
    settle(name, failed ? 'failed' : 'succeeded', failed ? 'failed' : 'succeeded', failed ? fate.exitCode : byName.get(name)?.kind === 'run' ? 0 : null, next.startedAt);
    for (const skipped of scheduler.finish(name, failed ? 'failed' : 'succeeded')) settle(skipped.name, 'skipped', 'skipped', null, null);
    launch();
  }
  return { stages: stages.flatMap((stage) => results.get(stage.name) ?? []), finishedAt: now };
}

function fateOf(random: Random, stages: readonly StageDefinition[], mustSucceed: boolean): Fate {
  const has = (name: string) => stages.some((stage) => stage.name === name);
  const roll = random.next();
  if (mustSucceed) return { kind: 'succeed' };
  if (roll < 0.075 && has('test')) return { kind: 'fail', stage: 'test', exitCode: 1, flaky: random.chance(0.55) };
  if (roll < 0.105 && has('lint')) return { kind: 'fail', stage: 'lint', exitCode: 1, flaky: false };
  if (roll < 0.12 && has('build')) return { kind: 'fail', stage: 'build', exitCode: null, flaky: false };
  if (roll < 0.155 && has('test')) return { kind: 'stop', stage: 'test', as: 'cancelled' };
  return { kind: 'succeed' };
}

const person = (random: Random): string => `${DEMO_ACTOR_PREFIX}${random.pick(TEAM).handle}`;

/** Plans the runs (and their artifacts and prunes) for the demo repository, as of `now`. */
export function planDemoReleases(facts: DemoRepositoryFacts, now: number): DemoReleasePlan {
  const random = createRandom(SEED);
  const runnable = facts.commits.filter((commit): commit is DemoCommit & { pipeline: NonNullable<DemoCommit['pipeline']> } => commit.pipeline !== null);
  // One run is cut short by a crash of Shipdeck, a few months back.
  const interruptedIndex = Math.floor(facts.commits.filter((commit) => !commit.branch.startsWith('feature/')).length * 0.42);
  const runs: PlannedRun[] = [];
  const built = new Set<string>();

  const addRun = (commit: DemoCommit & { pipeline: NonNullable<DemoCommit['pipeline']> }, ref: string, startedBy: string, createdAt: number, fate: Fate) => {
    const startedAt = createdAt + random.int(2, 25) * SECOND;
    const { stages, finishedAt } = simulate(commit.pipeline.stages, startedAt, fate, random);
    const status: PlannedRunStatus = fate.kind === 'stop' ? fate.as : stages.every((stage) => stage.status === 'succeeded') ? 'succeeded' : 'failed';
    const push = stages.find((stage) => stage.definition.kind === 'push' && stage.status === 'succeeded');
    const tag = facts.tags.get(commit.sha);
    const artifact =
      push && !built.has(commit.sha)
        ? { digest: demoDigest(commit.sha), ref, commitSha: commit.sha, commitSubject: commit.subject, version: tag === undefined ? null : tag.replace(/^v/, ''), createdAt: push.finishedAt, prunedAt: null }
        : null;
    if (artifact) built.add(commit.sha);
    runs.push({ commitSha: commit.sha, ref, startedBy, createdAt, startedAt, finishedAt, status, stages, artifact });
    return { status, finishedAt, fate };
  };

  const watched = runnable.filter((commit) => !commit.branch.startsWith('feature/'));
  const byHand = runnable.filter((commit) => commit.branch.startsWith('feature/'));
  watched.forEach((commit, index) => {
    const tag = facts.tags.get(commit.sha);
    const newest = index === watched.length - 1;
    const fate: Fate =
      index === interruptedIndex && tag === undefined ? { kind: 'stop', stage: 'build', as: 'interrupted' } : fateOf(random, commit.pipeline.stages, tag !== undefined || newest);
    const createdAt = Math.min(commit.at + random.int(5, 45) * SECOND, now - MINUTE);
    const first = addRun(commit, tag ?? commit.branch, DEMO_WATCH, createdAt, fate);
    // A flaky test or a crash: someone runs the same commit again, and it goes through.
    if ((first.fate.kind === 'fail' && first.fate.flaky) || first.status === 'interrupted') {
      const again = first.finishedAt + random.int(4, 50) * MINUTE;
      if (again < now - 10 * MINUTE) addRun(commit, commit.branch, person(random), again, { kind: 'succeed' });
    }
  });

  // The author of a feature branch runs its commits by hand, a few minutes after each; the first fails
  // its tests, which the next commit fixes.
  byHand.forEach((commit, index) => {
    const author = TEAM.find((who) => who.email === commit.authorEmail) ?? random.pick(TEAM);
    const createdAt = Math.min(commit.at + random.int(2, 12) * MINUTE, now - MINUTE);
    const fate: Fate = index === 0 && commit.pipeline.stages.some((stage) => stage.name === 'test') ? { kind: 'fail', stage: 'test', exitCode: 1, flaky: false } : { kind: 'succeed' };
    addRun(commit, commit.branch, `${DEMO_ACTOR_PREFIX}${author.handle}`, createdAt, fate);
  });

  runs.sort((a, b) => a.createdAt - b.createdAt);
  return { now, runs: withPrunes(runs, now) };
}

/**
 * The weekly retention job (Sundays 03:00 UTC) prunes what the policy lets go: unversioned artifacts
 * older than keepDays and not among the newest keepLast. Releases stay (they are rollback candidates).
 */
function withPrunes(runs: readonly PlannedRun[], now: number): PlannedRun[] {
  const artifacts = runs.flatMap((run) => (run.artifact ? [run.artifact] : [])).sort((a, b) => b.createdAt - a.createdAt);
  const pruned = new Map<string, number>();
  artifacts.forEach((artifact, newestFirst) => {
    if (artifact.version !== null || newestFirst < DEMO_RETENTION.keepLast) return;
    const due = artifact.createdAt + DEMO_RETENTION.keepDays * DAY;
    const sunday = new Date(due);
    sunday.setUTCHours(3, 0, 0, 0);
    if (sunday.getTime() < due) sunday.setUTCDate(sunday.getUTCDate() + 1);
    while (sunday.getUTCDay() !== 0) sunday.setUTCDate(sunday.getUTCDate() + 1);
    if (sunday.getTime() < now) pruned.set(artifact.digest, sunday.getTime());
  });
  return runs.map((run) => (run.artifact && pruned.has(run.artifact.digest) ? { ...run, artifact: { ...run.artifact, prunedAt: pruned.get(run.artifact.digest) ?? null } } : run));
}

