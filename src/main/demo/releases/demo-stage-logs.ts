/**
 * The log of one recorded demo stage: short, generated, and shaped like what the real tools print
 * (npm, eslint, vitest, docker build and push), with a few ANSI colours, an error where the stage
 * failed, and the runner's own first and last lines. Deterministic for a stage and a random source.
 */
import type { NewLogLine } from '../../ports/run-logs';
import { createRandom } from '../prng';
import type { PlannedStage } from './demo-release-plan';

const GREEN = '\x1b[32m';
const RED = '\x1b[31m';
const YELLOW = '\x1b[33m';
const DIM = '\x1b[2m';
const BOLD = '\x1b[1m';
const RESET = '\x1b[0m';

const out = (text: string): NewLogLine => ({ stream: 'stdout', text });
const err = (text: string): NewLogLine => ({ stream: 'stderr', text });
const system = (text: string): NewLogLine => ({ stream: 'system', text });

const TEST_FILES = ['products', 'orders', 'checkout', 'payments', 'auth', 'inventory', 'customers', 'search'] as const;

export interface StageLogInput {
  readonly stage: PlannedStage;
  /** The run's pipeline is the portable one (sh checks, busybox image) rather than the npm one. */
  readonly portable: boolean;
  readonly commitSha: string;
  readonly imageRepository: string;
  readonly digest: string;
}

function firstLine(stage: PlannedStage): string {
  const definition = stage.definition;
  switch (definition.kind) {
    case 'run':
      return definition.image === null ? `$ ${definition.run}` : `$ ${definition.run} (in a container of ${definition.image})`;
    case 'build':
      return `building the image from ${definition.dockerfile} (context ${definition.context})`;
    case 'push':
      return `pushing the image of stage "${definition.build}"`;
    case 'deploy':
      return `deploying to ${definition.environment}`;
  }
}

function lastLine(stage: PlannedStage): string {
  const seconds = ((stage.finishedAt - (stage.startedAt ?? stage.finishedAt)) / 1000).toFixed(1);
  switch (stage.outcome) {
    case 'succeeded':
      return `succeeded in ${seconds} s`;
    case 'failed':
      return stage.exitCode === null ? 'The image could not be built: a Dockerfile instruction failed (see above).' : `exited with code ${stage.exitCode}`;
    case 'cancelled':
      return 'cancelled; the stage was stopped';
    case 'interrupted':
      return 'interrupted: Shipdeck stopped while this stage ran; the run was marked interrupted on the next start';
    case 'skipped':
      return 'skipped';
  }
}

function testLines(input: StageLogInput, failing: boolean, portable: boolean, random: ReturnType<typeof createRandom>): NewLogLine[] {
  if (portable) {
    const lines = [out('shop-api smoke tests'), out(`  ok   the health path answers ok`), out('  ok   the index page names the service'), out('  ok   version.json names the service')];
    lines.push(failing ? out('  FAIL every migration is numbered') : out('  ok   every migration is numbered'));
    lines.push(out(failing ? '3 passed, 1 failed' : '4 passed, 0 failed'));
    return lines;
  }
  const lines: NewLogLine[] = [out(''), out('> shop-api@1.0.0 test'), out('> vitest run'), out(''), out(` ${BOLD}RUN${RESET}  v0.33.0 /work/shop-api`), out('')];
  const files = TEST_FILES.slice(0, random.int(5, TEST_FILES.length));
  const broken = failing ? random.int(0, files.length - 1) : -1;
  let tests = 0;
  files.forEach((file, index) => {
    const count = random.int(6, 24);
    tests += count;
    const ms = random.int(40, 900);
    lines.push(index === broken ? out(` ${RED}❯${RESET} test/${file}.test.ts ${DIM}(${count} tests | ${RED}1 failed${RESET}${DIM}) ${ms}ms${RESET}`) : out(` ${GREEN}✓${RESET} test/${file}.test.ts ${DIM}(${count} tests) ${ms}ms${RESET}`));
  });
  lines.push(out(''));
  if (failing) {
    const file = files[broken] ?? 'orders';
    lines.push(
      err(`${RED}${BOLD}⎯⎯⎯⎯⎯⎯⎯ Failed Tests 1 ⎯⎯⎯⎯⎯⎯⎯${RESET}`),
      err(''),
      err(`${RED}${BOLD} FAIL ${RESET} test/${file}.test.ts > ${file} > answers within the request timeout`),
      err(`${RED}AssertionError: expected 504 to be less than 500${RESET}`),
      err(''),
      err(` ${DIM}❯ test/${file}.test.ts:${random.int(20, 140)}:${random.int(5, 30)}${RESET}`),
      err(''),
      out(` ${BOLD}Test Files${RESET}  ${RED}1 failed${RESET} | ${GREEN}${files.length - 1} passed${RESET} (${files.length})`),
      out(` ${BOLD}     Tests${RESET}  ${RED}1 failed${RESET} | ${GREEN}${tests - 1} passed${RESET} (${tests})`)
    );
  } else {
    lines.push(out(` ${BOLD}Test Files${RESET}  ${GREEN}${files.length} passed${RESET} (${files.length})`), out(` ${BOLD}     Tests${RESET}  ${GREEN}${tests} passed${RESET} (${tests})`));
  }
  lines.push(out(`  ${BOLD}Duration${RESET}  ${((input.stage.finishedAt - (input.stage.startedAt ?? 0)) / 1000 - 1.4).toFixed(2)}s`));
  return lines;
}

