import path from 'node:path';

// Inherited variables that would change which repository git opens (GIT_DIR, GIT_WORK_TREE, … as set by
// a hook that launched us), that simple-git refuses to run with (EDITOR, PAGER, …), or that would
// translate git's messages (LANGUAGE wins over LC_ALL unless the locale is plain "C").
const DROPPED = /^(GIT_.*|EDITOR|VISUAL|PAGER|PREFIX|SSH_ASKPASS|LANG|LANGUAGE|LC_.*)$/i;

// A UTF-8 locale without translations: messages stay English (they are classified by their text) and
// `-i` folds the case of non-ASCII letters too ("ZOË" finds "Zoë"). If the locale is missing, git falls
// back to "C": still English, only that case folding is lost.
const LOCALE = process.platform === 'darwin' ? 'en_US.UTF-8' : 'C.UTF-8';

/**
 * The environment every git process gets: the user's, minus the variables above, with English messages,
 * no credential prompts, and no optional index locks (we only read).
 * With `ceiling`, git does not look for a repository above that folder.
 */
export function gitEnvironment(ceiling?: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !DROPPED.test(name)) env[name] = value;
  }
  env.LC_ALL = LOCALE;
  env.GIT_TERMINAL_PROMPT = '0';
  env.GIT_OPTIONAL_LOCKS = '0';
  // The list is separated by path.delimiter, so a folder whose name contains it cannot be a ceiling;
  // git then simply searches upwards as it normally would.
  if (ceiling !== undefined && !ceiling.includes(path.delimiter)) env.GIT_CEILING_DIRECTORIES = ceiling;
  return env;
}
