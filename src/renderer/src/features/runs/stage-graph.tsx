import type { PipelineRun } from '../../../../shared/domain/pipeline-runs';
import { cx } from '../../components/cx';
import { durationOf } from './run-format';
import { layoutStages } from './stage-layout';
import styles from './runs.module.css';
import { StatusBadge } from './status-badge';

const NODE_WIDTH = 168;
const NODE_HEIGHT = 44;
const COLUMN_GAP = 48;
const ROW_GAP = 14;

interface StageGraphProps {
  readonly run: PipelineRun;
  readonly selected: string | null;
  readonly onSelect: (stage: string) => void;
  readonly now: number;
}

/** The run's stages as a DAG: one column per dependency level, edges from each need, status and duration on each. */
export function StageGraph({ run, selected, onSelect, now }: StageGraphProps) {
  const placed = layoutStages(run.stages);
  const at = new Map(placed.map((stage) => [stage.name, { x: stage.level * (NODE_WIDTH + COLUMN_GAP), y: stage.row * (NODE_HEIGHT + ROW_GAP) }]));
  const width = Math.max(0, ...placed.map((stage) => (stage.level + 1) * (NODE_WIDTH + COLUMN_GAP) - COLUMN_GAP));
  const height = Math.max(0, ...placed.map((stage) => (stage.row + 1) * (NODE_HEIGHT + ROW_GAP) - ROW_GAP));
  if (run.stages.length === 0) return null;
  return (
    <div className={styles.graphScroll} data-testid="stage-graph">
      <div className={styles.graph} style={{ width, height }}>
        <svg className={styles.edges} width={width} height={height} aria-hidden="true">
          {run.stages.flatMap((stage) =>
            stage.needs.flatMap((need) => {
              const from = at.get(need);
              const to = at.get(stage.name);
              if (!from || !to) return [];
              const x1 = from.x + NODE_WIDTH;
              const y1 = from.y + NODE_HEIGHT / 2;
              const x2 = to.x;
              const y2 = to.y + NODE_HEIGHT / 2;
              const mid = (x1 + x2) / 2;
              return [<path key={`${need}->${stage.name}`} d={`M${x1},${y1} C${mid},${y1} ${mid},${y2} ${x2},${y2}`} />];
            })
          )}
        </svg>
        {run.stages.map((stage) => {
          const position = at.get(stage.name) ?? { x: 0, y: 0 };
          return (
            <button
              key={stage.name}
              type="button"
              className={cx(styles.stageNode, styles[`node-${stage.status}`], selected === stage.name && styles.stageSelected)}
              style={{ left: position.x, top: position.y, width: NODE_WIDTH, height: NODE_HEIGHT }}
              onClick={() => onSelect(stage.name)}
              aria-pressed={selected === stage.name}
              data-testid="stage-node"
              data-stage={stage.name}
              data-status={stage.status}
              title={stage.message ?? stage.status}
            >
              <span className={styles.stageName}>
                <StatusBadge status={stage.status} compact />
                {stage.name}
              </span>
              <span className={styles.stageMeta}>
                {durationOf(stage, now) ?? stage.status}
                {stage.exitCode !== null && stage.exitCode !== 0 ? ` · exit ${stage.exitCode}` : ''}
              </span>
            </button>
          );
        })}
      </div>
    </div>
  );
}
