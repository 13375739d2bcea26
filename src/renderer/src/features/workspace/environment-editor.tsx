import { useState } from 'react';
import type { Service } from '../../../../shared/domain/workspace';
import { errorData } from '../../api/call-key';
import { Button } from '../../components/button';
import { EmptyNote } from '../../components/empty-state';
import { ErrorPanel } from '../../components/error-panel';
import { draftsOf, moveRow, newDraft, type EnvironmentDraftRow } from './environment-drafts';
import styles from './environment-editor.module.css';
import { EnvironmentRow } from './environment-row';
import cardStyles from './service-card.module.css';
import { useSetEnvironments } from './use-workspace-mutations';

interface EnvironmentEditorProps {
  readonly service: Service;
  readonly onDone: () => void;
}

/** Edits a service's environments; the order of the rows is the promotion order. */
export function EnvironmentEditor({ service, onDone }: EnvironmentEditorProps) {
  const setEnvironments = useSetEnvironments();
  const [rows, setRows] = useState<EnvironmentDraftRow[]>(() => draftsOf(service.environments));
  const busy = setEnvironments.isPending;

  const update = (index: number, patch: Partial<EnvironmentDraftRow>) =>
    setRows((current) => current.map((row, i) => (i === index ? { ...row, ...patch } : row)));

  const save = () =>
    setEnvironments.mutate(
      {
        service: service.name,
        environments: rows.map(({ name, targetKind, requiresApproval }) => ({ name: name.trim(), targetKind, requiresApproval }))
      },
      { onSuccess: onDone }
    );

  return (
    <div className={cardStyles.drawer} role="group" aria-label={`Environments of ${service.name}`}>
      <div className={styles.head} aria-hidden="true">
        <span>#</span>
        <span>Name</span>
        <span>Target</span>
        <span>Approval</span>
        <span />
      </div>
      <ol className={styles.rows}>
        {rows.map((row, index) => (
          <EnvironmentRow
            key={row.key}
            row={row}
            index={index}
            count={rows.length}
            onChange={(patch) => update(index, patch)}
            onMove={(delta) => setRows((current) => moveRow(current, index, delta))}
            onRemove={() => setRows((current) => current.filter((_, i) => i !== index))}
          />
        ))}
      </ol>
      {rows.length === 0 && <EmptyNote>No environments. A service needs at least one.</EmptyNote>}
      <div className={styles.actions}>
        <Button size="small" onClick={() => setRows((current) => [...current, newDraft()])}>
          Add environment
        </Button>
        <span className="spacer" />
        <Button size="small" onClick={onDone} disabled={busy}>
          Cancel
        </Button>
        <Button size="small" variant="primary" onClick={save} disabled={busy}>
          {busy ? 'Saving…' : 'Save environments'}
        </Button>
      </div>
      {setEnvironments.error && (
        <ErrorPanel title="The environments were not saved" error={errorData(setEnvironments.error)} compact />
      )}
    </div>
  );
}
