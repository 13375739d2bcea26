import type { ArtifactRow } from '../../../../shared/domain/artifact-catalog';
import { cx } from '../../components/cx';
import { RelativeTime } from '../../components/relative-time';
import { VirtualList } from '../../components/virtual-list';
import styles from './artifacts.module.css';
import { shortDigest } from '../../../../shared/domain/artifacts';

/** Every row is this tall (`.row` in artifacts.module.css agrees). */
export const ARTIFACT_ROW_HEIGHT = 34;

interface ArtifactTableProps {
  readonly artifacts: readonly ArtifactRow[];
  readonly selectedIndex: number;
  readonly onSelect: (index: number) => void;
  readonly openId: number | null;
  readonly onNearEnd: (() => void) | undefined;
  readonly resetKey: string;
  readonly stale: boolean;
}

/** The catalogue as one virtualized table: only the rows in view are in the page. */
export function ArtifactTable({ artifacts, selectedIndex, onSelect, openId, onNearEnd, resetKey, stale }: ArtifactTableProps) {
  return (
    <div className={styles.table}>
      <div className={cx(styles.row, styles.head)} role="presentation">
        <span className={styles.digest}>Digest</span>
        <span className={styles.service}>Service</span>
        <span className={styles.version}>Version</span>
        <span className={styles.commit}>Commit</span>
        <span className={styles.subject}>Message</span>
        <span className={styles.created}>Built</span>
        <span className={styles.status}>Status</span>
      </div>
      <VirtualList
        itemCount={artifacts.length}
        rowHeight={ARTIFACT_ROW_HEIGHT}
        rowKey={(index) => artifacts[index]?.id ?? index}
        label="Artifacts"
        selectedIndex={selectedIndex}
        onSelect={onSelect}
        onActivate={onSelect}
        activeDescendant={selectedIndex >= 0 ? `artifact-row-${artifacts[selectedIndex]?.id ?? ''}` : undefined}
        onLastRenderedChange={(last) => {
          if (onNearEnd && last >= artifacts.length - 20) onNearEnd();
        }}
        resetKey={resetKey}
        stale={stale}
        testId="artifact-table"
        renderRow={(index) => {
          const artifact = artifacts[index];
          if (!artifact) return null;
          return (
            <div
              id={`artifact-row-${artifact.id}`}
              role="option"
              aria-selected={index === selectedIndex}
              className={cx(styles.row, index === selectedIndex && styles.selected, artifact.id === openId && styles.open, artifact.pruned && styles.prunedRow)}
              onClick={() => onSelect(index)}
              data-testid="artifact-row"
            >
              <span className={cx(styles.digest, 'mono')} title={artifact.digest}>
                {shortDigest(artifact.digest)}
              </span>
              <span className={styles.service}>{artifact.service}</span>
              <span className={cx(styles.version, 'mono')}>{artifact.version ?? '—'}</span>
              <span className={cx(styles.commit, 'mono')} title={artifact.commitSha}>
                {artifact.commitSha.slice(0, 7)}
              </span>
              <span className={styles.subject} title={artifact.commitSubject}>
                {artifact.commitSubject || <span className={styles.faint}>no message recorded</span>}
              </span>
              <span className={styles.created}>
                <RelativeTime iso={artifact.createdAt} />
              </span>
              <span className={styles.status}>
                <span className={cx(styles.badge, artifact.pruned ? styles.badgePruned : styles.badgeLive)}>{artifact.pruned ? 'pruned' : 'live'}</span>
              </span>
            </div>
          );
        }}
      />
    </div>
  );
}
