import { useQueryClient } from '@tanstack/react-query';
import { callKey } from '../../api/call-key';
import { useCallMutation, useCallQuery } from '../../api/use-call';
import styles from './runs.module.css';

/** The branch watch: off by default; when on, each new commit on the branch starts a run. */
export function BranchWatchControl({ service }: { readonly service: string }) {
  const client = useQueryClient();
  const watch = useCallQuery('runs.getWatch', { service });
  const branches = useCallQuery('history.branches', { service });
  const set = useCallMutation('runs.setWatch', {
    onSuccess: (setting) => client.setQueryData(callKey('runs.getWatch', { service }), setting)
  });
  const current = watch.data?.branch ?? '';
  return (
    <label className={styles.watch} title="When on, each new commit on the branch starts a run.">
      <span>Watch</span>
      <select
        aria-label="Branch watch"
        data-testid="branch-watch"
        value={current}
        disabled={!watch.isSuccess || set.isPending}
        aria-invalid={set.isError || undefined}
        onChange={(event) => set.mutate({ service, branch: event.target.value === '' ? null : event.target.value })}
      >
        <option value="">off</option>
        {(branches.data ?? []).map((branch) => (
          <option key={branch.name} value={branch.ref}>
            {branch.name}
          </option>
        ))}
        {current !== '' && !(branches.data ?? []).some((branch) => branch.ref === current) && <option value={current}>{current}</option>}
      </select>
      {set.error && (
        <span className={styles.startError} role="alert">
          {set.error.message}
        </span>
      )}
    </label>
  );
}
