import { calls, streams } from '../../../shared/contract';
import type { Commit, CommitPage, RangeItem } from '../../../shared/domain/history';
import { parseRefRange } from '../../../shared/domain/ref-range';
import { intOption, stringOption, UsageError } from '../args';
import type { CliCommand, CommandContext } from '../command';
import { formatCommitLine } from '../format';
import { consume, invoke } from '../invoke';
import { PrettyJsonArrayWriter } from '../pretty-json';

/** Plain history shows this many commits unless --limit says otherwise. */
export const DEFAULT_HISTORY_LIMIT = 50;
/** The most commits one `history.commits` call returns (the contract's maximum). */
const PAGE_SIZE = 500;

/** --limit N: at most N commits, N ≥ 1; undefined when not given. */
function limitOf(context: CommandContext): number | undefined {
  const limit = intOption(context.args, 'limit');
  if (limit !== undefined && limit < 1) throw new UsageError(`--limit must be at least 1, got ${limit}`);
  return limit;
}

/** The newest `limit` commits, paging through history.commits as often as it takes. */
async function historyPages(context: CommandContext, service: string, limit: number): Promise<CommitPage> {
  const ref = stringOption(context.args, 'ref');
  const text = stringOption(context.args, 'search');
  const author = stringOption(context.args, 'author');
  const commits: Commit[] = [];
  let page: CommitPage | undefined;
  do {
    page = await invoke(
      context.core(),
      'history.commits',
      {
        service,
        offset: commits.length,
        limit: Math.min(PAGE_SIZE, limit - commits.length),
        ...(ref ? { ref } : {}),
        ...(text ? { text } : {}),
        ...(author ? { author } : {})
      },
      context.signal
    );
    commits.push(...page.commits);
  } while (page.hasMore && commits.length < limit);
  return { ...page, commits, offset: 0 };
}

async function plainHistory(context: CommandContext, service: string, json: boolean): Promise<number> {
  const limit = limitOf(context) ?? DEFAULT_HISTORY_LIMIT;
  const page = await historyPages(context, service, limit);
  context.out.line(json ? JSON.stringify(page, null, 2) : page.commits.map(formatCommitLine).join('\n'));
  if (page.hasMore) context.out.note(`the newest ${page.commits.length} commits shown; there are more (raise --limit)`);
  if (page.shallow) context.out.note(`history truncated (shallow clone) at ${page.shallow.boundary.join(', ')}`);
  return 0;
}

/** The commits of a range, written as the core streams them (git's output is read incrementally). */
async function rangeHistory(context: CommandContext, service: string, rangeText: string, json: boolean): Promise<number> {
  const range = parseRefRange(rangeText);
  if ('error' in range) throw new UsageError(range.error);
  const limit = limitOf(context);
  const { out } = context;
  const writer = new PrettyJsonArrayWriter('commits', (text) => out.write(text));
  let shown = 0;
  let summary: Extract<RangeItem, { kind: 'summary' }> | undefined;
  await consume(
    context.core(),
    'history.range',
    { service, from: range.from, to: range.to, ...(limit === undefined ? {} : { limit }) },
    (items) => {
      const commits: Commit[] = [];
      for (const item of items) {
        if (item.kind === 'commit') commits.push(item.commit);
        else if (item.kind === 'ends') {
          if (json) writer.start({ from: item.from, to: item.to, fromSha: item.fromSha, toSha: item.toSha });
        } else summary = item;
      }
      shown += commits.length;
      if (json) writer.items(commits);
      else if (commits.length > 0) out.write(`${commits.map(formatCommitLine).join('\n')}\n`);
    },
    context.signal
  );
  if (!summary) return 0;
  const name = `${range.from}..${range.to}`;
  if (json) writer.end({ truncated: summary.truncated, behind: summary.behind });
  else out.line(summary.truncated ? `${shown} newest commits of ${name} shown` : `${shown} commits in ${name}`);
  if (summary.truncated) out.note(`only the newest ${shown} commits of ${name} shown; there are more (raise --limit)`);
  return 0;
}

export const historyCommand: CliCommand = {
  words: ['history'],
  params: ['<service>'],
  options: ['--range A..B', '--ref REF', '--search TEXT', '--author NAME', '--limit N', '--json'],
  summary: `${calls['history.commits'].doc} With --range: ${streams['history.range'].doc}`,
  details: [
    `--limit N shows at most N commits (N ≥ 1): by default the newest ${DEFAULT_HISTORY_LIMIT}, and every commit of a --range.`,
    'When there are more, a line on stderr says so.'
  ],
  run: (context) => {
    const [service = ''] = context.params;
    const json = context.args.options.has('json');
    const range = stringOption(context.args, 'range');
    if (range === undefined) return plainHistory(context, service, json);
    for (const option of ['ref', 'search', 'author']) {
      if (context.args.options.has(option)) throw new UsageError(`--${option} cannot be combined with --range`);
    }
    return rangeHistory(context, service, range, json);
  }
};
