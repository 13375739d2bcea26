import { useState } from 'react';
import type { ChangedFile } from '../../../../shared/domain/history';
import { changeCode, changeTotals, describeTotals, diffBlocks } from './file-change';

const INITIAL_LIMIT = 300;

function DiffStat({ file }: { readonly file: ChangedFile }) {
  if (file.additions === null || file.deletions === null) {
    return <span className="binary-badge">binary</span>;
  }
  const blocks = diffBlocks(file.additions, file.deletions);
  return (
    <span className="diffstat">
      <span className="additions">+{file.additions}</span>
      <span className="deletions">−{file.deletions}</span>
      <span className="blocks" aria-hidden="true">
        {Array.from({ length: 5 }, (_, i) => (
          <span key={i} className={i < blocks.added ? 'block add' : i < blocks.added + blocks.deleted ? 'block del' : 'block'} />
        ))}
      </span>
    </span>
  );
}

function FilePath({ file }: { readonly file: ChangedFile }) {
  if (file.previousPath && file.previousPath !== file.path) {
    return (
      <span className="file-path mono" title={`${file.previousPath} → ${file.path}`}>
        <span className="previous-path">{file.previousPath}</span>
        <span className="rename-arrow" aria-label="renamed to">
          {' → '}
        </span>
        {file.path}
      </span>
    );
  }
  return (
    <span className="file-path mono" title={file.path}>
      {file.path}
    </span>
  );
}

/** Files the commit changed against its first parent, with kind, line counts and renames. */
export function ChangedFiles({ files, merge }: { readonly files: readonly ChangedFile[]; readonly merge: boolean }) {
  const [showAll, setShowAll] = useState(false);
  const totals = changeTotals(files);
  const shown = showAll ? files : files.slice(0, INITIAL_LIMIT);

  return (
    <section className="changed-files" aria-labelledby="changed-files-heading">
      <h3 id="changed-files-heading" className="section-title">
        Changed files
      </h3>
      <p className="muted small" data-testid="change-totals">
        {describeTotals(totals)}
        {merge && ' (against the first parent)'}
      </p>
      {files.length > 0 && (
        <ul className="file-list" aria-label="Changed files">
          {shown.map((file) => {
            const code = changeCode(file.change);
            return (
              <li key={`${file.previousPath ?? ''}>${file.path}`} className="file-row" data-testid="changed-file">
                <span className={`change-kind kind-${file.change}`} title={code.word}>
                  <span aria-hidden="true">{code.letter}</span>
                  <span className="visually-hidden">{code.word}</span>
                </span>
                <FilePath file={file} />
                <DiffStat file={file} />
              </li>
            );
          })}
        </ul>
      )}
      {!showAll && files.length > INITIAL_LIMIT && (
        <button type="button" className="button small" onClick={() => setShowAll(true)}>
          Show all {files.length.toLocaleString('en')} files
        </button>
      )}
    </section>
  );
}
