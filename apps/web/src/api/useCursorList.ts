import { useMemo } from 'react';
import { keepPreviousData, useInfiniteQuery, type QueryKey } from '@tanstack/react-query';
import type { PageOf } from '@steward/contracts';

export const PAGE_SIZE = 50;

/** A keyset-paged list (`{ items, nextCursor }`) read page by page with a "load more" button. */
export function useCursorList<T>(
  queryKey: QueryKey,
  fetchPage: (cursor: string | undefined) => Promise<PageOf<T>>,
  options: { enabled?: boolean; keepPrevious?: boolean } = {},
) {
  const query = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam }) => fetchPage(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: options.enabled ?? true,
    // Search-as-you-type: keep the last answer on screen while the next one loads.
    placeholderData: options.keepPrevious ? keepPreviousData : undefined,
  });
  const items = useMemo(() => query.data?.pages.flatMap((page) => page.items) ?? [], [query.data]);
  return { ...query, items };
}

export type CursorList<T> = ReturnType<typeof useCursorList<T>>;
