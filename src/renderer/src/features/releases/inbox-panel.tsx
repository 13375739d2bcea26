import { useRef, useState, type KeyboardEvent } from 'react';
import type { InboxItem } from '../../../../shared/domain/releases';
import { errorData } from '../../api/call-key';
import { Button } from '../../components/button';
import { cx } from '../../components/cx';
import { EmptyNote } from '../../components/empty-state';
import { ErrorPanel } from '../../components/error-panel';
import { nextIndexForKey } from '../../components/list-navigation';
import { RelativeTime } from '../../components/relative-time';
import { useNavigationStore } from '../../stores/navigation-store';
import boardStyles from './board.module.css';
import { ACTION_KEY, actionForKey, flatInbox, groupInbox, inboxActions, inboxKey, type InboxAction } from './inbox';
import styles from './releases.module.css';
import { StartedReleaseNote } from './started-release-note';
import { useApprove, useCanaryAction, useReject, useReleaseHold, useWorkloadControl } from './use-release-actions';

/** `onStarted`: a release an action started or moved on (approved, continued, aborted), to follow where the item was. */
function useInboxActions(onStarted: (deploymentId: number) => void) {
  const approve = useApprove();
  const reject = useReject();
  const canary = useCanaryAction();
  const hold = useReleaseHold();
  const workload = useWorkloadControl();
  const openRelease = useNavigationStore((s) => s.openRelease);
  const pending = approve.isPending || reject.isPending || canary.isPending || hold.isPending || workload.isPending;
  const error = approve.error ?? reject.error ?? canary.error ?? hold.error ?? workload.error;
  const run = (action: Exclude<InboxAction, 'reject'>, item: InboxItem) => {
    const target = { service: item.service, environment: item.environment };
    switch (action) {
      case 'approve':
        if (item.deploymentId !== null) approve.mutate({ deploymentId: item.deploymentId }, { onSuccess: (release) => onStarted(release.id) });
        return;
      case 'continue':
      case 'abort':
        canary.mutate({ ...target, action }, { onSuccess: (release) => onStarted(release.id) });
        return;
      case 'release-hold':
        hold.mutate(target);
        return;
      case 'resume':
        workload.mutate({ ...target, action: 'resume' });
        return;
      case 'open':
        if (item.deploymentId !== null) openRelease(item.deploymentId);
        return;
    }
  };
  const rejectWith = (item: InboxItem, reason: string, onDone: () => void) => {
    if (item.deploymentId !== null) reject.mutate({ deploymentId: item.deploymentId, reason }, { onSuccess: onDone });
  };
  const reset = () => {
    [approve, reject, canary, hold].forEach((m) => m.reset());
    workload.reset();
  };
  return { run, rejectWith, pending, error, reset };
}

const ACTION_LABEL: Readonly<Record<InboxAction, string>> = {
  approve: 'Approve',
  reject: 'Reject…',
  continue: 'Continue',
  abort: 'Abort',
  'release-hold': 'Release hold',
  resume: 'Resume',
  open: 'Open'
};

const ACTION_VARIANT: Readonly<Record<InboxAction, 'primary' | 'danger' | 'default' | 'ghost'>> = {
  approve: 'primary',
  reject: 'danger',
  continue: 'primary',
  abort: 'danger',
  'release-hold': 'default',
  resume: 'primary',
  open: 'ghost'
};

const shortcut = (action: InboxAction): string | undefined => (action === 'open' ? 'Enter' : ACTION_KEY[action]?.toUpperCase());

/**
 * What waits for a person across every service: pending approvals, paused canaries, interrupted deploys,
 * held environments, paused or degraded Kubernetes workloads. Keyboard: ↑/↓ move between items; A approves, X rejects
 * (asks the reason), C continues, H releases a hold, U resumes a paused workload, Enter opens the release; Tab reaches every button.
 */
