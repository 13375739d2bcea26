/**
 * The demo repository's history, generated deterministically: a year-ish in the life of "shop-api", an
 * HTTP API for a web shop, by a team of seven. Pure: no I/O, and the same seed and `now` always give the
 * same events (fast-import then gives the same SHAs).
 */
import { directCommit, initialProjectState } from './demo-direct-commits';
import { portableBuildFiles } from './demo-build-files';
import { recordRelease, type FileTree } from './demo-files';
import { backportCommit, firstCommit, followUpCommit } from './demo-follow-ups';
import { HistoryWriter, type Branch, type DemoEvent } from './demo-history-writer';
import { commitsIn, planDemoHistory, RELEASE_BRANCH, type PlanStep } from './demo-plan';
import type { PullRequestSpec } from './demo-pull-requests';
import { scaffoldFiles } from './demo-scaffold';
import { createRandom, type Random } from './prng';

const DEMO_SEED = 20240611;
const DAY = 86_400;
/** How far back the history starts. */
const PERIOD_DAYS = 300;

export interface DemoHistory {
  readonly events: readonly DemoEvent[];
  readonly commitCount: number;
}

/** `count` commit times on weekdays between 07:00 and 18:00 UTC, ascending, ending an hour before `now`. */
function workingMoments(count: number, now: Date, random: Random): number[] {
  const end = Math.floor(now.getTime() / 1000) - 3600;
  const start = end - PERIOD_DAYS * DAY;
  const moments: number[] = [];
  while (moments.length < count) {
    const moment = start + Math.floor(random.next() * (end - start));
    const date = new Date(moment * 1000);
    const weekend = date.getUTCDay() === 0 || date.getUTCDay() === 6;
    if (!weekend && date.getUTCHours() >= 7 && date.getUTCHours() < 18) moments.push(moment);
  }
  moments.sort((a, b) => a - b);
  for (let i = 1; i < moments.length; i++) moments[i] = Math.max(moments[i] ?? 0, (moments[i - 1] ?? 0) + 60);
  return moments;
}

const SECTIONS: readonly (readonly [PullRequestSpec['type'], string])[] = [
  ['feat', 'Features'],
  ['fix', 'Bug Fixes'],
  ['perf', 'Performance']
];

/** Keep-a-Changelog style notes for the pull requests in a release. */
function releaseNotes(merged: readonly { spec: PullRequestSpec; number: number }[]): string {
  const sections = SECTIONS.map(([type, title]) => {
    const lines = merged.filter((item) => item.spec.type === type).map((item) => `- **${item.spec.scope}:** ${item.spec.title} (#${item.number})`);
    return lines.length === 0 ? '' : `### ${title}\n\n${lines.join('\n')}\n`;
  }).filter(Boolean);
  return sections.length > 0 ? sections.join('\n') : '### Chores\n\n- Dependency and build updates.\n';
}

const isoDate = (unixSeconds: number): string => new Date(unixSeconds * 1000).toISOString().slice(0, 10);

