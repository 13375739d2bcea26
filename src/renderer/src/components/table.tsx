import type { ReactNode } from 'react';
import styles from './table.module.css';

interface TableProps {
  /** Accessible name of the table. */
  readonly label: string;
  readonly columns: readonly string[];
  /** The <tr> rows. */
  readonly children: ReactNode;
}

/** A plain data table with a sticky header, scrolling sideways when it is too wide. */
export function Table({ label, columns, children }: TableProps) {
  return (
    <div className={styles.wrap}>
      <table className={styles.table} aria-label={label}>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
