/** The files of shop-api that commits rewrite whole: the pipeline, the Dockerfile and package.json. */

/** Features of the Shipdeck pipeline file that direct "ci" commits switch on one by one. */
export interface PipelineFeatures {
  readonly npmCache: boolean;
  readonly imageScan: boolean;
  readonly testTimeout: boolean;
  readonly migrationCheck: boolean;
}

export const NO_PIPELINE_FEATURES: PipelineFeatures = { npmCache: false, imageScan: false, testTimeout: false, migrationCheck: false };

/** .shipdeck/pipeline.yml: source → build → test → scan → push → deploy, as Shipdeck runs it. */
export function pipelineFile(features: PipelineFeatures): string {
  const cache = features.npmCache ? '    cache: [~/.npm]\n' : '';
  return [
    '# Shipdeck pipeline for shop-api. Stages run in dependency order; independent stages run in parallel.',
    'version: 1',
    'service: shop-api',
    'image: 127.0.0.1:5000/shop/api',
    'stages:',
    '  - name: install',
    '    run: npm ci',
    cache.trimEnd(),
    '  - name: lint',
    '    needs: [install]',
    '    run: npm run lint',
    '  - name: test',
    '    needs: [install]',
    '    run: npm test',
    features.testTimeout ? '    timeout: 10m' : '',
    ...(features.migrationCheck
      ? ['  - name: migrations', '    needs: [install]', '    run: npm run db:check -- --database "$THROWAWAY_DATABASE_URL"']
      : []),
    '  - name: build',
    `    needs: [lint, test${features.migrationCheck ? ', migrations' : ''}]`,
    '    run: docker build -t "$IMAGE:$GIT_SHA" .',
    ...(features.imageScan ? ['  - name: scan', '    needs: [build]', '    run: trivy image --exit-code 1 --severity HIGH,CRITICAL "$IMAGE:$GIT_SHA"'] : []),
    '  - name: push',
    `    needs: [${features.imageScan ? 'scan' : 'build'}]`,
    '    run: docker push "$IMAGE:$GIT_SHA"',
    '  - name: deploy',
    '    needs: [push]',
    '    environment: dev',
    ''
  ]
    .filter((line, index, lines) => line !== '' || index === lines.length - 1)
    .join('\n');
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
