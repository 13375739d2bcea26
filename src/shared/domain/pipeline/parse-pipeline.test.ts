import { describe, expect, it } from 'vitest';
import { parsePipeline, type PipelineParseResult } from './parse-pipeline';

const ISSUE_EXAMPLE = `version: 1
stages:
  - name: test                 # unique, [a-z0-9-]
    run: ./ci/test.sh          # a host process, in a clean checkout of the run's commit
    timeout: 10m               # optional; default 30m
    env: { NODE_ENV: test }    # optional
    workdir: app               # optional, relative to the checkout
  - name: lint
    image: busybox:1.36        # optional: run inside a container of this (local or pullable) image
    run: sh -c 'test -f README.md'
  - name: build
    needs: [test, lint]        # runs after both succeeded; stages without a path between them run in parallel
    build: { dockerfile: Dockerfile, context: . }   # both optional, these are the defaults
  - name: push
    needs: [build]
    push: {}                   # to the service's image repository
`;

function problems(result: PipelineParseResult) {
  if (result.ok) throw new Error('expected the file to be refused');
  return result.problems;
}

function refusedWith(text: string) {
  const [first, ...rest] = problems(parsePipeline(text));
  if (!first) throw new Error('no problem reported');
  return { first, rest };
}

describe('parsePipeline: the issue example', () => {
  it('reads every stage with its kind, defaults and settings', () => {
    const result = parsePipeline(ISSUE_EXAMPLE);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const [test, lint, build, push] = result.definition.stages;
    expect(test).toEqual({ kind: 'run', name: 'test', run: './ci/test.sh', image: null, needs: [], timeoutMs: 600_000, env: { NODE_ENV: 'test' }, workdir: 'app' });
    expect(lint).toMatchObject({ kind: 'run', name: 'lint', image: 'busybox:1.36', run: "sh -c 'test -f README.md'", timeoutMs: 30 * 60_000, workdir: '.' });
    expect(build).toMatchObject({ kind: 'build', needs: ['test', 'lint'], dockerfile: 'Dockerfile', context: '.' });
    expect(push).toMatchObject({ kind: 'push', needs: ['build'], build: 'build' });
    expect(result.definition.version).toBe(1);
  });

  it('takes the build defaults when build is empty or null, and finds the build of a push through other stages', () => {
    const result = parsePipeline('version: 1\nstages:\n  - name: image\n    build:\n  - name: scan\n    needs: [image]\n    run: echo scan\n  - name: push\n    needs: [scan]\n    push: {}\n');
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.definition.stages[0]).toMatchObject({ kind: 'build', dockerfile: 'Dockerfile', context: '.' });
    expect(result.definition.stages[2]).toMatchObject({ kind: 'push', build: 'image' });
  });

  it('turns env numbers and booleans into strings, and normalises paths', () => {
    const result = parsePipeline('version: 1\nstages:\n  - name: a\n    run: "true"\n    env: { PORT: 8080, DEBUG: true }\n    workdir: ./app/../web/\n');
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.definition.stages[0]).toMatchObject({ env: { PORT: '8080', DEBUG: 'true' }, workdir: 'web' });
  });

  it('reads 1h30m and 90s timeouts', () => {
    const result = parsePipeline('version: 1\nstages:\n  - name: a\n    run: x\n    timeout: 1h30m\n  - name: b\n    run: y\n    timeout: 90s\n');
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.definition.stages.map((stage) => stage.timeoutMs)).toEqual([5_400_000, 90_000]);
  });
});

