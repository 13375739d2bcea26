/** The files of shop-api that commits rewrite whole: the pipeline, the Dockerfile and package.json. */
import { behaviourFile, INDEX_CGI } from './demo-service-behaviour';

/** Features of the Shipdeck pipeline file that direct "ci" commits switch on one by one. */
export interface PipelineFeatures {
  readonly npmCache: boolean;
  readonly imageScan: boolean;
  readonly testTimeout: boolean;
  readonly migrationCheck: boolean;
}

export const NO_PIPELINE_FEATURES: PipelineFeatures = { npmCache: false, imageScan: false, testTimeout: false, migrationCheck: false };

/**
 * .shipdeck/pipeline.yml in the schema Shipdeck runs (see the README's "Pipeline file"):
 * install → lint + test (+ migrations) in parallel → build → (scan) → push. No deploy stage: deployments
 * are refused by the pipeline file until they exist.
 */
export function pipelineFile(features: PipelineFeatures): string {
  return [
    '# Shipdeck pipeline for shop-api. Stages run in dependency order; independent stages run in parallel.',
    'version: 1',
    'stages:',
    '  - name: install',
    '    run: npm ci',
    ...(features.npmCache ? ['    env: { npm_config_cache: .npm-cache }'] : []),
    '  - name: lint',
    '    needs: [install]',
    '    run: npm run lint',
    '  - name: test',
    '    needs: [install]',
    '    run: npm test',
    '    env: { NODE_ENV: test }',
    ...(features.testTimeout ? ['    timeout: 10m'] : []),
    ...(features.migrationCheck
      ? ['  - name: migrations', '    needs: [install]', '    run: npm run db:check -- --database "$THROWAWAY_DATABASE_URL"']
      : []),
    '  - name: build',
    `    needs: [lint, test${features.migrationCheck ? ', migrations' : ''}]`,
    '    build: { dockerfile: Dockerfile, context: . }',
    ...(features.imageScan
      ? ['  - name: scan', '    needs: [build]', '    run: trivy image --exit-code 1 --severity HIGH,CRITICAL "$SHIPDECK_IMAGE_REPOSITORY:$GIT_SHA"']
      : []),
    '  - name: push',
    `    needs: [${features.imageScan ? 'scan' : 'build'}]`,
    '    push: {}',
    ''
  ].join('\n');
}

/** The Dockerfile; later commits change the base image and the build. */
export function dockerfile(nodeMinor: number, multiStage: boolean, nonRoot: boolean): string {
  const base = `node:20.${nodeMinor}-alpine`;
  const user = nonRoot ? 'USER node\n' : '';
  if (!multiStage) {
    return `FROM ${base}\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\n${user}EXPOSE 8080\nCMD ["node", "dist/server.js"]\n`;
  }
  return (
    `FROM ${base} AS build\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build && npm prune --omit=dev\n\n` +
    `FROM ${base}\nWORKDIR /app\nENV NODE_ENV=production\nCOPY --from=build /app/node_modules ./node_modules\n` +
    `COPY --from=build /app/dist ./dist\nCOPY migrations ./migrations\n${user}EXPOSE 8080\nCMD ["node", "dist/server.js"]\n`
  );
}

export const DEPENDENCIES: Readonly<Record<string, string>> = {
  fastify: '4.21.0',
  pg: '8.11.1',
  pino: '8.14.1',
  zod: '3.21.4',
  ioredis: '5.3.2',
  jose: '4.14.4',
  typescript: '5.1.6',
  vitest: '0.33.0',
  eslint: '8.45.0',
  '@types/node': '20.4.2'
};

