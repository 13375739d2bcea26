// The built renderer must be plain browser code: it imports no Node module, no Electron, and nothing of
// main. Reads the real build output (npm test builds before it runs vitest).
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const rendererOut = path.join(__dirname, '..', 'out', 'renderer');
const assetsDir = path.join(rendererOut, 'assets');

function bundleFiles(): { name: string; code: string }[] {
  if (!fs.existsSync(assetsDir)) throw new Error(`${assetsDir} is missing: run \`npm run build\` first.`);
  return fs
    .readdirSync(assetsDir)
    .filter((name) => name.endsWith('.js'))
    .map((name) => ({ name, code: fs.readFileSync(path.join(assetsDir, name), 'utf8') }));
}

/** Every module specifier the bundle still imports or requires at run time. */
function importedSpecifiers(code: string): string[] {
  const found: string[] = [];
  const patterns = [
    /\bimport\s*(?:[\w*{}\s,$]+\s*from\s*)?["']([^"']+)["']/g,
    /\bimport\s*\(\s*["']([^"']+)["']\s*\)/g,
    /\brequire\s*\(\s*["']([^"']+)["']\s*\)/g
  ];
  for (const pattern of patterns) for (const match of code.matchAll(pattern)) found.push(match[1] as string);
  return found;
}

describe('renderer bundle', () => {
  const files = bundleFiles();

  it('exists and has an entry script', () => {
    expect(files.length).toBeGreaterThan(0);
    expect(fs.readFileSync(path.join(rendererOut, 'index.html'), 'utf8')).toMatch(/<script type="module"[^>]+src="\.?\/?assets\//);
  });

  it('imports no Node built-in, no Electron and no package: only its own chunks', () => {
    const nodeNames = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);
    for (const { name, code } of files) {
      for (const specifier of importedSpecifiers(code)) {
        expect(nodeNames.has(specifier), `${name} imports Node's ${specifier}`).toBe(false);
        expect(specifier, `${name} imports ${specifier}`).toMatch(/^\.{0,2}\//);
      }
      expect(code, `${name} mentions a node: module`).not.toMatch(/["']node:[a-z_/]+["']/);
    }
  });

  it('carries none of the main-process libraries', () => {
    for (const { name, code } of files) {
      for (const library of ['better-sqlite3', 'simple-git', 'ipcRenderer', 'child_process']) {
        expect(code.includes(library), `${name} contains ${library}`).toBe(false);
      }
    }
  });

  it('does not carry the input schemas (validation happens in main only)', () => {
    for (const { name, code } of files) expect(code.includes('ZodError'), `${name} bundles zod`).toBe(false);
  });
});
