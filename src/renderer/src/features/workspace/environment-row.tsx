import { TARGET_KINDS, type TargetKind } from '../../../../shared/domain/workspace';
import { Button } from '../../components/button';
import type { EnvironmentDraftRow } from './environment-drafts';
import styles from './environment-editor.module.css';

interface EnvironmentRowProps {
  readonly row: EnvironmentDraftRow;
  readonly index: number;
  readonly count: number;
  readonly onChange: (patch: Partial<EnvironmentDraftRow>) => void;
  readonly onMove: (delta: -1 | 1) => void;
  readonly onRemove: () => void;
}

export function EnvironmentRow({ row, index, count, onChange, onMove, onRemove }: EnvironmentRowProps) {
  const n = index + 1;
  return (
    <li className={styles.row}>
      <span className={styles.position} aria-hidden="true">
        {n}
      </span>
      <input
        aria-label={`Environment ${n} name`}
        value={row.name}
        placeholder="staging"
        spellCheck={false}
        autoComplete="off"
        onChange={(e) => onChange({ name: e.target.value })}
      />
      <select
        aria-label={`Environment ${n} target kind`}
        value={row.targetKind}
        onChange={(e) => onChange({ targetKind: e.target.value as TargetKind })}
      >
        {TARGET_KINDS.map((kind) => (
          <option key={kind} value={kind}>
            {kind}
          </option>
        ))}
      </select>
      <label className={styles.checkbox}>
        <input
          type="checkbox"
          checked={row.requiresApproval}
          aria-label={`Environment ${n} requires approval`}
          onChange={(e) => onChange({ requiresApproval: e.target.checked })}
        />
        <span aria-hidden="true">Requires approval</span>
      </label>
      <span className={styles.rowActions}>
        <Button
          size="small"
          iconOnly
          aria-label={`Move environment ${n} up`}
          title="Move up (earlier in promotion)"
          disabled={index === 0}
          onClick={() => onMove(-1)}
        >
          ↑
        </Button>
        <Button
          size="small"
          iconOnly
          aria-label={`Move environment ${n} down`}
          title="Move down (later in promotion)"
          disabled={index === count - 1}
          onClick={() => onMove(1)}
        >
          ↓
        </Button>
        <Button size="small" variant="danger" aria-label={`Remove environment ${n}`} onClick={onRemove}>
          Remove
        </Button>
      </span>
    </li>
  );
}
