/** The files of the very first commit of shop-api. */
import { dockerfile, NO_PIPELINE_FEATURES, packageJson, pipelineFile } from './demo-build-files';
import type { FileTree } from './demo-files';

/** A text file from its lines. */
const file = (...lines: string[]): string => `${lines.join('\n')}\n`;

/** The files of the very first commit (the second adds the Dockerfile and the pipeline). */
export function scaffoldFiles(): FileTree {
  return new Map<string, string | Buffer>([
    [
      'README.md',
      file(
        '# shop-api',
        '',
        'The HTTP API behind the Acme web shop: catalogue, cart, checkout, orders and payments.',
        '',
        '## Getting started',
        '',
        '```sh',
        'npm ci',
        'npm run build',
        'DATABASE_URL=postgres://localhost/shop npm start',
        '```',
        '',
        '## API',
        '',
        '- `GET /health`: liveness probe'
      )
    ],
    [
      'CHANGELOG.md',
      file(
        '# Changelog',
        '',
        'All notable changes to shop-api are documented here. The format follows Keep a Changelog and the',
        'project uses semantic versioning.'
      )
    ],
    ['package.json', packageJson()],
    [
      'tsconfig.json',
      file(
        '{',
        '  "compilerOptions": {',
        '    "target": "ES2022",',
        '    "module": "NodeNext",',
        '    "strict": true,',
        '    "outDir": "dist"',
        '  },',
        '  "include": ["src"]',
        '}'
      )
    ],
    [
      '.gitignore',
      file(
        'node_modules/',
        'dist/',
        '.env',
        'coverage/'
      )
    ],
    ['Dockerfile', dockerfile(3, false, false)],
    ['.shipdeck/pipeline.yml', pipelineFile(NO_PIPELINE_FEATURES)],
    [
      'src/server.ts',
      file(
        'import { buildApp } from \'./app\';',
        'import { config } from \'./config\';',
        '',
        'const app = await buildApp({ database: config.databaseUrl });',
        'await app.listen({ host: \'0.0.0.0\', port: config.port });'
      )
    ],
    [
      'src/app.ts',
      file(
        'import Fastify from \'fastify\';',
        'import { health } from \'./routes/health\';',
        '',
        'export async function buildApp(options: { database: string }) {',
        '  const app = Fastify({ logger: true });',
        '  app.decorate(\'database\', options.database);',
        '  app.get(\'/health\', health);',
        '  return app;',
        '}'
      )
    ],
    [
      'src/config.ts',
      file(
        'export const config = {',
        '  port: process.env.PORT ?? \'8080\',',
        '  databaseUrl: process.env.DATABASE_URL ?? \'postgres://localhost/shop\',',
        '  databasePoolSize: process.env.DATABASE_POOL_SIZE ?? \'10\'',
        '};'
      )
    ],
    [
      'src/routes/health.ts',
      file(
        'import type { ApiReply, ApiRequest } from \'../http\';',
        '',
        'export async function health(_request: ApiRequest, reply: ApiReply): Promise<void> {',
        '  await reply.send({ status: \'ok\', time: new Date().toISOString() });',
        '}'
      )
    ],
    [
      'src/db/queries.ts',
      file(
        'import type { Db } from \'../http\';',
        '',
        'export async function findProduct(db: Db, id: number) {',
        '  const rows = await db.query(\'SELECT id, name, price_cents FROM products WHERE id = $1\', [id]);',
        '  return rows[0] ?? null;',
        '}',
        '',
        'export async function listProducts(db: Db, after: number, limit: number) {',
        '  return db.query(',
        '    \'SELECT id, name, price_cents FROM products WHERE id > $1 ORDER BY id LIMIT $2\',',
        '    [after, limit]',
        '  );',
        '}',
        '',
        'export async function countProducts(db: Db) {',
        '  const rows = await db.query(\'SELECT count(*) AS n FROM products\', []);',
        '  return Number(rows[0]?.n ?? 0);',
        '}'
      )
    ],
    [
      'src/validation.ts',
      file(
        'export function requireString(value: unknown, name: string): string {',
        '  if (typeof value !== \'string\' || value.length === 0) throw new Error(`${name} is required`);',
        '  return value;',
        '}',
        '',
        'export function requirePositiveInt(value: unknown, name: string): number {',
        '  const n = Number(value);',
        '  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer`);',
        '  return n;',
        '}'
      )
    ],
    [
      'test/health.test.ts',
      file(
        'import { expect, it } from \'vitest\';',
        'import { buildApp } from \'../src/app\';',
        '',
        'it(\'answers the health check\', async () => {',
        '  const app = await buildApp({ database: \'memory\' });',
        '  const response = await app.inject({ method: \'GET\', url: \'/health\' });',
        '  expect(response.statusCode).toBe(200);',
        '});'
      )
    ],
    [
      'migrations/001_create_products.sql',
      file(
        '-- Create products',
        'CREATE TABLE products (',
        '  id bigserial PRIMARY KEY,',
        '  name text NOT NULL,',
        '  description text NOT NULL DEFAULT \'\',',
        '  price_cents integer NOT NULL CHECK (price_cents >= 0),',
        '  created_at timestamptz NOT NULL DEFAULT now()',
        ');'
      )
    ]
  ]);
}