describe('parsePipeline: refusals name the line and column', () => {
  it('YAML syntax errors', () => {
    const { first } = refusedWith('version: 1\nstages:\n  - name: a\n    run: [unclosed\n');
    expect(first.message).toMatch(/^YAML syntax: /);
    expect(first.line).toBeGreaterThanOrEqual(4);
  });

  it('a tab for indentation', () => {
    const { first } = refusedWith('version: 1\nstages:\n\t- name: a\n');
    expect(first).toMatchObject({ line: 3, column: 1 });
    expect(first.message).toMatch(/YAML syntax/);
  });

  it('a key given twice in one mapping', () => {
    const { first } = refusedWith('version: 1\nstages:\n  - name: a\n    run: x\n    run: y\n');
    expect(first.line).toBe(5);
    expect(first.message).toMatch(/YAML syntax: .*unique/i);
  });

  it('an unknown key, at the key', () => {
    const { first } = refusedWith('version: 1\nstages:\n  - name: test\n    run: x\n    timout: 10m\n');
    expect(first).toEqual({ line: 5, column: 5, message: 'stage "test": unknown key "timout"' });
  });

  it('an unknown top-level key', () => {
    const { first } = refusedWith('version: 1\nservice: shop-api\nstages:\n  - name: a\n    run: x\n');
    expect(first).toEqual({ line: 2, column: 1, message: 'the file: unknown key "service"' });
  });

  it('an unknown key inside build', () => {
    const { first } = refusedWith('version: 1\nstages:\n  - name: b\n    build: { dockerfile: D, target: prod }\n');
    expect(first).toMatchObject({ line: 4, column: 29, message: 'stage "b", build: unknown key "target"' });
  });

  it('wrong types, at the value', () => {
    const { first, rest } = refusedWith('version: 1\nstages:\n  - name: a\n    run: 42\n    needs: test\n');
    expect(first).toMatchObject({ line: 4, column: 10 });
    expect(first.message).toContain('run must be a command');
    expect(rest[0]).toMatchObject({ line: 5, column: 12 });
    expect(rest[0]?.message).toContain('needs must be a list');
  });

  it('a timeout without a unit, or with a bad one', () => {
    expect(refusedWith('version: 1\nstages:\n  - name: a\n    run: x\n    timeout: 600\n').first).toMatchObject({ line: 5, column: 14 });
    const { first } = refusedWith('version: 1\nstages:\n  - name: a\n    run: x\n    timeout: 10 minutes\n');
    expect(first.message).toBe('stage "a", timeout: timeout "10 minutes" is not a duration: write it like 90s, 10m, 1h or 1h30m');
    expect(refusedWith('version: 1\nstages:\n  - name: a\n    run: x\n    timeout: 0s\n').first.message).toContain('longer than 0s');
    expect(refusedWith('version: 1\nstages:\n  - name: a\n    run: x\n    timeout: 25h\n').first.message).toContain('24h');
  });

  it('a bad stage name', () => {
    const { first } = refusedWith('version: 1\nstages:\n  - name: Build_Image\n    run: x\n');
    expect(first).toMatchObject({ line: 3, column: 11 });
    expect(first.message).toContain('a–z, 0–9 and "-"');
  });

  it('a stage without a name, at the stage', () => {
    const { first } = refusedWith('version: 1\nstages:\n  - run: x\n');
    expect(first).toMatchObject({ line: 3, column: 5 });
    expect(first.message).toContain('every stage needs a name');
  });

  it('workdir outside the checkout', () => {
    expect(refusedWith('version: 1\nstages:\n  - name: a\n    run: x\n    workdir: ../elsewhere\n').first).toMatchObject({
      line: 5,
      column: 14,
      message: 'stage "a", workdir: workdir "../elsewhere" leaves the checkout (".." goes above it)'
    });
    expect(refusedWith('version: 1\nstages:\n  - name: a\n    run: x\n    workdir: /etc\n').first.message).toContain('must be relative');
    expect(refusedWith('version: 1\nstages:\n  - name: a\n    run: x\n    workdir: a/../../b\n').first.message).toContain('leaves the checkout');
  });

  it('a needs naming no stage, at that name', () => {
    const { first } = refusedWith('version: 1\nstages:\n  - name: build\n    needs: [test, lnt]\n    run: x\n  - name: test\n    run: y\n');
    expect(first).toEqual({ line: 4, column: 19, message: 'stage "build" needs "lnt", but no stage has that name' });
  });

  it('a cycle in needs, naming the cycle', () => {
    const { first } = refusedWith('version: 1\nstages:\n  - name: a\n    needs: [b]\n    run: x\n  - name: b\n    needs: [a]\n    run: y\n');
    expect(first).toEqual({ line: 4, column: 12, message: 'the stages depend on each other in a cycle: a → b → a' });
  });

  it('a longer cycle behind a stage outside it, and a stage needing itself', () => {
    const text = 'version: 1\nstages:\n  - name: start\n    run: x\n  - name: a\n    needs: [start, c]\n    run: x\n  - name: b\n    needs: [a]\n    run: x\n  - name: c\n    needs: [b]\n    run: x\n';
    expect(refusedWith(text).first.message).toBe('the stages depend on each other in a cycle: a → c → b → a');
    expect(refusedWith('version: 1\nstages:\n  - name: a\n    needs: [a]\n    run: x\n').first.message).toContain('a → a');
  });

  it('duplicate names, at the second, pointing at the first', () => {
    const { first } = refusedWith('version: 1\nstages:\n  - name: test\n    run: x\n  - name: test\n    run: y\n');
    expect(first).toEqual({ line: 5, column: 11, message: 'stage name "test" is used twice (first on line 3): names must be unique' });
  });

  it('a deploy stage: refused with a clear message, never a fake success', () => {
    const { first } = refusedWith('version: 1\nstages:\n  - name: ship\n    deploy: staging\n');
    expect(first).toMatchObject({ line: 4, column: 5 });
    expect(first.message).toMatch(/^deployments are not available yet: remove the deploy stage "ship"/);
  });

  it('a stage that does two things, or nothing', () => {
    expect(refusedWith('version: 1\nstages:\n  - name: a\n    run: x\n    build: {}\n').first).toMatchObject({
      line: 5,
      message: 'stage "a" has both run and build: a stage does one thing, so split it into two stages'
    });
    expect(refusedWith('version: 1\nstages:\n  - name: a\n    needs: []\n').first.message).toBe(
      'stage "a" has nothing to do: give it one of run, build, push or deploy'
    );
    expect(refusedWith('version: 1\nstages:\n  - name: a\n    image: busybox\n    build: {}\n').first.message).toContain('has an image but no run');
  });

  it('a push without a build, or after two builds', () => {
    expect(refusedWith('version: 1\nstages:\n  - name: push\n    push: {}\n').first.message).toContain('has no build stage to push');
    const text = 'version: 1\nstages:\n  - name: a\n    build: {}\n  - name: b\n    build: { context: b }\n  - name: push\n    needs: [a, b]\n    push: {}\n';
    expect(refusedWith(text).first.message).toContain('several build stages (a, b)');
  });

  it('push with settings', () => {
    expect(refusedWith('version: 1\nstages:\n  - name: b\n    build: {}\n  - name: p\n    needs: [b]\n    push: { tag: latest }\n').first.message).toBe(
      'stage "p", push: unknown key "tag"'
    );
  });

  it('a wrong version, a missing stage list, an empty file, a bare string', () => {
    expect(refusedWith('version: 2\nstages:\n  - name: a\n    run: x\n').first).toMatchObject({ line: 1, column: 10, message: 'version: version must be 1 (the only version of the pipeline file so far)' });
    expect(refusedWith('version: 1\nstages: []\n').first.message).toContain('at least one stage');
    expect(refusedWith('version: 1\n').first.message).toContain('stages');
    expect(refusedWith('# nothing yet\n').first).toMatchObject({ line: 1, column: 1, message: expect.stringContaining('empty') });
    expect(refusedWith('just text\n').first.message).toContain('must be a mapping');
  });

  it('bad env names and values', () => {
    const name = refusedWith('version: 1\nstages:\n  - name: a\n    run: x\n    env:\n      1BAD: x\n').first;
    expect(name).toMatchObject({ line: 6, column: 13, message: 'stage "a", env.1BAD: env name "1BAD" must be letters, digits and "_", not starting with a digit' });
    const value = refusedWith('version: 1\nstages:\n  - name: a\n    run: x\n    env:\n      NESTED: { a: 1 }\n').first;
    expect(value).toMatchObject({ line: 6, column: 15 });
    expect(value.message).toContain('an env value must be');
  });

  it('reports every problem, in the order of the file, and one summary error', () => {
    const result = parsePipeline('version: 1\nstages:\n  - name: a\n    run: x\n    colour: red\n  - name: b\n    run: 3\n');
    expect(problems(result).map((problem) => problem.line)).toEqual([5, 7]);
    if (result.ok) return;
    expect(result.error).toEqual({
      code: 'INVALID_PIPELINE',
      message: '.shipdeck/pipeline.yml is not valid — line 5, column 5: stage "a": unknown key "colour" (and 1 more problem).',
      hint: 'Fix .shipdeck/pipeline.yml in the repository, commit it, and start the run again. Nothing was run.'
    });
  });

  it('refuses an alias bomb instead of expanding it', () => {
    const bomb = ['version: 1', 'a: &a [x, x, x, x, x, x, x, x, x, x]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]', 'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]', 'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c]', 'stages: []'].join('\n');
    expect(parsePipeline(bomb).ok).toBe(false);
  });
});
