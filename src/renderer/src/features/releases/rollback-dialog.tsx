import { useEffect, useRef, useState } from 'react';
import type { Release } from '../../../../shared/domain/releases';
import { errorData } from '../../api/call-key';
import { useCallQuery } from '../../api/use-call';
import { Button } from '../../components/button';
import { ErrorPanel } from '../../components/error-panel';
import { SkeletonRows } from '../../components/skeleton-rows';
import dialogStyles from './dialog.module.css';
import { confirmState, rollbackInput } from './preflight-form';
import { PreflightView } from './preflight-view';
import { RollbackProgress } from './rollback-progress';
import { useRollback } from './use-release-actions';

interface RollbackDialogProps {
  readonly service: string;
  readonly environment: string;
  /** Opened with R from the console: once the pre-flight allows it, "Roll back" has the focus (Enter confirms). */
  readonly armed?: boolean;
  /** The artifact to roll back to (a revision picked in the Kubernetes panel); the pre-flight's own candidate when absent. */
  readonly initialDigest?: string | undefined;
  readonly onClose: () => void;
}

/**
 * Rollback with its pre-flight: what will change and what could stop it, an older candidate if wanted,
 * the reason; then the rollback's progress and result. A modal dialog: Esc closes it (a rollback under
 * way goes on; the board and the release show it).
 */
export function RollbackDialog({ service, environment, armed = false, initialDigest, onClose }: RollbackDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const [toDigest, setToDigest] = useState<string | null>(initialDigest ?? null);
  const [reason, setReason] = useState('');
  const [overrideReason, setOverrideReason] = useState('');
  const [started, setStarted] = useState<Release | null>(null);
  const rollback = useRollback();
  const preflight = useCallQuery('releases.preflight', { service, environment, ...(toDigest ? { toDigest } : {}) }, {
    enabled: started === null,
    // Read afresh each time the dialog opens: what was true a minute ago is not a pre-flight.
    gcTime: 0
  });

  useEffect(() => {
    const element = ref.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);

  const data = preflight.data;
  const state = data ? confirmState(data, overrideReason) : null;
  const confirm = () => {
    if (!data || state?.kind !== 'ready') return;
    rollback.mutate(rollbackInput(data, reason, overrideReason, state), { onSuccess: setStarted });
  };

  return (
    <dialog
      ref={ref}
      className={dialogStyles.dialog}
      aria-labelledby="rollback-title"
      data-testid="rollback-dialog"
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <header className={dialogStyles.header}>
        <h2 id="rollback-title">
          Roll back {service} in {environment}
        </h2>
        <Button variant="ghost" iconOnly aria-label="Close" onClick={onClose}>
          ✕
        </Button>
      </header>
      <div className={dialogStyles.body}>
        {started ? (
          <RollbackProgress release={started} />
        ) : preflight.isPending ? (
          <SkeletonRows count={5} label="Running the pre-flight" />
        ) : !data ? (
          <ErrorPanel title="The pre-flight could not run" error={errorData(preflight.error)} onRetry={() => void preflight.refetch()} />
        ) : (
          <PreflightView
            preflight={data}
            checking={preflight.isFetching}
            onPickCandidate={setToDigest}
            reason={reason}
            onReason={setReason}
            overrideReason={overrideReason}
            onOverrideReason={setOverrideReason}
            state={state}
            onSubmit={confirm}
          />
        )}
        {rollback.error && <ErrorPanel title="Not rolled back" error={errorData(rollback.error)} compact />}
      </div>
      <footer className={dialogStyles.footer}>
        {started ? (
          <Button onClick={onClose} autoFocus data-testid="close-rollback">
            Close
          </Button>
        ) : (
          <>
            {state?.kind === 'blocked' && <p className={dialogStyles.footerNote}>{state.why}</p>}
            {state?.kind === 'needs-override' && <p className={dialogStyles.footerNote}>Type why you override ({state.missing} more characters).</p>}
            <Button onClick={onClose}>Cancel</Button>
            <Button
              key={armed && state?.kind === 'ready' ? 'armed' : 'plain'}
              variant="danger-solid"
              disabled={state?.kind !== 'ready' || rollback.isPending || preflight.isFetching}
              onClick={confirm}
              autoFocus={armed && state?.kind === 'ready'}
              data-testid="confirm-rollback"
            >
              {rollback.isPending ? 'Rolling back…' : data?.blocked && data.overridable ? 'Roll back anyway' : 'Roll back'}
            </Button>
          </>
        )}
      </footer>
    </dialog>
  );
}
