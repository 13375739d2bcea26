import { assertNever } from '../../../../shared/assert-never';
import type { RefKind } from './ref-options';

function text(kind: RefKind): string {
  switch (kind) {
    case 'branch':
      return 'branch';
    case 'release':
      return 'release';
    case 'prerelease':
      return 'prerelease';
    case 'tag':
      return 'tag';
    default:
      return assertNever(kind, 'ref kind');
  }
}

/** Says what the chosen ref is: a branch, a release, a prerelease or another tag. */
export function RefKindBadge({ kind }: { readonly kind: RefKind | null }) {
  if (!kind) return null;
  return <span className={`ref-kind ref-kind-${kind}`}>{text(kind)}</span>;
}
