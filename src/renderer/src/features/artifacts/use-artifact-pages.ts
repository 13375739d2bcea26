import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import type { CallInput } from '../../../../shared/contract';
import type { ArtifactPage, ArtifactRow } from '../../../../shared/domain/artifact-catalog';
import type { CallError } from '../../api/call-error';
import { callOrThrow } from '../../api/client';

/**
 * The catalogue as an infinite query keyed like every call (`['artifacts.list', input, 'pages']`), paged
 * by the opaque cursor the core hands out. The previous answer stays on screen while a new one loads.
 */
export function useArtifactPages(input: CallInput<'artifacts.list'>) {
  const query = useInfiniteQuery<ArtifactPage, CallError, { pages: ArtifactPage[] }, readonly ['artifacts.list', CallInput<'artifacts.list'>, 'pages'], string | null>({
    queryKey: ['artifacts.list', input, 'pages'],
    queryFn: ({ pageParam, signal }) => callOrThrow('artifacts.list', pageParam === null ? input : { ...input, cursor: pageParam }, { signal }),
    initialPageParam: null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData
  });
  const artifacts: readonly ArtifactRow[] = query.data?.pages.flatMap((page) => page.items) ?? [];
  return { query, artifacts };
}
