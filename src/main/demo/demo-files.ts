/**
 * The files of the demo service and the edits commits make to them. Content only has to look like a
 * real TypeScript HTTP API to a person browsing the history; it is never compiled.
 */
import type { PullRequestSpec } from './demo-pull-requests';
import type { Random } from './prng';

/** Path → content; a Buffer for binary files. */
export type FileTree = Map<string, string | Buffer>;

const camel = (slug: string): string => slug.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
const pascal = (slug: string): string => camel(slug).replace(/^./, (c) => c.toUpperCase());
const sentence = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
const text = (files: FileTree, path: string): string => {
  const content = files.get(path);
  return typeof content === 'string' ? content : '';
};

function moduleHeader(path: string): string {
  const depth = path.split('/').length - 2;
  const up = depth > 0 ? '../'.repeat(depth) : './';
  return (
    `import type { ApiReply, ApiRequest, Db } from '${up}http';\n` +
    `import { HttpError } from '${up}errors';\n\n` +
    'const REQUEST_TIMEOUT_MS = 5_000;\nconst MAX_PAGE_SIZE = 100;\nconst RETRY_ATTEMPTS = 2;\n'
  );
}

/** Adds the main code of a pull request to its file (creating the file when it is new). */
export function addFeatureCode(files: FileTree, spec: PullRequestSpec, prNumber: number): void {
  const name = camel(spec.slug);
  const isRoute = spec.file.includes('/routes/') || spec.file.includes('/middleware/');
  const block = isRoute
    ? `\n/** ${sentence(spec.title)} (#${prNumber}). */\n` +
      `export async function ${name}(request: ApiRequest, reply: ApiReply): Promise<void> {\n` +
      `  const input = request.body ?? request.query;\n` +
      `  const result = await request.services.${spec.scope}.${name}(input, { timeoutMs: REQUEST_TIMEOUT_MS });\n` +
      `  await reply.code(200).send(result);\n}\n`
    : `\n/** ${sentence(spec.title)} (#${prNumber}). */\n` +
      `export async function ${name}(db: Db, raw: unknown): Promise<${pascal(spec.slug)}Result> {\n` +
      `  const input = validate${pascal(spec.slug)}(raw);\n` +
      `  return db.transaction(async (tx) => {\n` +
      `    const rows = await tx.query('-- ${spec.slug}', [input], { limit: MAX_PAGE_SIZE });\n` +
      `    return { ok: true, count: rows.length };\n  });\n}\n`;
  files.set(spec.file, (files.has(spec.file) ? text(files, spec.file) : moduleHeader(spec.file)) + block);
}

const GUARDS = [
  "  if (input === undefined) throw new HttpError(400, 'missing request body');\n",
  "  if (Array.isArray(input) && input.length === 0) return;\n",
  "  if (!input) throw new HttpError(422, 'invalid input');\n"
] as const;

/** A small change to existing code: one constant changes and, sometimes, a guard clause is added. */
export function tweakCode(files: FileTree, path: string, random: Random, addGuard: boolean): void {
  let content = files.has(path) ? text(files, path) : moduleHeader(path);
  const constants = [...content.matchAll(/^const ([A-Z_]+) = ([\d_]+);$/gm)];
  const target = constants[random.int(0, Math.max(0, constants.length - 1))];
  if (target === undefined) {
    // A file without tunables gets its first one, after the imports.
    const lastImport = [...content.matchAll(/^import .*\n/gm)].at(-1);
    const afterImports = lastImport === undefined ? 0 : lastImport.index + lastImport[0].length;
    content = `${content.slice(0, afterImports)}\nconst REQUEST_TIMEOUT_MS = 5_000;\n${content.slice(afterImports)}`;
  } else {
    const value = Number((target[2] ?? '0').replace(/_/g, ''));
    const changed = value < 10 ? value + 1 : Math.round(value * (random.chance(0.5) ? 1.5 : 0.8));
    const formatted = String(changed).replace(/\B(?=(\d{3})+(?!\d))/g, '_');
    content = content.replace(target[0], `const ${target[1] ?? 'LIMIT'} = ${formatted};`);
  }
  if (addGuard) {
    const at = content.lastIndexOf('  const input = ');
    const lineEnd = content.indexOf('\n', at) + 1;
    if (at >= 0) content = content.slice(0, lineEnd) + random.pick(GUARDS) + content.slice(lineEnd);
  }
  files.set(path, content);
}

