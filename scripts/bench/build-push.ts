// Build + push of the tiny demo context through Shipdeck's Docker adapter, against the docker CLI
// (`DOCKER_BUILDKIT=0 docker build` + `docker push`) on the same context, engine and registry.
// Both add the same two provenance labels (revision, version), so the ratio is the adapter's own cost.
// Each build gets a fresh file so neither side is served from the builder's cache (the base layer is
// cached, and already in the registry, for both). The two alternate, so drift hits both alike.
// Run alone: `node --import tsx scripts/bench/build-push.ts`; or call buildPushBench() from the bench.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDockerContainersPort } from '../../src/main/adapters/docker/docker-adapter';
import { dockerAnswers, ensureBaseImage, makeDemoContext, startTestRegistry } from '../../src/main/testing/docker-fixtures';
import { ms } from './measure';

export interface BuildPushFigures {
  readonly runs: number;
  /** Median of build + push through the adapter. */
  readonly adapterMs: number;
  /** Median of `docker build` + `docker push` through the CLI. */
  readonly cliMs: number;
  readonly ratio: number;
}

function run(command: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...args], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} failed: ${stderr.trim()}`))));
  });
}

const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

/** Null when no Docker engine answers or docker-registry is missing (the figure is then not measured). */
export async function buildPushBench(runs = 5): Promise<BuildPushFigures | null> {
  if (!(await dockerAnswers())) return null;
  await ensureBaseImage();
  const registry = await startTestRegistry();
  const containers = createDockerContainersPort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipdeck-bench-build-'));
  const context = makeDemoContext(path.join(dir, 'demo'));
  const repository = `${registry.host}/bench/demo`;
  const cliEnv = { ...process.env, DOCKER_BUILDKIT: '0' };
  const adapter: number[] = [];
  const cli: number[] = [];
  try {
    for (let i = 0; i < runs * 2; i++) {
      // A new file each time: a real COPY layer to build and push.
      fs.writeFileSync(path.join(context, 'build-id.txt'), randomBytes(16).toString('hex'));
      const sha = randomBytes(20).toString('hex');
      const started = performance.now();
      if (i % 2 === 0) {
        const built = await containers.buildImage({ checkoutDir: context, repository, commitSha: sha, version: `1.0.${i}` }, () => undefined);
        await containers.pushImage({ reference: built.tags[1] ?? '' }, () => undefined);
        adapter.push(performance.now() - started);
      } else {
        const tags = [sha, sha.slice(0, 7), `1.0.${i}`].flatMap((tag) => ['-t', `${repository}:${tag}`]);
        // The same provenance labels the adapter adds (the legacy builder makes one step of each).
        const labels = ['--label', `org.opencontainers.image.revision=${sha}`, '--label', `org.opencontainers.image.version=1.0.${i}`];
        await run('docker', ['build', '-q', ...tags, ...labels, context], cliEnv);
        await run('docker', ['push', `${repository}:${sha.slice(0, 7)}`], cliEnv);
        cli.push(performance.now() - started);
      }
    }
  } finally {
    await registry.stop();
    for (const image of await containers.listImages(repository)) {
      for (const tag of image.repoTags) await containers.removeImage(tag, { force: true }).catch(() => undefined);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const adapterMs = median(adapter);
  const cliMs = median(cli);
  return { runs, adapterMs, cliMs, ratio: adapterMs / cliMs };
}

if (require.main === module) {
  buildPushBench()
    .then((figures) => {
      if (figures === null) {
        console.log('build + push: not measured (no Docker engine answers; start it with scripts/services/docker.sh start)');
        return;
      }
      console.log(`Build + push of the demo image, medians of ${figures.runs} runs each`);
      console.log(`  through Shipdeck's adapter        ${ms(figures.adapterMs).padStart(10)}`);
      console.log(`  docker build + docker push (CLI)  ${ms(figures.cliMs).padStart(10)}`);
      console.log(`  ratio                             ${`${figures.ratio.toFixed(2)} ×`.padStart(10)}`);
    })
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    });
}
