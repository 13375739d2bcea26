import { useState } from 'react';
import type { ChangedFile, FileChangeKind } from '../../../../shared/domain/history';
import { Button } from '../../components/button';
import { cx } from '../../components/cx';
import styles from './changed-files.module.css';
import { changeCode, changeTotals, describeTotals, diffBlocks } from './file-change';

const INITIAL_LIMIT = 300;

/** The colour of a change's letter: additions green, edits amber, deletions red, renames purple. */
const KIND_CLASS: Readonly<Record<FileChangeKind, string | undefined>> = {
  added: styles.added,
  copied: styles.added,
  modified: styles.modified,
  'type-changed': styles.modified,
  deleted: styles.deleted,
  renamed: styles.renamed
};

function DiffStat({ file }: { readonly file: ChangedFile }) {
  if (file.additions === null || file.deletions === null) {
    return <span className={styles.binary}>binary</span>;
  }
  const blocks = diffBlocks(file.additions, file.deletions);
  return (
    <span className={styles.diffstat}>
      <span className={styles.additions}>+{file.additions}</span>
      <span className={styles.deletions}>−{file.deletions}</span>
      <span className={styles.blocks} aria-hidden="true">
        {Array.from({ length: 5 }, (_, i) => (
          <span
            key={i}
            className={cx(styles.block, i < blocks.added ? styles.blockAdd : i < blocks.added + blocks.deleted && styles.blockDel)}
          />
        ))}
      </span>
    </span>
  );
}

function FilePath({ file }: { readonly file: ChangedFile }) {
  if (file.previousPath && file.previousPath !== file.path) {
    return (
      <span className={cx(styles.path, 'mono')} title={`${file.previousPath} → ${file.path}`}>
        <span className={styles.previousPath}>{file.previousPath}</span>
        <span className={styles.renameArrow} aria-label="renamed to">
          {' → '}
        </span>
        {file.path}
      </span>
    );
  }
  return (
    <span className={cx(styles.path, 'mono')} title={file.path}>
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
    <section className={styles.section} aria-labelledby="changed-files-heading">
      <h3 id="changed-files-heading" className={styles.title}>
        Changed files
      </h3>
      <p className="muted small" data-testid="change-totals">
        {describeTotals(totals)}
        {merge && ' (against the first parent)'}
      </p>
      {files.length > 0 && (
        <ul className={styles.list} aria-label="Changed files">
          {shown.map((file) => {
            const code = changeCode(file.change);
            return (
              <li key={`${file.previousPath ?? ''}>${file.path}`} className={styles.row} data-testid="changed-file">
                <span className={cx(styles.kind, KIND_CLASS[file.change])} title={code.word}>
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
        <Button size="small" onClick={() => setShowAll(true)}>
          Show all {files.length.toLocaleString('en')} files
        </Button>
      )}
    </section>
  );
}
