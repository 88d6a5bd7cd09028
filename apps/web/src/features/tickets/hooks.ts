import { useCallback, useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { CandidateQuery, Category, Department, PolicyMatchQuery } from '@steward/contracts';
import {
  dispatchCandidates,
  getTicket,
  getWholeTimeline,
  listCategories,
  listDepartments,
  previewClocks,
  ticketKeys,
} from '../../api/tickets.ts';
import { useI18n } from '../../app/i18n/I18nProvider.tsx';
import { buildCategoryTree, categoryPaths } from './intake.ts';

/** The category tree (a short list, read once per few minutes) with id → path look-ups. */
export function useCategories() {
  const { locale } = useI18n();
  const query = useQuery({ queryKey: ticketKeys.categories, queryFn: listCategories, staleTime: 300_000 });
  const derived = useMemo(() => {
    const items = query.data ?? [];
    return {
      tree: buildCategoryTree(items, locale),
      paths: categoryPaths(items, locale),
      byId: new Map<string, Category>(items.map((c) => [c.id, c])),
    };
  }, [query.data, locale]);
  return { query, ...derived };
}

export function useDepartments(enabled = true) {
  const query = useQuery({
    queryKey: ticketKeys.departments,
    queryFn: listDepartments,
    staleTime: 300_000,
    enabled,
  });
  const byId = useMemo(
    () => new Map<string, Department>((query.data ?? []).map((d) => [d.id, d])),
    [query.data],
  );
  const active = useMemo(() => (query.data ?? []).filter((d) => d.active), [query.data]);
  return { ...query, byId, active };
}

export function useTicket(id: string) {
  return useQuery({ queryKey: ticketKeys.detail(id), queryFn: () => getTicket(id) });
}

export function useTimeline(id: string) {
  return useQuery({ queryKey: ticketKeys.timeline(id), queryFn: () => getWholeTimeline(id) });
}

/** Who could take a record and what the rules would choose; asked only once there is something to ask about. */
export function useCandidates(query: CandidateQuery, enabled: boolean) {
  return useQuery({
    queryKey: ticketKeys.candidates(query),
    queryFn: () => dispatchCandidates(query),
    enabled,
    staleTime: 15_000,
    placeholderData: (previous) => previous,
  });
}

/** What the governing time standard would promise a record with these traits now (for the read-back). */
export function useClockPreview(query: Partial<PolicyMatchQuery>, enabled: boolean) {
  const complete = query.type && query.categoryId && query.urgency && query.projectId;
  return useQuery({
    queryKey: ticketKeys.clockPreview(query as PolicyMatchQuery),
    queryFn: () => previewClocks(query as PolicyMatchQuery),
    enabled: enabled && Boolean(complete),
    // The promise moves with the clock: ask again each minute.
    staleTime: 60_000,
    refetchInterval: 60_000,
    placeholderData: (previous) => previous,
  });
}

/**
 * A record's category path in the UI language (the server words it in Chinese); the server's
 * text stands in until the tree has loaded or for a category no longer in it.
 */
export function useCategoryName(): (categoryId: string, fallback: string) => string {
  const { paths } = useCategories();
  return useCallback(
    (categoryId: string, fallback: string) => paths.get(categoryId)?.join(' / ') ?? fallback,
    [paths],
  );
}