/** Generates the demo history for a clock reading; the last commit is shortly before `now`. */
export function generateDemoHistory(options: { readonly now: Date; readonly seed?: number }): DemoHistory {
  const seed = options.seed ?? DEMO_SEED;
  const plan = planDemoHistory(createRandom(seed));
  const commitCount = plan.reduce((sum, step) => sum + commitsIn(step), 0);
  const writer = new HistoryWriter(workingMoments(commitCount, options.now, createRandom(seed ^ 0x5bd1e995)));
  const random = createRandom(seed + 1);
  const state = initialProjectState();
  const main = writer.branch('refs/heads/main', null);
  let releaseBranch: Branch | null = null;
  let migration = 2;
  const unreleased = new Map<Branch, { spec: PullRequestSpec; number: number }[]>([[main, []]]);

  const render = (step: PlanStep): void => {
    switch (step.kind) {
      case 'initial': {
        const scaffold: FileTree = scaffoldFiles();
        writer.commit(main, step.author, (files) => {
          for (const [path, content] of scaffold) if (path !== 'Dockerfile' && !path.startsWith('.shipdeck/')) files.set(path, content);
          return 'chore: initial commit\n\nFastify + Postgres skeleton with a health check and the products table.\n';
        });
        writer.commit(main, step.author, (files) => {
          files.set('Dockerfile', scaffold.get('Dockerfile') ?? '');
          files.set('.shipdeck/pipeline.yml', scaffold.get('.shipdeck/pipeline.yml') ?? '');
          return 'ci: add Dockerfile and Shipdeck pipeline\n\nBuild once, push the image tagged with the commit SHA, deploy to dev.\n';
        });
        return;
      }
      case 'pull-request': {
        const name = `${step.spec.type === 'fix' ? 'fix' : 'feature'}/${step.spec.slug}`;
        const branch = writer.branch(`refs/heads/${name}`, main);
        writer.commit(branch, step.author, (files) => firstCommit(files, step.spec, step.number, migration));
        if (step.spec.migration) migration++;
        step.followUps.forEach((kind, index) => {
          writer.commit(branch, step.author, (files) => followUpCommit(files, step.spec, kind, random));
          if (step.mainMovesAfter === index + 1) render({ kind: 'direct', author: step.merger, variant: 'deps' });
        });
        const title = step.spec.title.charAt(0).toUpperCase() + step.spec.title.slice(1);
        writer.merge(main, branch, step.merger, `Merge pull request #${step.number} from acme-shop/${name}\n\n${title}\n`);
        writer.deleteBranch(branch); // as GitHub does after merging
        unreleased.get(main)?.push({ spec: step.spec, number: step.number });
        return;
      }
      case 'direct':
        writer.commit(main, step.author, (files) => {
          const change = directCommit(step.variant, files, state, random);
          return change.body === '' ? `${change.subject}\n` : `${change.subject}\n\n${change.body}\n`;
        });
        return;
      case 'release': {
        const branch = step.onReleaseBranch && releaseBranch !== null ? releaseBranch : main;
        const notes = releaseNotes(unreleased.get(branch) ?? []);
        unreleased.set(branch, []);
        const mark = writer.commit(branch, step.manager, (files) => {
          recordRelease(files, step.version, isoDate(writer.upcomingTime), notes);
          return `chore(release): ${step.version}\n`;
        });
        writer.tag(`v${step.version}`, mark, step.annotated ? step.manager : null, `shop-api v${step.version}\n\n${notes}`);
        return;
      }
      case 'fork-release-branch':
        releaseBranch = writer.branch(`refs/heads/${step.name}`, main);
        unreleased.set(releaseBranch, []);
        return;
      case 'backport': {
        const branch = releaseBranch ?? main;
        writer.commit(branch, step.author, (files) => backportCommit(files, step.spec, step.number, RELEASE_BRANCH, random));
        unreleased.get(branch)?.push({ spec: step.spec, number: step.number });
        return;
      }
      case 'portable-build':
        writer.commit(main, step.author, (files) => {
          const version = /"version": "([^"]+)"/.exec(String(files.get('package.json')))?.[1] ?? '0.0.0';
          for (const [path, content] of portableBuildFiles(version)) files.set(path, content);
          return (
            'ci: make the pipeline run on any machine with Docker\n\n' +
            'The image is now a static mock of the API served by busybox httpd (a 2 MB base, built in seconds),\n' +
            'and the checks are plain sh: no npm registry or database needed to run the pipeline.\n'
          );
        });
        return;
      case 'unmerged': {
        const branch = writer.branch(`refs/heads/feature/${step.spec.slug}`, main);
        writer.commit(branch, step.author, (files) => firstCommit(files, step.spec, step.number, migration));
        for (const kind of step.followUps) writer.commit(branch, step.author, (files) => followUpCommit(files, step.spec, kind, random));
        return;
      }
    }
  };
  for (const step of plan) render(step);
  return { events: writer.events, commitCount };
}
