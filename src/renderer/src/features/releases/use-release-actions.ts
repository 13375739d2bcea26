import { useQueryClient } from '@tanstack/react-query';
import type { CallName } from '../../../../shared/contract';
import type { Release } from '../../../../shared/domain/releases';
import { keyMatches } from '../../api/call-key';
import { useCallMutation } from '../../api/use-call';
import { askNotificationPermission, notifyWhenEnded } from './release-notification';

/** What a release action changes on screen (the hint stream says so too; this is for the window that acted). */
const AFFECTED: readonly CallName[] = ['releases.board', 'releases.get', 'releases.list', 'releases.timeline', 'releases.preflight'];

function useRefresh() {
  const client = useQueryClient();
  return () => void client.invalidateQueries({ predicate: (query) => keyMatches(query.queryKey, AFFECTED) });
}

/** A release this window started (or moved on): refresh, and tell the person when it ends. */
function useStartedRelease() {
  const refresh = useRefresh();
  return {
    onMutate: askNotificationPermission,
    onSuccess: (release: Release) => {
      refresh();
      notifyWhenEnded(release.id);
    }
  };
}

export const usePromote = () => useCallMutation('releases.promote', useStartedRelease());
export const useRollback = () => useCallMutation('releases.rollback', useStartedRelease());
export const useApprove = () => useCallMutation('releases.approve', useStartedRelease());
export const useCanaryAction = () => useCallMutation('releases.canary', useStartedRelease());

export function useReject() {
  const refresh = useRefresh();
  return useCallMutation('releases.reject', { onSuccess: refresh });
}

export function useReleaseHold() {
  const refresh = useRefresh();
  return useCallMutation('releases.releaseHold', { onSuccess: refresh });
}

/** Pause, resume or restart a kubernetes environment's workload. */
export function useWorkloadControl() {
  const refresh = useRefresh();
  return useCallMutation('kubernetes.control', { onSuccess: refresh });
}
