// What a build sends to the engine: the context folder's files, resolved inside the checkout (a pipeline
// file cannot reach outside its repository), with the Dockerfile's path relative to the context.
import fs from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../../shared/result';

export interface BuildContext {
  readonly contextDir: string;
  /** The Dockerfile, relative to the context, with forward slashes (as the engine reads the tar). */
  readonly dockerfile: string;
  /** Every file and symlink under the context, relative, with forward slashes (before .dockerignore). */
  readonly entries: readonly string[];
}

function inside(parent: string, child: string): boolean {
  const relative = path.relative(parent, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

async function listEntries(root: string): Promise<string[]> {
  const entries: string[] = [];
  const walk = async (relativeDir: string): Promise<void> => {
    const children = await fs.readdir(path.join(root, relativeDir), { withFileTypes: true });
    for (const child of children) {
      const relative = relativeDir === '' ? child.name : `${relativeDir}/${child.name}`;
      if (child.isDirectory()) await walk(relative);
      else if (child.isFile() || child.isSymbolicLink()) entries.push(relative);
    }
  };
  await walk('');
  return entries.sort();
}

/** `context` (default `.`) and `dockerfile` (default `Dockerfile` in the context) are relative to the checkout. */
export async function prepareBuildContext(checkoutDir: string, context = '.', dockerfile?: string): Promise<BuildContext> {
  const checkout = path.resolve(checkoutDir);
  const contextDir = path.resolve(checkout, context);
  if (!inside(checkout, contextDir)) {
    throw new AppError('BUILD_FAILED', `The build context "${context}" is outside the repository.`, 'Give a context relative to the repository root, such as "." or "app".');
  }
  const stat = await fs.stat(contextDir).catch(() => null);
  if (stat === null || !stat.isDirectory()) {
    throw new AppError('BUILD_FAILED', `The build context "${context}" is not a folder of the commit.`, 'Check `build.context` in .shipdeck/pipeline.yml.');
  }
  const dockerfilePath = dockerfile === undefined ? path.join(contextDir, 'Dockerfile') : path.resolve(checkout, dockerfile);
  const shown = dockerfile ?? path.posix.join(context, 'Dockerfile');
  if (!inside(contextDir, dockerfilePath)) {
    throw new AppError('BUILD_FAILED', `The Dockerfile "${shown}" is outside the build context "${context}".`, 'Move the Dockerfile into the context, or widen `build.context`.');
  }
  const dockerfileStat = await fs.stat(dockerfilePath).catch(() => null);
  if (dockerfileStat === null || !dockerfileStat.isFile()) {
    throw new AppError('BUILD_FAILED', `No Dockerfile at "${shown}" in the commit.`, 'Add one, or set `build.dockerfile` in .shipdeck/pipeline.yml.');
  }
  return {
    contextDir,
    dockerfile: path.relative(contextDir, dockerfilePath).split(path.sep).join('/'),
    entries: await listEntries(contextDir)
  };
}