export function InboxPanel({ items }: { readonly items: readonly InboxItem[] }) {
  const groups = groupInbox(items);
  const flat = flatInbox(groups);
  const [focused, setFocused] = useState(0);
  const [rejecting, setRejecting] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const itemRefs = useRef(new Map<string, HTMLLIElement>());
  const [startedId, setStartedId] = useState<number | null>(null);
  const actions = useInboxActions(setStartedId);
  const focusedIndex = Math.min(focused, flat.length - 1);

  const focusItem = (index: number) => {
    setFocused(index);
    const item = flat[index];
    if (item) itemRefs.current.get(inboxKey(item))?.focus();
  };

  const startReject = (item: InboxItem) => {
    actions.reset();
    setReason('');
    setRejecting(inboxKey(item));
  };

  const onItemKeyDown = (event: KeyboardEvent<HTMLLIElement>, item: InboxItem, index: number) => {
    if (event.target !== event.currentTarget) return; // keys typed into buttons and the reason field are theirs
    const moved = nextIndexForKey(event.key, index, flat.length, 5);
    if (moved !== null) {
      event.preventDefault();
      focusItem(moved);
      return;
    }
    const action = actionForKey(event.key, item);
    if (!action || actions.pending) return;
    event.preventDefault();
    // The reason field opens once this key press is over, so its letter is not typed into the field.
    if (action === 'reject') setTimeout(() => startReject(item), 0);
    else actions.run(action, item);
  };

  return (
    <section className={boardStyles.inbox} aria-labelledby="inbox-heading" data-testid="inbox">
      <div className={boardStyles.inboxHead}>
        <h2 id="inbox-heading">Inbox</h2>
        <span className={boardStyles.count} data-testid="inbox-count">
          {items.length}
        </span>
      </div>
      {startedId !== null && (
        <div className={boardStyles.inboxStarted}>
          <StartedReleaseNote deploymentId={startedId} onDismiss={() => setStartedId(null)} />
        </div>
      )}
      {items.length === 0 ? (
        <div className={boardStyles.inboxEmpty}>
          <EmptyNote>Nothing waits for a person. Approvals, paused canaries, held environments, interrupted deploys and paused or degraded Kubernetes workloads show here.</EmptyNote>
        </div>
      ) : (
        <div className={boardStyles.inboxBody}>
          <p className={cx(styles.small, styles.faint, boardStyles.keys)}>
            {['↑ ↓ move', 'A approve', 'X reject', 'C continue', 'H release hold', 'U resume', 'Enter open'].map((hint) => (
              <span key={hint}>{hint}</span>
            ))}
          </p>
          {actions.error && <ErrorPanel title="That did not go through" error={errorData(actions.error)} compact />}
          {groups.map((group) => (
            <div key={group.kind} className={boardStyles.inboxGroup}>
              <h3 className={boardStyles.groupTitle}>
                {group.title} <span className={styles.faint}>{group.items.length}</span>
              </h3>
              <ul aria-label={group.title}>
                {group.items.map((item) => {
                  const key = inboxKey(item);
                  const index = flat.indexOf(item);
                  return (
                    <li
                      key={key}
                      ref={(node) => {
                        if (node) itemRefs.current.set(key, node);
                        else itemRefs.current.delete(key);
                      }}
                      tabIndex={index === focusedIndex ? 0 : -1}
                      className={cx(boardStyles.inboxItem, boardStyles[`inbox-${item.kind}`])}
                      data-testid="inbox-item"
                      data-kind={item.kind}
                      data-service={item.service}
                      data-environment={item.environment}
                      aria-label={`${item.service} ${item.environment}: ${item.summary}`}
                      onFocus={() => setFocused(index)}
                      onKeyDown={(event) => onItemKeyDown(event, item, index)}
                    >
                      <div className={boardStyles.inboxWhere}>
                        <strong>{item.service}</strong> <span className={styles.muted}>·</span> <strong>{item.environment}</strong>
                        <RelativeTime iso={item.since} className={cx(styles.small, styles.faint, boardStyles.since)} />
                      </div>
                      <p className={boardStyles.summary}>{item.summary}</p>
                      {rejecting === key ? (
                        <form
                          className={boardStyles.rejectForm}
                          onSubmit={(event) => {
                            event.preventDefault();
                            if (reason.trim()) actions.rejectWith(item, reason.trim(), () => setRejecting(null));
                          }}
                          onKeyDown={(event) => {
                            if (event.key === 'Escape') {
                              event.stopPropagation();
                              setRejecting(null);
                              focusItem(index);
                            }
                          }}
                        >
                          <label className="visually-hidden" htmlFor={`${key}-reason`}>
                            Why reject?
                          </label>
                          <input id={`${key}-reason`} placeholder="Why reject? (required)" value={reason} onChange={(event) => setReason(event.target.value)} autoFocus data-testid="reject-reason" />
                          <Button type="submit" size="small" variant="danger-solid" disabled={!reason.trim() || actions.pending} data-testid="confirm-reject">
                            Reject
                          </Button>
                          <Button
                            size="small"
                            onClick={() => {
                              setRejecting(null);
                              focusItem(index);
                            }}
                          >
                            Cancel
                          </Button>
                        </form>
                      ) : (
                        <div className={boardStyles.actions}>
                          {inboxActions(item).map((action) => (
                            <Button
                              key={action}
                              size="small"
                              variant={ACTION_VARIANT[action]}
                              disabled={actions.pending && action !== 'open'}
                              aria-keyshortcuts={shortcut(action)}
                              title={shortcut(action) ? `${ACTION_LABEL[action]} (${shortcut(action)})` : undefined}
                              onClick={() => (action === 'reject' ? startReject(item) : actions.run(action, item))}
                              data-testid={`inbox-${action}`}
                            >
                              {ACTION_LABEL[action]}
                            </Button>
                          ))}
                        </div>
                      )}
                    </li>
                  );
                })}
              </ul>
            </div>
          ))}
        </div>
      )}
    </section>
  );
}
