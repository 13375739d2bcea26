import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { PrunePlanView, PruneResult } from '../../../../shared/domain/artifact-operations';
import { errorData } from '../../api/call-key';
import { useCallMutation, useCallQuery } from '../../api/use-call';
import { Button } from '../../components/button';
import { EmptyNote } from '../../components/empty-state';
import { ErrorPanel } from '../../components/error-panel';
import { SkeletonRows } from '../../components/skeleton-rows';
import styles from './artifacts.module.css';
import { shortDigest } from '../../../../shared/domain/artifacts';

function NumberField({ label, value, onChange, unit }: { readonly label: string; readonly value: string; readonly onChange: (v: string) => void; readonly unit: string }) {
  return (
    <label className={styles.numberField}>
      <span>{label}</span>
      <input type="number" min={0} step={1} value={value} onChange={(event) => onChange(event.target.value)} aria-label={label} />
      <span className={styles.faint}>{unit}</span>
    </label>
  );
}

function PlanView({ plan }: { readonly plan: PrunePlanView | PruneResult }) {
  return (
    <div className={styles.plan} data-testid="prune-plan">
      {plan.kind === 'plan' ? (
        <>
          <h4>Would prune {plan.prune.length}</h4>
          {plan.prune.length === 0 ? (
            <EmptyNote>Nothing to prune: every live artifact is kept by the policy.</EmptyNote>
          ) : (
            <ul data-testid="prune-would-go">
              {plan.prune.map((artifact) => (
                <li key={artifact.id}>
                  <span className="mono">{shortDigest(artifact.digest)}</span> {artifact.version ?? artifact.commitSha.slice(0, 7)} <span className={styles.faint}>{artifact.createdAt.slice(0, 10)}</span>
                </li>
              ))}
            </ul>
          )}
        </>
      ) : (
        <>
          <h4>Pruned {plan.outcomes.filter((o) => o.outcome === 'pruned').length} of {plan.outcomes.length}</h4>
          <ul>
            {plan.outcomes.map((o) => (
              <li key={o.artifactId} className={o.outcome === 'failed' ? styles.failed : undefined}>
                <span className="mono">{shortDigest(o.digest)}</span> {o.outcome}: {o.detail}
              </li>
            ))}
          </ul>
        </>
      )}
      <h4>Keeping {plan.keep.length}</h4>
      <ul data-testid="prune-kept">
        {plan.keep.map((kept) => (
          <li key={kept.artifact.id}>
            <span className="mono">{shortDigest(kept.artifact.digest)}</span> {kept.artifact.version ?? kept.artifact.commitSha.slice(0, 7)}
            <span className={styles.reason}> — {kept.reasons.join('; ')}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A service's retention policy, its dry run (what would go, why each other one stays) and the prune. */
export function RetentionPanel({ service, blockedReason }: { readonly service: string; readonly blockedReason: string | null }) {
  const client = useQueryClient();
  const policy = useCallQuery('retention.get', { service });
  const [draft, setDraft] = useState({ keepLast: '', keepDays: '', keepPerEnvironment: '' });
  const [plan, setPlan] = useState<PrunePlanView | PruneResult | null>(null);
  const [confirming, setConfirming] = useState(false);

  useEffect(() => {
    if (policy.data) {
      setDraft({ keepLast: String(policy.data.keepLast), keepDays: String(policy.data.keepDays), keepPerEnvironment: String(policy.data.keepPerEnvironment) });
    }
  }, [policy.data]);
  useEffect(() => {
    setPlan(null);
    setConfirming(false);
  }, [service]);

  const save = useCallMutation('retention.set', {
    onSuccess: () => {
      setPlan(null);
      void client.invalidateQueries({ queryKey: ['retention.get'] });
    }
  });
  const prune = useCallMutation('artifacts.prune', {
    onSuccess: (result) => {
      setPlan(result);
      setConfirming(false);
      if (result.kind === 'result') {
        void client.invalidateQueries({ queryKey: ['artifacts.list'] });
        void client.invalidateQueries({ queryKey: ['artifacts.get'] });
      }
    }
  });

  if (policy.isPending) return <SkeletonRows label="Loading the retention policy" />;
  if (policy.isError) return <ErrorPanel title="Could not load the retention policy" error={errorData(policy.error)} onRetry={() => void policy.refetch()} />;

  const numbers = { keepLast: Number(draft.keepLast), keepDays: Number(draft.keepDays), keepPerEnvironment: Number(draft.keepPerEnvironment) };
  const valid = Object.values(numbers).every((n) => Number.isInteger(n) && n >= 0) && Object.values(draft).every((v) => v.trim() !== '');
  const changed = valid && (numbers.keepLast !== policy.data.keepLast || numbers.keepDays !== policy.data.keepDays || numbers.keepPerEnvironment !== policy.data.keepPerEnvironment);
  const toPrune = plan?.kind === 'plan' ? plan.prune.length : 0;

  return (
    <div className={styles.retention} data-testid="retention-panel">
      <p className={styles.faint}>
        {policy.data.custom ? `Set by ${policy.data.updatedBy ?? 'someone'}.` : 'The default policy (not set for this service yet).'} Deployed artifacts and the last
        artifacts of each environment (rollback candidates) are never pruned; pruned artifacts keep their records.
      </p>
      <form
        className={styles.policy}
        onSubmit={(event) => {
          event.preventDefault();
          if (changed) save.mutate({ service, ...numbers });
        }}
      >
        <NumberField label="Keep the newest" unit="artifacts" value={draft.keepLast} onChange={(v) => setDraft({ ...draft, keepLast: v })} />
        <NumberField label="Keep everything younger than" unit="days" value={draft.keepDays} onChange={(v) => setDraft({ ...draft, keepDays: v })} />
        <NumberField label="Keep per environment the last" unit="deployed" value={draft.keepPerEnvironment} onChange={(v) => setDraft({ ...draft, keepPerEnvironment: v })} />
        <Button type="submit" size="small" disabled={!changed || save.isPending}>
          Save policy
        </Button>
      </form>
      {save.isError && <ErrorPanel compact title="Could not save the policy" error={errorData(save.error)} />}
      <div className={styles.actions}>
        <Button size="small" onClick={() => prune.mutate({ service, dryRun: true })} disabled={prune.isPending || changed} title={changed ? 'Save the policy first' : undefined}>
          Dry run
        </Button>
        {!confirming ? (
          <Button
            size="small"
            variant="danger"
            disabled={blockedReason !== null || plan?.kind !== 'plan' || toPrune === 0 || prune.isPending}
            title={blockedReason ?? (plan?.kind !== 'plan' ? 'Run a dry run first, to see what would go' : undefined)}
            onClick={() => setConfirming(true)}
          >
            Prune…
          </Button>
        ) : (
          <span className={styles.confirm} role="group" aria-label="Confirm the prune">
            Delete {toPrune} image{toPrune === 1 ? '' : 's'} from the registry? The records stay.
            <Button size="small" variant="danger-solid" onClick={() => prune.mutate({ service, dryRun: false })} disabled={prune.isPending}>
              Prune {toPrune}
            </Button>
            <Button size="small" variant="ghost" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
          </span>
        )}
      </div>
      {blockedReason && (
        <p className={styles.blocked} data-testid="prune-blocked">
          {blockedReason}
        </p>
      )}
      {prune.isError && <ErrorPanel compact title="The prune failed" error={errorData(prune.error)} />}
      {plan && <PlanView plan={plan} />}
    </div>
  );
}