function lintLines(failing: boolean, portable: boolean, random: ReturnType<typeof createRandom>): NewLogLine[] {
  if (portable) {
    return failing
      ? [out(`src/routes/orders.ts:${random.int(10, 90)}:\tconst limit = MAX_PAGE_SIZE; `), out('src/routes/orders.ts: tabs or trailing spaces'), out('lint: 1 problem(s)')]
      : [out('lint: 0 problem(s)')];
  }
  const lines = [out(''), out('> shop-api@1.0.0 lint'), out('> eslint src test'), out('')];
  if (!failing) return lines;
  const line = random.int(12, 140);
  return [
    ...lines,
    out(`/work/shop-api/src/routes/${random.pick(TEST_FILES)}.ts`),
    out(`  ${DIM}${line}:${random.int(3, 40)}${RESET}  ${RED}error${RESET}  'input' is assigned a value but never used  ${DIM}@typescript-eslint/no-unused-vars${RESET}`),
    out(`  ${DIM}${line + random.int(3, 30)}:5${RESET}  ${YELLOW}warning${RESET}  Unexpected console statement  ${DIM}no-console${RESET}`),
    out(''),
    out(`${RED}${BOLD}✖ 2 problems (1 error, 1 warning)${RESET}`),
    err('npm ERR! Lifecycle script `lint` failed with error:'),
    err('npm ERR! Error: command failed')
  ];
}

function buildLines(input: StageLogInput, failing: boolean, portable: boolean, random: ReturnType<typeof createRandom>): NewLogLine[] {
  const steps = portable
    ? ['FROM busybox:1.36', 'WORKDIR /srv', 'COPY www/ /srv/www/', 'ENV PORT=8080', 'EXPOSE 8080', 'CMD ["sh", "-c", "exec httpd -f -p ${HOST:-0.0.0.0}:$PORT -h /srv/www"]']
    : ['FROM node:20-alpine', 'WORKDIR /app', 'COPY package*.json ./', 'RUN npm ci', 'COPY . .', 'RUN npm run build', 'EXPOSE 8080', 'CMD ["node", "dist/server.js"]'];
  const lines: NewLogLine[] = [out(`Sending build context to Docker daemon  ${random.int(180, 900)}kB`)];
  const failAt = failing ? steps.findIndex((step) => step.startsWith(portable ? 'COPY' : 'RUN npm run build')) : -1;
  for (const [index, step] of steps.entries()) {
    lines.push(out(`Step ${index + 1}/${steps.length} : ${step}`));
    if (index === failAt && portable) {
      lines.push(err('COPY failed: file not found in build context or excluded by .dockerignore: stat www/: file does not exist'));
      return lines;
    }
    if (index === failAt) {
      lines.push(
        out(` ---> Running in ${hex(input.commitSha, 'container', 12)}`),
        out(''),
        out('> shop-api@1.0.0 build'),
        out('> tsc -p .'),
        out(''),
        out(`src/db/pool.ts(${random.int(10, 60)},${random.int(3, 20)}): ${RED}error${RESET} TS2345: Argument of type 'string | undefined' is not assignable to parameter of type 'string'.`),
        err("The command '/bin/sh -c npm run build' returned a non-zero code: 2")
      );
      return lines;
    }
    const layer = hex(input.commitSha, `layer${index}`, 12);
    if (index > 0 && index < 3) {
      lines.push(out(' ---> Using cache'), out(` ---> ${layer}`));
      continue;
    }
    if (index > 0) {
      const container = hex(input.commitSha, `step${index}`, 12);
      lines.push(out(` ---> Running in ${container}`));
      if (step === 'RUN npm ci') lines.push(out(`added ${random.int(380, 460)} packages in ${random.int(8, 40)}s`));
      lines.push(out(`Removing intermediate container ${container}`));
    }
    lines.push(out(` ---> ${layer}`));
  }
  const id = hex(input.commitSha, 'image', 12);
  return [...lines, out(`Successfully built ${id}`), out(`Successfully tagged ${input.imageRepository}:${input.commitSha}`), out(`Successfully tagged ${input.imageRepository}:${input.commitSha.slice(0, 12)}`)];
}