/** package.json as the first commit has it. */
export function packageJson(): string {
  const dependencies = Object.fromEntries(Object.entries(DEPENDENCIES).map(([name, version]) => [name, `^${version}`]));
  const pkg = {
    name: 'shop-api',
    version: '0.0.0',
    private: true,
    description: 'HTTP API of the Acme web shop',
    scripts: {
      build: 'tsc -p .',
      start: 'node dist/server.js',
      test: 'vitest run',
      lint: 'eslint src test',
      'db:check': 'node dist/db/migrate.js --dry-run'
    },
    dependencies
  };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

/** The files of portableBuildFiles that depend on the version: a newer version's commit rewrites these. */
export const VERSIONED_FILES: readonly string[] = ['www/index.html', 'www/v1/version.json', 'behaviour'];

/**
 * The files of the commit that makes shop-api's pipeline run anywhere Docker runs (the tip of main):
 * the image becomes a static mock of the API served by busybox httpd (`busybox:1.36` is pulled on a
 * user's machine; the test setup makes it locally under that name), and the checks are POSIX sh, so
 * neither npm nor a database is needed. The service learns its port from PORT, binds HOST (0.0.0.0 in its container) and
 * answers 200 on /healthz, as Shipdeck expects of what it deploys. Requests to / go through a CGI with the
 * error rate and latency of the version (its `behaviour` file) and are counted on /metrics for Prometheus.
 */
export function portableBuildFiles(version: string): ReadonlyMap<string, string> {
  return new Map([
    ['.shipdeck/pipeline.yml', PORTABLE_PIPELINE],
    ['Dockerfile', PORTABLE_DOCKERFILE],
    // The Dockerfile is listed: Shipdeck's build context honours .dockerignore for it too (the docker CLI
    // always sends it).
    ['.dockerignore', '# Only the site and its behaviour go into the image.\n*\n!www/\n!behaviour\n!Dockerfile\n'],
    ['behaviour', behaviourFile(version)],
    ['www/healthz', 'ok\n'],
    ['www/cgi-bin/index.cgi', INDEX_CGI],
    ['www/index.html', `<!doctype html>\n<title>shop-api</title>\n<h1>shop-api ${version}</h1>\n<p>The Acme web shop's HTTP API (demo image).</p>\n`],
    ['www/v1/version.json', `${JSON.stringify({ service: 'shop-api', version })}\n`],
    ['ci/test.sh', CI_TEST],
    ['ci/lint.sh', CI_LINT]
  ]);
}

export const PORTABLE_PIPELINE = `# Shipdeck pipeline for shop-api. Stages run in dependency order; independent stages run in parallel.
version: 1
stages:
  - name: test
    run: sh ci/test.sh
    timeout: 5m
    env: { NODE_ENV: test }
  - name: lint
    image: busybox:1.36
    run: sh ci/lint.sh
  - name: build
    needs: [test, lint]
    build: { dockerfile: Dockerfile, context: . }
  - name: push
    needs: [build]
    push: {}
`;

export const PORTABLE_DOCKERFILE = `# shop-api's image: a static mock of the API served by busybox httpd, small and quick to build.
# The port comes from PORT; GET /healthz answers 200 when the server is up. It listens on HOST (0.0.0.0:
# inside its container, published by Shipdeck on 127.0.0.1 only; set HOST=127.0.0.1 on a host network).
# GET / runs www/cgi-bin/index.cgi (httpd does for a folder without index.html, so the page moves out of
# www/): it answers with the error rate and latency in /srv/behaviour and counts requests; /metrics serves
# the counts to Prometheus.
FROM busybox:1.36
WORKDIR /srv
COPY www/ /srv/www/
COPY behaviour /srv/behaviour
RUN mv /srv/www/index.html /srv/index.html && mkdir -p /srv/www/metrics && chmod 755 /srv/www/cgi-bin/index.cgi
ENV PORT=8080
EXPOSE 8080
CMD ["sh", "-c", "exec httpd -f -p \${HOST:-0.0.0.0}:$PORT -h /srv/www"]
`;

const CI_TEST = `#!/bin/sh
# Smoke tests of what the image serves; POSIX sh only, so they run on any machine.
set -u
passed=0
failed=0
check() {
  if sh -c "$2"; then passed=$((passed + 1)); echo "  ok   $1"; else failed=$((failed + 1)); echo "  FAIL $1"; fi
}
echo "shop-api smoke tests"
check "the health path answers ok" '[ "$(cat www/healthz)" = ok ]'
check "the index page names the service" 'grep -q shop-api www/index.html'
check "version.json names the service" 'grep -q shop-api www/v1/version.json'
check "every migration is numbered" '! ls migrations | grep -v "^[0-9][0-9][0-9]_[a-z0-9_]*\\.sql$"'
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
`;

const CI_LINT = `#!/bin/sh
# Style checks: shell scripts parse, and no source file has tabs or trailing spaces.
set -u
problems=0
for script in ci/*.sh; do
  sh -n "$script" || problems=$((problems + 1))
done
for file in $(find src test -name '*.ts'); do
  if grep -n "$(printf '\\t')\\|[[:space:]]$" "$file"; then echo "$file: tabs or trailing spaces"; problems=$((problems + 1)); fi
done
echo "lint: $problems problem(s)"
[ "$problems" -eq 0 ]
`;
