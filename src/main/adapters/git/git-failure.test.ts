import { describe, expect, it } from 'vitest';
import { classifyGitFailure } from './git-failure';

const call = { cwd: '/repos/shop', args: ['log', '-z'] };
const classify = (stderr: string, exitCode = 128) => classifyGitFailure({ exitCode, stderr }, call);

describe('classifyGitFailure', () => {
  it('reports dubious ownership as UNSAFE_REPOSITORY with the safe.directory command for that path', () => {
    const error = classify(
      "fatal: detected dubious ownership in repository at '/srv/other'\nTo add an exception for this directory, call:\n\n\tgit config --global --add safe.directory /srv/other\n"
    );
    expect(error.code).toBe('UNSAFE_REPOSITORY');
    expect(error.message).toContain('/srv/other');
    expect(error.hint).toContain('git config --global --add safe.directory "/srv/other"');
  });

  it('reports a folder outside any repository as NOT_A_REPOSITORY naming the folder', () => {
    const error = classify('fatal: not a git repository (or any of the parent directories): .git\n');
    expect(error.code).toBe('NOT_A_REPOSITORY');
    expect(error.message).toContain('/repos/shop');
  });

  it('reports an unborn branch as EMPTY_REPOSITORY, whichever way git says it', () => {
    expect(classify("fatal: your current branch 'main' does not have any commits yet\n").code).toBe('EMPTY_REPOSITORY');
    expect(classify("fatal: ambiguous argument 'HEAD^{commit}': unknown revision or path not in the working tree.\n").code).toBe(
      'EMPTY_REPOSITORY'
    );
  });

  it('names the unknown ref in BAD_REF', () => {
    const error = classify("fatal: ambiguous argument 'v9.9.9': unknown revision or path not in the working tree.\n");
    expect(error.code).toBe('BAD_REF');
    expect(error.message).toContain('"v9.9.9"');
    expect(classify("fatal: bad revision 'nope'\n").message).toContain('"nope"');
  });

  it('asks for more characters when a short SHA is ambiguous', () => {
    const error = classify('error: short object ID abcd is ambiguous\nhint: The candidates are:\nfatal: Needed a single revision\n');
    expect(error.code).toBe('BAD_REF');
    expect(error.hint).toMatch(/more characters/);
  });

  it('falls back to GIT_FAILED with the command and git\'s own reason, skipping hints', () => {
    const error = classify('hint: something\nfatal: unable to read tree 1234\n');
    expect(error.code).toBe('GIT_FAILED');
    expect(error.message).toBe('git log failed (exit 128): unable to read tree 1234');
  });

  it('says so when git itself is missing', () => {
    const error = classifyGitFailure({ exitCode: -2, stderr: 'Error: spawn git ENOENT\n    at …' }, call);
    expect(error.code).toBe('GIT_FAILED');
    expect(error.hint).toMatch(/Install git/);
  });
});
