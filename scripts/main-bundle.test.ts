// The demo generator (its history, people and files: ~60 kB) is loaded only when someone opens the demo:
// core.ts imports it dynamically, so the build must keep it in its own chunk, out of what the entries
// load at start. Reads the real build output (npm test builds before it runs vitest).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const mainOut = path.join(__dirname, '..', 'out', 'main');
const ENTRIES = ['index.js', 'cli.js', 'core-host.js'];
/** Text only the demo generator carries: a demo author's address and a progress step of the build. */
const GENERATOR_MARKERS = ['zoe.mueller@acme-shop.example', 'Writing the history'];

function read(file: string): string {
  const full = path.join(mainOut, file);
  if (!fs.existsSync(full)) throw new Error(`${full} is missing: run \`npm run build\` first.`);
  return fs.readFileSync(full, 'utf8');
}

/** Our chunks a file requires at load time; a `.then(() => require(…))` is a dynamic import and is left out. */
function staticChunks(file: string): { static: string[]; dynamic: string[] } {
  const found = { static: [] as string[], dynamic: [] as string[] };
  for (const match of read(file).matchAll(/(\.then\(\s*\(\)\s*=>\s*)?\brequire\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/g)) {
    const chunk = path.posix.join(path.posix.dirname(file), match[2] as string);
    found[match[1] === undefined ? 'static' : 'dynamic'].push(chunk);
  }
  return found;
}

/** Every file an entry loads before any dynamic import runs. */
function loadedAtStart(entry: string): Set<string> {
  const seen = new Set<string>();
  const pending = [entry];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    pending.push(...staticChunks(file).static);
  }
  return seen;
}

const carriesGenerator = (file: string): boolean => GENERATOR_MARKERS.some((marker) => read(file).includes(marker));

describe('main bundle', () => {
  it('keeps the demo generator in a chunk of its own, loaded through a dynamic import', () => {
    const chunks = fs.readdirSync(path.join(mainOut, 'chunks')).map((name) => `chunks/${name}`);
    const generatorChunks = chunks.filter(carriesGenerator);
    // Guards the markers: if they no longer name the generator, this test would pass for nothing.
    expect(generatorChunks, 'no chunk carries the demo generator').toHaveLength(1);
    const dynamicallyImported = [...ENTRIES, ...chunks].flatMap((file) => staticChunks(file).dynamic);
    expect(dynamicallyImported).toContain(generatorChunks[0]);
  });

  it.each(ENTRIES)('%s does not load the demo generator at start', (entry) => {
    for (const file of loadedAtStart(entry)) expect(carriesGenerator(file), `${entry} loads ${file}, which carries the demo generator`).toBe(false);
  });
});
