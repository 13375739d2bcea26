import type { Branch, Tag } from '../../../../shared/domain/history';
import type { AppErrorData } from '../../../../shared/result';
import { errorData } from '../../api/call-key';
import { useCallQuery } from '../../api/use-call';

const NONE: readonly never[] = [];

export interface HistoryRefs {
  readonly branches: readonly Branch[];
  readonly tags: readonly Tag[];
  /** Both lists are known. */
  readonly ready: boolean;
  readonly loading: boolean;
  readonly error: AppErrorData | null;
  retry(): void;
}

/** A service's branches and tags (two cached queries). */
export function useHistoryRefs(service: string): HistoryRefs {
  const branches = useCallQuery('history.branches', { service });
  const tags = useCallQuery('history.tags', { service });
  const failed = branches.isError ? branches.error : tags.isError ? tags.error : null;
  return {
    branches: branches.data ?? NONE,
    tags: tags.data ?? NONE,
    ready: branches.isSuccess && tags.isSuccess,
    loading: branches.isPending || tags.isPending,
    error: failed ? errorData(failed) : null,
    retry: () => {
      void branches.refetch();
      void tags.refetch();
    }
  };
}
