import { useId, useState, type FormEvent } from 'react';
import { useCallMutation, useCallQuery } from '../../api/use-call';
import { Button } from '../../components/button';
import styles from './runs.module.css';

/** Start a run: any branch, tag or commit (suggested from the repository's branches and tags). */
export function StartRun({
  service,
  onStarted,
  dockerDown
}: {
  readonly service: string;
  readonly onStarted: (runId: number) => void;
  /** Why the Docker engine does not answer, when it does not: host stages still run, container, build and push stages cannot. */
  readonly dockerDown: string | null;
}) {
  const [ref, setRef] = useState('');
  const listId = useId();
  const branches = useCallQuery('history.branches', { service });
  const tags = useCallQuery('history.tags', { service });
  const start = useCallMutation('runs.start', { onSuccess: (started) => onStarted(started.runId) });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = ref.trim();
    start.mutate(trimmed === '' ? { service } : { service, ref: trimmed });
  };
  return (
    <form className={styles.startRun} onSubmit={submit}>
      <input
        className="mono"
        list={listId}
        aria-label="Branch, tag or commit to run"
        placeholder="HEAD"
        value={ref}
        onChange={(event) => setRef(event.target.value)}
        data-testid="run-ref"
        aria-invalid={start.isError || undefined}
        title={start.error ? `${start.error.message}${start.error.data.hint ? ` ${start.error.data.hint}` : ''}` : undefined}
      />
      <datalist id={listId}>
        {(branches.data ?? []).map((branch) => (
          <option key={`b-${branch.name}`} value={branch.name} />
        ))}
        {(tags.data ?? []).slice(0, 200).map((tag) => (
          <option key={`t-${tag.name}`} value={tag.name} />
        ))}
      </datalist>
      <Button
        type="submit"
        variant="primary"
        disabled={start.isPending}
        data-testid="start-run"
        title={dockerDown ? `The Docker engine does not answer (${dockerDown}): host stages run, container, build and push stages will fail.` : undefined}
      >
        {start.isPending ? 'Starting…' : 'Start run'}
      </Button>
      {start.error && (
        <span className={styles.startError} role="alert" data-testid="start-run-error">
          {start.error.message}
        </span>
      )}
    </form>
  );
}
