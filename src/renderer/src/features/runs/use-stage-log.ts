/**
 * A stage's log as the viewer needs it: how many lines there are, and any line by number. Lines are
 * fetched a page at a time (runs.logLines) for the rows in view; while the stage runs, the live tail
 * comes from the runs.log stream from the current end. Only a bounded number of pages is kept, so a
 * 100 MB log costs the page what is on screen, not the whole log. Re-renders are coalesced per frame.
 */
import { useCallback, useEffect, useReducer, useRef } from 'react';
import type { LogLine } from '../../../../shared/domain/pipeline/run-events';
import { callOrThrow, subscribe } from '../../api/client';

export const LOG_PAGE = 500;
const MAX_PAGES = 120;

interface LogState {
  total: number;
  complete: boolean;
  readonly pages: Map<number, LogLine[]>;
  readonly loading: Set<number>;
  /** The page the viewer looks at: eviction keeps the pages nearest to it. */
  focus: number;
  /** Whether streamed lines are kept (the viewer follows the tail). */
  keepTail: boolean;
}

const pageOf = (line: number) => Math.floor((line - 1) / LOG_PAGE);

function evict(state: LogState): void {
  if (state.pages.size <= MAX_PAGES) return;
  const byDistance = [...state.pages.keys()].sort((a, b) => Math.abs(b - state.focus) - Math.abs(a - state.focus));
  for (const page of byDistance.slice(0, state.pages.size - MAX_PAGES)) state.pages.delete(page);
}

export interface StageLog {
  readonly total: number;
  readonly complete: boolean;
  readonly ready: boolean;
  lineAt(number: number): LogLine | undefined;
  /** Makes sure lines first..last are loaded (or loading). */
  ensure(first: number, last: number): void;
  setKeepTail(keep: boolean): void;
}

export function useStageLog(runId: number, stage: string | null): StageLog {
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const state = useRef<LogState>({ total: 0, complete: false, pages: new Map(), loading: new Set(), focus: 0, keepTail: true });
  const ready = useRef(false);
  const frame = useRef<number | null>(null);
  const generation = useRef(0);

  const schedule = useCallback(() => {
    if (frame.current !== null) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = null;
      rerender();
    });
  }, []);

  const load = useCallback(
    (page: number) => {
      const current = state.current;
      if (stage === null || current.pages.has(page) || current.loading.has(page)) return;
      current.loading.add(page);
      const mine = generation.current;
      callOrThrow('runs.logLines', { runId, stage, fromLine: page * LOG_PAGE + 1, limit: LOG_PAGE })
        .then((result) => {
          if (mine !== generation.current) return;
          current.pages.set(page, [...result.lines]);
          current.total = Math.max(current.total, result.total);
          current.complete = current.complete || result.complete;
          evict(current);
          schedule();
        })
        .catch(() => undefined)
        .finally(() => current.loading.delete(page));
    },
    [runId, stage, schedule]
  );

  useEffect(() => {
    generation.current += 1;
    const mine = generation.current;
    state.current = { total: 0, complete: false, pages: new Map(), loading: new Set(), focus: 0, keepTail: true };
    ready.current = false;
    rerender();
    if (stage === null) return;
    let unsubscribe: (() => void) | null = null;
    let cancelled = false;
    void callOrThrow('runs.logLines', { runId, stage, fromLine: 1, limit: LOG_PAGE })
      .then((first) => {
        if (cancelled || mine !== generation.current) return;
        const current = state.current;
        current.pages.set(0, [...first.lines]);
        current.total = first.total;
        current.complete = first.complete;
        ready.current = true;
        schedule();
        if (first.complete) return;
        unsubscribe = subscribe('runs.log', { runId, stage, fromLine: first.total + 1 }, {
          onItems: (lines) => {
            const last = lines.at(-1);
            if (!last) return;
            current.total = Math.max(current.total, last.number);
            for (const line of lines) {
              const page = pageOf(line.number);
              const stored = current.pages.get(page);
              if (stored) stored[line.number - 1 - page * LOG_PAGE] = line;
              else if (current.keepTail) current.pages.set(page, Object.assign([] as LogLine[], { [line.number - 1 - page * LOG_PAGE]: line }));
            }
            if (current.keepTail) current.focus = pageOf(current.total);
            evict(current);
            schedule();
          },
          onEnd: () => {
            current.complete = true;
            schedule();
          }
        });
      })
      .catch(() => {
        ready.current = true;
        schedule();
      });
    return () => {
      cancelled = true;
      unsubscribe?.();
      if (frame.current !== null) cancelAnimationFrame(frame.current);
      frame.current = null;
    };
  }, [runId, stage, schedule]);

  const current = state.current;
  return {
    total: current.total,
    complete: current.complete,
    ready: ready.current,
    lineAt: (number) => current.pages.get(pageOf(number))?.[number - 1 - pageOf(number) * LOG_PAGE],
    ensure: (first, last) => {
      if (last < first) return;
      current.focus = pageOf(first);
      for (let page = pageOf(first); page <= pageOf(last); page++) {
        const stored = current.pages.get(page);
        // A page the stream started (holes before its first streamed line) is fetched whole.
        const expected = Math.min(LOG_PAGE, current.total - page * LOG_PAGE);
        if (stored && stored.filter(Boolean).length < expected && !current.loading.has(page)) current.pages.delete(page);
        load(page);
      }
    },
    setKeepTail: (keep) => {
      current.keepTail = keep;
    }
  };
}
