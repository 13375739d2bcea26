/** Commits pushed straight to main: dependency bumps, docs, CI and Docker changes. */
import { addReadmeLine, type FileTree } from './demo-files';
import { DEPENDENCIES, dockerfile, pipelineFile, type PipelineFeatures } from './demo-build-files';
import type { Random } from './prng';

/** What direct commits change over time. */
export interface ProjectState {
  pipeline: PipelineFeatures;
  docker: { nodeMinor: number; multiStage: boolean; nonRoot: boolean };
  readonly versions: Map<string, string>;
}

export const initialProjectState = (): ProjectState => ({
  pipeline: { npmCache: false, imageScan: false, testTimeout: false, migrationCheck: false },
  docker: { nodeMinor: 3, multiStage: false, nonRoot: false },
  versions: new Map(Object.entries(DEPENDENCIES))
});

export interface DirectChange {
  readonly subject: string;
  readonly body: string;
}

type DirectCommit = (files: FileTree, state: ProjectState, random: Random) => DirectChange;

/** Bumps one dependency in package.json, Dependabot style; only package.json changes. */
function bumpDependency(files: FileTree, state: ProjectState, random: Random): DirectChange {
  const names = [...state.versions.keys()] as [string, ...string[]];
  const name = random.pick(names);
  const from = state.versions.get(name) ?? '1.0.0';
  const [major = 1, minor = 0, patch = 0] = from.split('.').map(Number);
  const to = random.chance(0.7) ? `${major}.${minor}.${patch + random.int(1, 3)}` : `${major}.${minor + 1}.0`;
  state.versions.set(name, to);
  const pkg = files.get('package.json');
  files.set('package.json', String(pkg).replace(`"${name}": "^${from}"`, `"${name}": "^${to}"`));
  return {
    subject: `chore(deps): bump ${name} from ${from} to ${to}`,
    body: `Bumps ${name} from ${from} to ${to}.\n\n- Release notes: https://www.npmjs.com/package/${name}/v/${to}`
  };
}

const setPipeline = (files: FileTree, state: ProjectState, change: Partial<PipelineFeatures>): void => {
  state.pipeline = { ...state.pipeline, ...change };
  files.set('.shipdeck/pipeline.yml', pipelineFile(state.pipeline));
};

const setDocker = (files: FileTree, state: ProjectState, change: Partial<ProjectState['docker']>): void => {
  state.docker = { ...state.docker, ...change };
  files.set('Dockerfile', dockerfile(state.docker.nodeMinor, state.docker.multiStage, state.docker.nonRoot));
};

/** The non-dependency direct commits, in the order they land on main. */
export const DIRECT_COMMITS: readonly DirectCommit[] = [
  (files) => {
    addReadmeLine(files, 'Getting started', '\nFor a local database run `docker compose up -d postgres redis` first.');
    return { subject: 'docs(readme): describe local setup with docker compose', body: '' };
  },
  (files, state) => {
    setPipeline(files, state, { npmCache: true });
    return { subject: 'ci(pipeline): cache npm downloads between stages', body: 'Install went from 70 s to 15 s on a warm cache.' };
  },
  (files, state) => {
    setDocker(files, state, { nonRoot: true });
    return { subject: 'chore(docker): run as the non-root node user', body: 'The container does not need root; the image scan flagged it.' };
  },
  (files) => {
    files.set('.editorconfig', 'root = true\n\n[*]\nindent_style = space\nindent_size = 2\nend_of_line = lf\ninsert_final_newline = true\n');
    return { subject: 'chore: add .editorconfig', body: '' };
  },
  (files) => {
    files.set('src/config.ts', String(files.get('src/config.ts')).replace("process.env.PORT ?? '8080'", "Number(process.env.PORT ?? 8080)"));
    return { subject: 'fix(config): read PORT as a number', body: 'Fastify accepted the string, but the metrics label showed "8080" and 8080 as two ports.' };
  },
  (files, state) => {
    setPipeline(files, state, { imageScan: true });
    return { subject: 'ci(pipeline): scan the image before pushing it', body: 'HIGH and CRITICAL findings fail the run.' };
  },
  (files) => {
    const runbook = [
      '# Runbook: payment gateway outage',
      '',
      '1. Check the gateway status page.',
      '2. Look at `payments_capture_errors_total` on the dashboard.',
      '3. Captures are retried; do not retry by hand.',
      '4. If the outage lasts more than an hour, switch checkout to "pay later".'
    ];
    files.set('docs/runbooks/payments.md', `${runbook.join('\n')}\n`);
    return { subject: 'docs: add runbook for payment gateway outages', body: 'Written after the outage of the 14th.' };
  },
  (files, state) => {
    setDocker(files, state, { multiStage: true });
    return { subject: 'chore(docker): multi-stage build', body: 'The runtime image no longer contains dev dependencies or sources: 410 MB → 128 MB.' };
  },
  (files, state) => {
    setPipeline(files, state, { testTimeout: true });
    return { subject: 'ci(pipeline): time out the test stage after 10 minutes', body: 'A hung test kept a runner busy for six hours.' };
  },
  (files) => {
    addReadmeLine(files, 'Configuration', '- `DATABASE_URL`, `REDIS_URL`, `PORT`, `PAYMENT_GATEWAY_KEY` (secret), `LOG_LEVEL`');
    return { subject: 'docs(readme): document environment variables', body: '' };
  },
  (files, state) => {
    setPipeline(files, state, { migrationCheck: true });
    return { subject: 'ci(pipeline): check migrations against a throwaway database', body: 'A migration that only failed on a non-empty table reached staging; check them on a copy first.' };
  },
  (files) => {
    const config = [
      "import tseslint from 'typescript-eslint';",
      '',
      'export default tseslint.config(...tseslint.configs.recommendedTypeChecked, {',
      "  rules: { '@typescript-eslint/no-floating-promises': 'error' }",
      '});'
    ];
    files.set('eslint.config.js', `${config.join('\n')}\n`);
    return { subject: 'chore(lint): enable no-floating-promises', body: 'A forgotten await swallowed a failed capture; the linter now catches that.' };
  },
  (files, state) => {
    setDocker(files, state, { nodeMinor: state.docker.nodeMinor + 4 });
    return { subject: `chore(docker): bump base image to node 20.${state.docker.nodeMinor}`, body: '' };
  },
  (files) => {
    addReadmeLine(files, 'Releasing', 'Merge to main, then run `npm run release`; Shipdeck builds the tag and promotes it dev → staging → prod.');
    return { subject: 'docs(readme): describe the release process', body: '' };
  }
];

/** Applies a direct commit: item `variant` of DIRECT_COMMITS, or a dependency bump. */
export function directCommit(variant: number | 'deps', files: FileTree, state: ProjectState, random: Random): DirectChange {
  const commit = variant === 'deps' ? undefined : DIRECT_COMMITS[variant];
  return commit === undefined ? bumpDependency(files, state, random) : commit(files, state, random);
}
