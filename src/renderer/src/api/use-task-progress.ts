import { useCallback, useEffect, useState } from 'react';
import type { ProgressEvent } from '../../../shared/contract';
import { subscribe } from './client';

/**
 * The latest progress of a long task (e.g. "demo"), from the `tasks.progress` stream, while the
 * component is mounted. `reset` forgets it, e.g. when a new run starts.
 */
export function useTaskProgress(task: string): { readonly progress: ProgressEvent | null; reset(): void } {
  const [progress, setProgress] = useState<ProgressEvent | null>(null);
  useEffect(
    () =>
      subscribe('tasks.progress', { task }, {
        onItems: (events) => {
          const last = events[events.length - 1];
          if (last) setProgress(last);
        }
      }),
    [task]
  );
  const reset = useCallback(() => setProgress(null), []);
  return { progress, reset };
}
