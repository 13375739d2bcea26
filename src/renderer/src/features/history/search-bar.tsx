import type { KeyboardEvent } from 'react';
import { Button } from '../../components/button';
import { cx } from '../../components/cx';
import { PaneBand } from '../../components/pane';
import { useCommitLogViewStore } from '../../stores/commit-log-view-store';
import type { FilterInputs } from './commit-filter';
import styles from './search-bar.module.css';

/** Three plain boxes: message text, author, SHA prefix. The list follows 250 ms after typing stops. */
export function SearchBar() {
  const inputs = useCommitLogViewStore((s) => s.inputs);
  const shaProblem = useCommitLogViewStore((s) => s.shaProblem);
  const setInput = useCommitLogViewStore((s) => s.setInput);
  const clearFilters = useCommitLogViewStore((s) => s.clearFilters);
  const active = inputs.text !== '' || inputs.author !== '' || inputs.sha !== '';

  const escapeClears = (field: keyof FilterInputs) => (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Escape' && inputs[field] !== '') {
      event.preventDefault();
      setInput(field, '');
    }
  };

  return (
    <PaneBand>
      <div role="search" aria-label="Search commits">
        <div className={styles.row}>
          <input
            type="text"
            className={styles.text}
            aria-label="Search commit messages"
            placeholder="Search commit messages"
            value={inputs.text}
            spellCheck={false}
            autoComplete="off"
            onChange={(e) => setInput('text', e.target.value)}
            onKeyDown={escapeClears('text')}
          />
          <input
            type="text"
            className={styles.author}
            aria-label="Filter by author"
            placeholder="Author name or email"
            value={inputs.author}
            spellCheck={false}
            autoComplete="off"
            onChange={(e) => setInput('author', e.target.value)}
            onKeyDown={escapeClears('author')}
          />
          <input
            type="text"
            className={cx(styles.sha, 'mono')}
            aria-label="Filter by SHA prefix"
            placeholder="SHA prefix"
            value={inputs.sha}
            spellCheck={false}
            autoComplete="off"
            aria-invalid={shaProblem !== null}
            aria-describedby={shaProblem ? 'sha-problem' : undefined}
            onChange={(e) => setInput('sha', e.target.value)}
            onKeyDown={escapeClears('sha')}
          />
          {active && (
            <Button size="small" onClick={clearFilters}>
              Clear search
            </Button>
          )}
        </div>
        {shaProblem && (
          <p className={styles.problem} id="sha-problem">
            {shaProblem}
          </p>
        )}
      </div>
    </PaneBand>
  );
}
