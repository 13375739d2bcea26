import type { Tag } from '../../../../shared/domain/history';
import { isPrerelease } from '../../../../shared/domain/semver';
import { cx } from '../../components/cx';
import { Icon } from '../../components/icon';
import styles from './badges.module.css';
import type { RefKind } from './ref-options';

/** Marks a merge commit. */
export function MergeBadge({ parents }: { readonly parents?: number }) {
  return (
    <span className={styles.merge} title={parents ? `Merge commit (${parents} parents)` : 'Merge commit'} data-testid="merge-badge">
      <Icon name="merge" />
      Merge
    </span>
  );
}

/** A tag on a commit: releases and prereleases stand out from other tags. */
export function TagBadge({ tag }: { readonly tag: Tag }) {
  const kind = tag.semver ? (isPrerelease(tag.semver) ? 'prerelease' : 'release') : 'tag';
  return (
    <span
      className={cx(styles.tag, kind === 'release' && styles.release, kind === 'prerelease' && styles.prerelease)}
      title={kind === 'release' ? 'Release tag' : kind === 'prerelease' ? 'Prerelease tag' : 'Tag'}
    >
      <Icon name="tag" />
      {tag.name}
    </span>
  );
}

/** Says what the chosen ref is: a branch, a release, a prerelease or another tag. */
export function RefKindBadge({ kind }: { readonly kind: RefKind | null }) {
  if (!kind) return null;
  return <span className={cx(styles.refKind, kind === 'release' && styles.release, kind === 'prerelease' && styles.prerelease)}>{kind}</span>;
}
