/** The files of shop-api that commits rewrite whole: the pipeline, the Dockerfile and package.json. */

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
