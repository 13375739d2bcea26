// A CSS Module class that does not exist is `undefined` at run time and the element silently loses its
// style. This reads every component and the module it imports, and checks each class it uses exists.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

/** Class names a stylesheet defines (`.name` in any selector). */
function classesOf(css: string): Set<string> {
  const withoutComments = css.replace(/\/\*[\s\S]*?\*\//g, '');
  return new Set([...withoutComments.matchAll(/\.([A-Za-z_][\w-]*)/g)].map((m) => m[1] as string));
}

const rendererSrc = path.join(__dirname, '..', 'src', 'renderer', 'src');
const files = sourceFiles(rendererSrc);
const usesOfModules = files.flatMap((file) => {
  const code = fs.readFileSync(file, 'utf8');
  return [...code.matchAll(/import (\w+) from '(\.[^']+\.module\.css)'/g)].map((m) => ({
    file: path.relative(rendererSrc, file),
    binding: m[1] as string,
    cssPath: path.resolve(path.dirname(file), m[2] as string),
    code
  }));
});

describe('CSS Modules', () => {
  it('are used by the components', () => {
    expect(usesOfModules.length).toBeGreaterThan(20);
  });

  it('define every class a component uses', () => {
    for (const { file, binding, cssPath, code } of usesOfModules) {
      const defined = classesOf(fs.readFileSync(cssPath, 'utf8'));
      const used = [...code.matchAll(new RegExp(`\\b${binding}\\.(\\w+)`, 'g'))].map((m) => m[1] as string);
      for (const name of used) expect(defined.has(name), `${file} uses ${binding}.${name}, missing in ${path.basename(cssPath)}`).toBe(true);
    }
  });

  it('leave no feature stylesheet global: only tokens and base styles are', () => {
    expect(fs.readdirSync(path.join(rendererSrc, 'styles')).sort()).toEqual(['base.css', 'tokens.css']);
  });
});
