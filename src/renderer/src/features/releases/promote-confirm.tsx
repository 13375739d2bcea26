import { useId, useState } from 'react';
import { RELEASE_STRATEGIES, type ReleaseStrategy } from '../../../../shared/domain/environment-settings';
import type { EnvironmentStatus, Release } from '../../../../shared/domain/releases';
import { errorData } from '../../api/call-key';
import { Button } from '../../components/button';
import { ErrorPanel } from '../../components/error-panel';
import boardStyles from './board.module.css';
import { ArtifactName } from './release-badges';
import styles from './releases.module.css';
import { usePromote } from './use-release-actions';

interface PromoteConfirmProps {
  readonly status: EnvironmentStatus;
  readonly fromEnvironment: string;
  /** Closed: with the release it started, or none (cancelled). */
  readonly onDone: (started: Release | null) => void;
}

/** Says exactly what a promotion moves (the same digest, never rebuilt) and lets the strategy be changed for this release. */
export function PromoteConfirm({ status, fromEnvironment, onDone }: PromoteConfirmProps) {
  const promote = usePromote();
  const strategyId = useId();
  const [strategy, setStrategy] = useState<ReleaseStrategy>(status.settings.strategy);
  const promotable = status.promotable;
  if (!promotable) return null;
  const submit = () =>
    promote.mutate(
      { service: status.service, environment: status.environment, ...(strategy === status.settings.strategy ? {} : { strategy }) },
      { onSuccess: (release) => onDone(release) }
    );

  return (
    <div
      className={boardStyles.confirm}
      role="group"
      aria-label={`Promote to ${status.environment}`}
      data-testid="promote-confirm"
      onKeyDown={(event) => {
        if (event.key === 'Escape') onDone(null);
      }}
    >
      <p>
        Promote <ArtifactName artifact={promotable} /> from <strong>{fromEnvironment}</strong> to <strong>{status.environment}</strong>
      </p>
      <div className={boardStyles.confirmRow}>
        <label htmlFor={strategyId} className={styles.small}>
          Strategy
        </label>
        <select id={strategyId} value={strategy} onChange={(event) => setStrategy(event.target.value as ReleaseStrategy)}>
          {RELEASE_STRATEGIES.map((s) => (
            <option key={s} value={s}>
              {s}
              {s === status.settings.strategy ? ' (default)' : ''}
            </option>
          ))}
        </select>
      </div>
      {status.requiresApproval && <p className={`${styles.small} ${styles.muted}`}>{status.environment} requires approval: the release waits in the inbox until someone approves it.</p>}
      <div className={boardStyles.actions}>
        <Button size="small" variant="primary" onClick={submit} disabled={promote.isPending} autoFocus data-testid="confirm-promote">
          {promote.isPending ? 'Promoting…' : 'Promote'}
        </Button>
        <Button size="small" onClick={() => onDone(null)} disabled={promote.isPending}>
          Cancel
        </Button>
      </div>
      {promote.error && <ErrorPanel title="Not promoted" error={errorData(promote.error)} compact />}
    </div>
  );
}
