import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { Tag } from '@steward/contracts';
import { getCustomerOverview, listTags } from '../../api/customers.ts';
import { queryKeys } from '../../api/keys.ts';

/** Every customer tag of the organisation (a short list), with an id → tag look-up. */
export function useTags(enabled = true) {
  const query = useQuery({ queryKey: queryKeys.tags, queryFn: listTags, enabled });
  const byId = useMemo(
    () => new Map<string, Tag>((query.data ?? []).map((tag) => [tag.id, tag])),
    [query.data],
  );
  return { ...query, byId };
}

export function useCustomerOverview(id: string) {
  return useQuery({ queryKey: queryKeys.customers.overview(id), queryFn: () => getCustomerOverview(id) });
}
