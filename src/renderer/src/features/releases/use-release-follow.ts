import { useEffect, useState } from 'react';
import type { ReleaseEvent } from '../../../../shared/domain/releases';
import type { AppErrorData } from '../../../../shared/result';
import { subscribe } from '../../api/client';
import { mergeEvents } from './release-format';

export interface FollowState {
  readonly events: readonly ReleaseEvent[];
  /** The stream ended: the release settled or waits for a person. */
  readonly ended: boolean;
  readonly error: AppErrorData | null;
}

const EMPTY: FollowState = { events: [], ended: false, error: null };

/** A release's events as they happen (`releases.follow`), while mounted; nothing for a null id. */
export function useReleaseFollow(deploymentId: number | null): FollowState {
  const [state, setState] = useState<FollowState>(EMPTY);
  useEffect(() => {
    setState(EMPTY);
    if (deploymentId === null) return;
    return subscribe(
      'releases.follow',
      { deploymentId },
      {
        onItems: (items) => setState((s) => ({ ...s, events: mergeEvents(s.events, items) })),
        onReset: () => setState(EMPTY),
        onEnd: (error) => setState((s) => ({ ...s, ended: true, error }))
      }
    );
  }, [deploymentId]);
  return state;
}
