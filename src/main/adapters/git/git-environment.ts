import path from 'node:path';

// Inherited variables that would change which repository git opens (GIT_DIR, GIT_WORK_TREE, … as set by
// a hook that launched us) or that simple-git refuses to run with (EDITOR, PAGER, …). None of them is
// useful to the read-only commands Shipdeck runs.
const DROPPED = /^(GIT_.*|EDITOR|VISUAL|PAGER|PREFIX|SSH_ASKPASS)$/i;

/**
 * The environment every git process gets: the user's, minus the variables above, with English messages
 * (errors are classified by their text), no credential prompts, and no optional index locks (we only read).
 * With `ceiling`, git does not look for a repository above that folder.
 */
export function gitEnvironment(ceiling?: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !DROPPED.test(name)) env[name] = value;
  }
  env.LC_ALL = 'C';
  env.GIT_TERMINAL_PROMPT = '0';
  env.GIT_OPTIONAL_LOCKS = '0';
  // The list is separated by path.delimiter, so a folder whose name contains it cannot be a ceiling;
  // git then simply searches upwards as it normally would.
  if (ceiling !== undefined && !ceiling.includes(path.delimiter)) env.GIT_CEILING_DIRECTORIES = ceiling;
  return env;
}
