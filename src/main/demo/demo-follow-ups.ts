/** The commits that follow the first one of a pull request: tests, review fixes, docs, refactorings. */
import { addFeatureCode, addMigration, addReadmeLine, addTestCase, extractHelper, moveFile, placeholderPng, tweakCode, type FileTree } from './demo-files';
import type { FollowUp } from './demo-plan';
import type { PullRequestSpec } from './demo-pull-requests';
import type { Random } from './prng';

const topic = (spec: PullRequestSpec): string => spec.slug.replace(/-/g, ' ');
const message = (subject: string, body: string): string => (body === '' ? `${subject}\n` : `${subject}\n\n${body}\n`);

const REVIEW_BODIES = [
  'Rename variables and tighten the error messages, as discussed in review.',
  'Review: keep the handler thin and move the query into the service.',
  '',
  'Addresses the comments from code review.'
] as const;
const HELPERS = ['normalize-input', 'to-cents', 'parse-cursor', 'clamp-page-size'] as const;
const BEHAVIOURS = ['works for the common case', 'rejects invalid input with 400', 'answers 404 for unknown ids', 'keeps working after a restart'] as const;

/** The first commit of a pull request: its main code, migration, moves and deletions. */
export function firstCommit(files: FileTree, spec: PullRequestSpec, prNumber: number, migrationNumber: number): string {
  if (spec.renames) moveFile(files, spec.renames[0], spec.renames[1], 'Queries live in one repository per table.');
  if (spec.removes) files.delete(spec.removes);
  addFeatureCode(files, spec, prNumber);
  let body = spec.body;
  if (spec.migration) body += `\n\nAdds migration ${addMigration(files, migrationNumber, spec.migration).split('/')[1] ?? ''}.`;
  if (spec.binary) files.set(spec.binary, placeholderPng());
  return message(`${spec.type}(${spec.scope}): ${spec.title}`, body);
}

/** One follow-up commit of a pull request. */
export function followUpCommit(files: FileTree, spec: PullRequestSpec, kind: FollowUp, random: Random): string {
  const scope = spec.scope;
  switch (kind) {
    case 'test':
      addTestCase(files, spec, random.pick(BEHAVIOURS));
      return message(`test(${scope}): cover ${topic(spec)}`, random.chance(0.5) ? '' : 'Covers the happy path and the error cases.');
    case 'review':
      tweakCode(files, spec.file, random, false);
      return message(`refactor(${scope}): address review comments`, random.pick(REVIEW_BODIES));
    case 'fix':
      tweakCode(files, spec.file, random, true);
      return message(`fix(${scope}): handle missing input in ${topic(spec)}`, 'Found while testing on staging.');
    case 'docs':
      addReadmeLine(files, 'API', `- ${spec.title} (${scope})`);
      return message(`docs(${scope}): document ${topic(spec)}`, '');
    case 'refactor': {
      const helper = random.pick(HELPERS);
      extractHelper(files, spec.file, helper);
      return message(`refactor(${scope}): extract ${helper.replace(/-/g, ' ')} helper`, '');
    }
  }
}

/** A fix cherry-picked onto a release branch. */
export function backportCommit(files: FileTree, spec: PullRequestSpec, prNumber: number, branch: string, random: Random): string {
  tweakCode(files, spec.file, random, true);
  return message(`${spec.type}(${spec.scope}): ${spec.title} (#${prNumber})`, `${spec.body}\n\nBackport of #${prNumber} to ${branch}.`);
}
