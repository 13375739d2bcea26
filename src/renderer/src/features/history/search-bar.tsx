import type { KeyboardEvent } from 'react';
import { useCommitLogStore } from '../../stores/commit-log-store';
import type { FilterInputs } from './commit-filter';

/** Three plain boxes: message text, author, SHA prefix. The list follows 250 ms after typing stops. */
export function SearchBar() {
  const inputs = useCommitLogStore((s) => s.inputs);
  const shaProblem = useCommitLogStore((s) => s.shaProblem);
  const setInput = useCommitLogStore((s) => s.setInput);
  const clearFilters = useCommitLogStore((s) => s.clearFilters);
  const active = inputs.text !== '' || inputs.author !== '' || inputs.sha !== '';

  const escapeClears = (field: keyof FilterInputs) => (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Escape' && inputs[field] !== '') {
      event.preventDefault();
      setInput(field, '');
    }
  };

  return (
    <div className="search" role="search" aria-label="Search commits">
      <div className="search-row">
        <input
          type="text"
          className="search-text"
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
          className="search-author"
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
          className="search-sha mono"
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
          <button type="button" className="button small" onClick={clearFilters}>
            Clear search
          </button>
        )}
      </div>
      {shaProblem && (
        <p className="field-error" id="sha-problem">
          {shaProblem}
        </p>
      )}
    </div>
  );
}
