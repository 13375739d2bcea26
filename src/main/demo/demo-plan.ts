/**
 * The shape of the demo history, before any file or date exists: which pull requests, direct commits
 * and releases happen in which order, by whom. Planning first tells how many commits there will be, so
 * their dates can be spread over the whole period.
 */
import { DIRECT_COMMITS } from './demo-direct-commits';
import { MAINTAINERS, TEAM, type DemoPerson } from './demo-people';
import { PULL_REQUESTS, UNMERGED_FEATURE, type PullRequestSpec } from './demo-pull-requests';
import type { Random } from './prng';

export type FollowUp = 'test' | 'review' | 'fix' | 'docs' | 'refactor';

export type PlanStep =
  | { readonly kind: 'initial'; readonly author: DemoPerson }
  | {
      readonly kind: 'pull-request';
      readonly spec: PullRequestSpec;
      readonly number: number;
      readonly author: DemoPerson;
      readonly merger: DemoPerson;
      readonly followUps: readonly FollowUp[];
      /** A dependency bump lands on main after this many of the branch's commits (null: none). */
      readonly mainMovesAfter: number | null;
    }
  | { readonly kind: 'direct'; readonly author: DemoPerson; readonly variant: number | 'deps' }
  | { readonly kind: 'release'; readonly version: string; readonly annotated: boolean; readonly manager: DemoPerson; readonly onReleaseBranch: boolean }
  | { readonly kind: 'fork-release-branch'; readonly name: string }
  /** The commit that makes the pipeline run on any machine with Docker (see portableBuildFiles). */
  | { readonly kind: 'portable-build'; readonly author: DemoPerson }
  | { readonly kind: 'backport'; readonly spec: PullRequestSpec; readonly number: number; readonly author: DemoPerson }
  | {
      readonly kind: 'unmerged';
      readonly spec: PullRequestSpec;
      /** The draft pull request's number. */
      readonly number: number;
      readonly author: DemoPerson;
      readonly followUps: readonly FollowUp[];
    };

// [version, pull requests, direct commits, annotated tag]. Patch releases and the second release
// candidate get lightweight tags, as teams in a hurry do.
const RELEASES: readonly (readonly [string, number, number, boolean])[] = [
  ['0.1.0', 3, 3, true], ['0.2.0', 3, 2, true], ['0.3.0', 3, 2, true], ['0.4.0', 3, 3, true],
  ['0.5.0', 2, 2, true], ['0.6.0', 3, 2, true], ['1.0.0-rc.1', 2, 1, true], ['1.0.0', 1, 2, true],
  ['1.1.0', 3, 2, true], ['1.1.1', 1, 0, false], ['1.2.0', 3, 2, true], ['1.3.0', 3, 2, true],
  ['1.3.1', 1, 1, false], ['1.4.0', 3, 2, true], ['1.5.0-rc.1', 2, 1, true], ['1.5.0-rc.2', 1, 0, false],
  ['1.5.0', 1, 1, true], ['1.6.0', 3, 2, true], ['1.6.1', 1, 0, false], ['1.7.0', 3, 2, true], ['1.8.0', 3, 2, true]
];
export const RELEASE_BRANCH = 'release/1.8';
const FOLLOW_UPS: readonly FollowUp[] = ['test', 'review', 'fix', 'docs', 'refactor'];

/** How many commits a step makes. */
export function commitsIn(step: PlanStep): number {
  switch (step.kind) {
    case 'initial':
      return 2;
    case 'pull-request':
      return 1 + step.followUps.length + 1 + (step.mainMovesAfter === null ? 0 : 1);
    case 'unmerged':
      return 1 + step.followUps.length;
    case 'fork-release-branch':
      return 0;
    default:
      return 1;
  }
}

/** Puts each extra item at a random place in `items`, keeping the order of `items` (PRs build on each other). */
function interleave<T>(items: T[], extras: readonly T[], random: Random): T[] {
  for (const extra of extras) items.splice(random.int(0, items.length), 0, extra);
  return items;
}

/** Plans the whole history; deterministic for a given random source. */
export function planDemoHistory(random: Random): PlanStep[] {
  const steps: PlanStep[] = [{ kind: 'initial', author: TEAM[0] }];
  const specs = [...PULL_REQUESTS];
  let number = 2;
  let staticDirect = 0;
  let releases = 0;

  const followUps = (): FollowUp[] => {
    const list: FollowUp[] = random.chance(0.8) ? ['test'] : [];
    const others = FOLLOW_UPS.filter((kind) => kind !== 'test');
    for (let n = random.int(1, 3); n > 0 && others.length > 0; n--) list.push(...others.splice(random.int(0, others.length - 1), 1));
    return list;
  };
  const pullRequest = (withMainMove: boolean): PlanStep => {
    const spec = specs.shift();
    if (spec === undefined) throw new Error('The demo plan uses more pull requests than the catalogue has.');
    const author = random.pick(TEAM);
    const reviewers = MAINTAINERS.filter((who) => who !== author) as [DemoPerson, ...DemoPerson[]];
    const ups = followUps();
    number += random.int(1, 3); // issues share the numbering with pull requests
    const mainMovesAfter = withMainMove && random.chance(0.2) ? random.int(1, ups.length) : null;
    return { kind: 'pull-request', spec, number, author, merger: random.pick(reviewers), followUps: ups, mainMovesAfter };
  };
  const direct = (): PlanStep => {
    const useStatic = staticDirect < DIRECT_COMMITS.length && random.chance(0.45);
    return { kind: 'direct', author: random.pick(TEAM), variant: useStatic ? staticDirect++ : 'deps' };
  };
  const release = (version: string, annotated: boolean, onReleaseBranch = false): PlanStep => ({
    kind: 'release',
    version,
    annotated,
    manager: MAINTAINERS[releases++ % MAINTAINERS.length] ?? TEAM[0],
    onReleaseBranch
  });

  for (const [version, pullRequests, directs, annotated] of RELEASES) {
    const items: PlanStep[] = [];
    for (let i = 0; i < pullRequests; i++) items.push(pullRequest(true));
    const extras: PlanStep[] = [];
    for (let i = 0; i < directs; i++) extras.push(direct());
    steps.push(...interleave(items, extras, random), release(version, annotated));
  }

  // After 1.8.0: main moves on while fixes are backported to the release branch.
  steps.push({ kind: 'fork-release-branch', name: RELEASE_BRANCH }, direct());
  const retry = pullRequest(false);
  steps.push(retry, backportOf(retry), release('1.8.1', true, true));
  steps.push(pullRequest(false), direct());
  const discount = pullRequest(false);
  steps.push(discount, backportOf(discount), release('1.8.2', true, true));
  steps.push({ kind: 'portable-build', author: MAINTAINERS[0] ?? TEAM[0] });
  steps.push({ kind: 'unmerged', spec: UNMERGED_FEATURE, number: number + 2, author: TEAM[6] ?? TEAM[0], followUps: ['test', 'review'] });
  return steps;
}

function backportOf(step: PlanStep): PlanStep {
  if (step.kind !== 'pull-request') throw new Error('Only pull requests are backported.');
  return { kind: 'backport', spec: step.spec, number: step.number, author: step.author };
}