/** Adds a helper function to a file, as a refactoring pulls code out of a handler. */
export function extractHelper(files: FileTree, path: string, name: string): void {
  const helper = `\nfunction ${camel(name)}(value: unknown): string {\n  return typeof value === 'string' ? value.trim() : String(value ?? '');\n}\n`;
  files.set(path, text(files, path) + helper);
}

/** Adds a test case for a pull request's behaviour to the scope's test file. */
export function addTestCase(files: FileTree, spec: PullRequestSpec, behaviour: string): void {
  const path = `test/${spec.scope}.test.ts`;
  const header = "import { describe, expect, it } from 'vitest';\nimport { buildApp } from '../src/app';\n";
  const test =
    `\ndescribe('${spec.title.replace(/'/g, '’')}', () => {\n  it('${behaviour}', async () => {\n` +
    `    const app = await buildApp({ database: 'memory' });\n` +
    `    const response = await app.inject({ method: 'GET', url: '/v1/${spec.scope}' });\n` +
    `    expect(response.statusCode).toBeLessThan(500);\n  });\n});\n`;
  files.set(path, (files.has(path) ? text(files, path) : header) + test);
}

/** Adds migrations/NNN_name.sql and returns its path. */
export function addMigration(files: FileTree, number: number, [name, sql]: readonly [string, string]): string {
  const path = `migrations/${String(number).padStart(3, '0')}_${name}.sql`;
  files.set(path, `-- ${sentence(name.replace(/_/g, ' '))}\n${sql}\n`);
  return path;
}

/** Appends a line to a section of the README (creating the section at the end if needed). */
export function addReadmeLine(files: FileTree, section: string, line: string): void {
  const readme = text(files, 'README.md');
  const heading = `## ${section}\n\n`;
  const at = readme.indexOf(heading);
  if (at < 0) {
    files.set('README.md', `${readme}\n${heading}${line}\n`);
    return;
  }
  const end = readme.indexOf('\n\n', at + heading.length);
  const insertAt = end < 0 ? readme.length : end + 1;
  files.set('README.md', readme.slice(0, insertAt) + `${line}\n` + readme.slice(insertAt));
}

/** Sets the version in package.json and puts the release notes on top of CHANGELOG.md. */
export function recordRelease(files: FileTree, version: string, date: string, notes: string): void {
  files.set('package.json', text(files, 'package.json').replace(/"version": "[^"]*"/, `"version": "${version}"`));
  const changelog = text(files, 'CHANGELOG.md');
  const firstEntry = changelog.indexOf('\n## ');
  const entry = `\n## [${version}] - ${date}\n\n${notes.trimEnd()}\n`;
  files.set('CHANGELOG.md', firstEntry < 0 ? changelog + entry : changelog.slice(0, firstEntry) + entry + changelog.slice(firstEntry));
}

/** Moves a file, changing a few lines as a move usually does (git still sees a rename). */
export function moveFile(files: FileTree, from: string, to: string, note: string): void {
  const content = text(files, from);
  files.delete(from);
  files.set(to, `${content}\n// ${note}\nexport const repositoryName = '${to.split('/').pop() ?? to}';\n`);
}

/** A small PNG (an 8×8 grey square), so the history has a binary file. */
export function placeholderPng(): Buffer {
  return Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAgAAAAIAQAAAADcA+lXAAAAEUlEQVR4nGP4z8DAwMDAwAAADqwB/6z3y8YAAAAASUVORK5CYII=',
    'base64'
  );
}
