import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useRef, useState, type FormEvent } from 'react';
import type { LogLine } from '../../../../shared/domain/pipeline/run-events';
import { callOrThrow } from '../../api/client';
import { Button } from '../../components/button';
import { cx } from '../../components/cx';
import { parseAnsi } from './ansi';
import styles from './log-viewer.module.css';
import { useStageLog } from './use-stage-log';

const LINE_HEIGHT = 18;

const COLOUR_CLASSES = [styles.c0, styles.c1, styles.c2, styles.c3, styles.c4, styles.c5, styles.c6, styles.c7, styles.c8, styles.c9, styles.c10, styles.c11, styles.c12, styles.c13, styles.c14, styles.c15];

const LogRow = memo(function LogRow({ number, line, current }: { readonly number: number; readonly line: LogLine | undefined; readonly current: boolean }) {
  return (
    <div className={cx(styles.line, line && styles[line.stream], current && styles.current)} data-line={number} data-current={current || undefined} data-testid="log-line">
      <span className={styles.number} aria-hidden="true">
        {number}
      </span>
      <span className={styles.text}>
        {line === undefined ? (
          <span className={styles.loading}>…</span>
        ) : (
          parseAnsi(line.text).map((segment, i) => (
            <span key={i} className={cx(segment.colour !== null && COLOUR_CLASSES[segment.colour], segment.bold && styles.bold)}>
              {segment.text}
            </span>
          ))
        )}
      </span>
    </div>
  );
});

interface SearchState {
  readonly text: string;
  readonly matches: readonly number[];
  readonly index: number;
  readonly continueFrom: number | null;
}

/**
 * A stage's log: virtualized over line numbers (only the rows in view exist), pages fetched as you
 * scroll, the live tail followed while you are at the bottom, search with next/previous, a jump to the
 * first line that mentions an error, and ANSI colours as styled spans.
 */
export function LogViewer({ runId, stage }: { readonly runId: number; readonly stage: string }) {
  const log = useStageLog(runId, stage);
  const viewport = useRef<HTMLDivElement>(null);
  const [following, setFollowing] = useState(true);
  const [query, setQuery] = useState('');
  const [search, setSearch] = useState<SearchState | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [highlight, setHighlight] = useState<number | null>(null);
  const virtualizer = useVirtualizer({ count: log.total, getScrollElement: () => viewport.current, estimateSize: () => LINE_HEIGHT, overscan: 30, useFlushSync: false });
  const items = virtualizer.getVirtualItems();
  const first = (items[0]?.index ?? 0) + 1;
  const last = (items.at(-1)?.index ?? -1) + 1;

  useEffect(() => {
    setFollowing(true);
    setSearch(null);
    setNote(null);
  }, [runId, stage]);

  useEffect(() => log.ensure(first, last), [first, last, log]);
  useEffect(() => log.setKeepTail(following), [following, log]);
  useEffect(() => {
    if (following && log.total > 0) virtualizer.scrollToIndex(log.total - 1, { align: 'end' });
  }, [following, log.total, virtualizer]);

  const onScroll = () => {
    const element = viewport.current;
    if (!element) return;
    const atBottom = element.scrollTop + element.clientHeight >= element.scrollHeight - LINE_HEIGHT * 2;
    if (atBottom !== following) setFollowing(atBottom);
  };

  const goTo = (line: number) => {
    setFollowing(false);
    setHighlight(line);
    virtualizer.scrollToIndex(line - 1, { align: 'center' });
  };

  const runSearch = async (text: string, fromLine: number, previous: readonly number[]) => {
    const found = await callOrThrow('runs.searchLog', { runId, stage, text, fromLine, limit: 500 });
    return { text, matches: [...previous, ...found.lines], continueFrom: found.continueFrom };
  };

  const onSearch = async (event: FormEvent) => {
    event.preventDefault();
    const text = query.trim();
    if (text === '') return setSearch(null);
    // Enter again on the same text goes to the next match, as in a browser's find bar.
    if (search !== null && search.text === text && search.matches.length > 0) return step(1);
    const found = await runSearch(text, 1, []);
    setSearch({ ...found, index: 0 });
    if (found.matches.length === 0) setHighlight(null);
    setNote(found.matches.length === 0 ? `“${text}” is not in this log` : null);
    const firstMatch = found.matches[0];
    if (firstMatch !== undefined) goTo(firstMatch);
  };

  const step = async (delta: 1 | -1) => {
    if (!search || search.matches.length === 0) return;
    let next = search;
    if (delta === 1 && search.index + 1 >= search.matches.length && search.continueFrom !== null) {
      next = { ...(await runSearch(search.text, search.continueFrom, search.matches)), index: search.index };
    }
    const index = (next.index + delta + next.matches.length) % next.matches.length;
    setSearch({ ...next, index });
    const line = next.matches[index];
    if (line !== undefined) goTo(line);
  };

  /** The first line the stage itself wrote (not the runner's own lines, which quote the command) that mentions an error. */
  const jumpToError = async () => {
    const found = await callOrThrow('runs.searchLog', { runId, stage, text: 'error', fromLine: 1, limit: 50 });
    for (const number of found.lines) {
      const [line] = (await callOrThrow('runs.logLines', { runId, stage, fromLine: number, limit: 1 })).lines;
      if (line && line.stream !== 'system') {
        setNote(null);
        return goTo(number);
      }
    }
    setNote('No line of this stage mentions an error');
  };

  const current = highlight;
  return (
    <div className={styles.viewer} data-testid="log-viewer">
      <div className={styles.toolbar}>
        <form className={styles.search} onSubmit={(event) => void onSearch(event)} role="search">
          <input aria-label="Search the log" placeholder="Search the log" value={query} onChange={(event) => setQuery(event.target.value)} data-testid="log-search" />
          <Button size="small" type="submit">
            Find
          </Button>
          <Button size="small" onClick={() => void step(-1)} disabled={!search?.matches.length} aria-label="Previous match">
            ↑
          </Button>
          <Button size="small" onClick={() => void step(1)} disabled={!search?.matches.length} aria-label="Next match">
            ↓
          </Button>
          {search && (
            <span className={styles.count} data-testid="log-search-count" aria-live="polite">
              {search.matches.length === 0 ? 'no matches' : `${search.index + 1} of ${search.matches.length}${search.continueFrom !== null ? '+' : ''}`}
            </span>
          )}
        </form>
        <Button size="small" onClick={() => void jumpToError()}>
          First error
        </Button>
        <Button size="small" variant={following ? 'primary' : 'default'} aria-pressed={following} onClick={() => setFollowing(!following)} data-testid="log-follow">
          Follow
        </Button>
        <span className={styles.count} data-testid="log-total">
          {log.total.toLocaleString()} lines{log.complete ? '' : ' · live'}
        </span>
      </div>
      {note && (
        <p className={styles.note} role="status">
          {note}
        </p>
      )}
      <div ref={viewport} className={styles.viewport} onScroll={onScroll} tabIndex={0} aria-label={`Log of ${stage}`} role="log" data-testid="log-viewport">
        <div className={styles.spacer} style={{ height: virtualizer.getTotalSize() }}>
          <div className={styles.window} style={{ transform: `translateY(${items[0]?.start ?? 0}px)` }}>
            {items.map((item) => (
              <LogRow key={item.index} number={item.index + 1} line={log.lineAt(item.index + 1)} current={current === item.index + 1} />
            ))}
          </div>
        </div>
        {log.ready && log.total === 0 && <p className={styles.empty}>{log.complete ? 'This stage wrote no log.' : 'Waiting for output…'}</p>}
      </div>
    </div>
  );
}
