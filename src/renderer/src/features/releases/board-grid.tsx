import type { Board, EnvironmentStatus } from '../../../../shared/domain/releases';
import boardStyles from './board.module.css';
import { boardColumns, previousEnvironment, rowCells } from './board-layout';
import { EnvironmentCell } from './environment-cell';

interface BoardGridProps {
  readonly data: Board;
  readonly onRollback: (status: EnvironmentStatus) => void;
  readonly onOpenKube: (status: EnvironmentStatus) => void;
}

/** Below this a cell's buttons and drift reasons wrap badly: the board scrolls sideways instead. */
// Four environments (dev, staging, prod and a cluster) fit beside the inbox in a 1360-px window.
const MIN_COLUMN_WIDTH = 190;

/** Services as rows, environments as columns in promotion order. */
export function BoardGrid({ data, onRollback, onOpenKube }: BoardGridProps) {
  const columns = boardColumns(data);
  return (
    <div className={boardStyles.gridScroll}>
      {/* React sets the width through the CSSOM, which the CSP's style-src 'self' allows. */}
      <table className={boardStyles.grid} aria-label="Environments by service" data-testid="environments-board" style={{ minWidth: columns.length * MIN_COLUMN_WIDTH }}>
        <thead>
          <tr>
            {columns.map((column, index) => (
              <th scope="col" key={column} className={boardStyles.envHead} data-testid="env-column">
                {index > 0 && (
                  <span className={boardStyles.arrow} aria-hidden="true">
                    →
                  </span>
                )}
                {column}
              </th>
            ))}
          </tr>
        </thead>
        {data.services.map(({ service, environments }) => (
          <tbody key={service} data-testid="service-row" data-service={service}>
            <tr>
              <th scope="colgroup" colSpan={columns.length} className={boardStyles.serviceName}>
                {service}
              </th>
            </tr>
            <tr>
              {rowCells(environments, columns).map((status, index) => (
                <td key={columns[index]} className={boardStyles.td}>
                  {status ? <EnvironmentCell status={status} previous={previousEnvironment(environments, status)} onRollback={onRollback} onOpenKube={onOpenKube} /> : <div className={boardStyles.absent}>not an environment of {service}</div>}
                </td>
              ))}
            </tr>
          </tbody>
        ))}
      </table>
    </div>
  );
}