function pushLines(input: StageLogInput, random: ReturnType<typeof createRandom>): NewLogLine[] {
  const layers = [0, 1, 2, 3].map((n) => hex(input.commitSha, `push${n}`, 12));
  return [
    out(`The push refers to repository [${input.imageRepository}]`),
    ...layers.map((layer, index) => out(`${layer}: ${index === layers.length - 1 ? 'Layer already exists' : 'Pushed'}`)),
    out(`${input.commitSha}: digest: ${input.digest} size: ${random.int(1100, 2400)}`)
  ];
}

function otherLines(stage: PlannedStage, failing: boolean, random: ReturnType<typeof createRandom>): NewLogLine[] {
  if (stage.name === 'install') {
    return [
      out(`${YELLOW}npm WARN${RESET} deprecated inflight@1.0.6: This module is not supported, and leaks memory.`),
      out(''),
      out(`added ${random.int(380, 460)} packages, and audited ${random.int(460, 520)} packages in ${random.int(9, 70)}s`),
      out(''),
      out(`${random.int(60, 90)} packages are looking for funding`),
      out('  run `npm fund` for details'),
      out(''),
      out(`found ${GREEN}0${RESET} vulnerabilities`)
    ];
  }
  if (stage.name === 'migrations') {
    const count = random.int(8, 16);
    const lines = [out(''), out('> shop-api@1.0.0 db:check'), out('> node dist/db/migrate.js --dry-run --database $THROWAWAY_DATABASE_URL'), out('')];
    for (let n = 1; n <= count; n++) lines.push(out(`  ${GREEN}✓${RESET} ${String(n).padStart(3, '0')} applies and rolls back cleanly`));
    return failing ? [...lines, err(`${RED}error${RESET}: migration ${String(count + 1).padStart(3, '0')} is not reversible`)] : [...lines, out(`${count} migrations checked against a throwaway database`)];
  }
  if (stage.name === 'scan') {
    return [out(`${DIM}2025-01-01T00:00:00Z${RESET}\tINFO\tVulnerability scanning is enabled`), out('Total: 0 (HIGH: 0, CRITICAL: 0)')];
  }
  return failing ? [err(`${RED}error${RESET}: the check failed`)] : [out('done')];
}

/** A hex string derived from the commit, so ids in logs are stable. */
function hex(commitSha: string, salt: string, length: number): string {
  let state = 0;
  for (const char of `${commitSha}${salt}`) state = (Math.imul(state, 31) + char.charCodeAt(0)) >>> 0;
  const random = createRandom(state);
  let text = '';
  while (text.length < length) text += Math.floor(random.next() * 16).toString(16);
  return text;
}

/** The lines of a stage that started; a stopped stage's log ends where it was stopped. */
export function demoStageLog(input: StageLogInput): NewLogLine[] {
  const { stage } = input;
  const random = createRandom(parseInt(input.commitSha.slice(0, 8), 16) ^ stage.name.length);
  const failing = stage.outcome === 'failed';
  const definition = stage.definition;
  const { portable } = input;
  let body: NewLogLine[];
  if (definition.kind === 'build') body = buildLines(input, failing, portable, random);
  else if (definition.kind === 'push') body = pushLines(input, random);
  else if (stage.name === 'test') body = testLines(input, failing, portable, random);
  else if (stage.name === 'lint') body = lintLines(failing, portable, random);
  else body = otherLines(stage, failing, random);
  // A stopped stage printed only part of its output.
  if (stage.outcome === 'cancelled' || stage.outcome === 'interrupted') body = body.slice(0, Math.max(1, Math.floor(body.length / 2)));
  return [system(firstLine(stage)), ...body, system(lastLine(stage))];
}
