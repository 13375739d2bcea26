import { useState } from 'react';
import type { AppErrorData } from '../../../../shared/result';
import type { Service } from '../../../../shared/domain/workspace';
import { ErrorPanel } from '../../components/error-panel';
import { useServicesStore } from '../../stores/services-store';
import { draftsOf, moveRow, newDraft, type EnvironmentDraftRow } from './environment-drafts';
import { EnvironmentRow } from './environment-row';

interface EnvironmentEditorProps {
  readonly service: Service;
  readonly onDone: () => void;
}

/** Edits a service's environments; the order of the rows is the promotion order. */
export function EnvironmentEditor({ service, onDone }: EnvironmentEditorProps) {
  const setEnvironments = useServicesStore((s) => s.setEnvironments);
  const [rows, setRows] = useState<EnvironmentDraftRow[]>(() => draftsOf(service.environments));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorData | null>(null);

  const update = (index: number, patch: Partial<EnvironmentDraftRow>) =>
    setRows((current) => current.map((row, i) => (i === index ? { ...row, ...patch } : row)));

  const save = async () => {
    setBusy(true);
    setError(null);
    const result = await setEnvironments(
      service.name,
      rows.map(({ name, targetKind, requiresApproval }) => ({ name: name.trim(), targetKind, requiresApproval }))
    );
    setBusy(false);
    if (result.ok) onDone();
    else setError(result.error);
  };

  return (
    <div className="env-editor" role="group" aria-label={`Environments of ${service.name}`}>
      <div className="env-editor-head" aria-hidden="true">
        <span>#</span>
        <span>Name</span>
        <span>Target</span>
        <span>Approval</span>
        <span />
      </div>
      <ol className="env-rows">
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
      {rows.length === 0 && <p className="empty-note">No environments. A service needs at least one.</p>}
      <div className="env-editor-actions">
        <button type="button" className="button small" onClick={() => setRows((current) => [...current, newDraft()])}>
          Add environment
        </button>
        <span className="spacer" />
        <button type="button" className="button small" onClick={onDone} disabled={busy}>
          Cancel
        </button>
        <button type="button" className="button small primary" onClick={() => void save()} disabled={busy}>
          {busy ? 'Saving…' : 'Save environments'}
        </button>
      </div>
      {error && <ErrorPanel title="The environments were not saved" error={error} compact />}
    </div>
  );
}
