import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { Project } from '@steward/contracts';
import { queryKeys } from '../../api/keys.ts';
import { listAllProjects, listBuildings } from '../../api/property.ts';

/** Every project in the caller's scope (all pages), for pickers and id → name look-ups. */
export function useAllProjects(enabled = true) {
  const query = useQuery({ queryKey: queryKeys.projects.everything, queryFn: listAllProjects, enabled });
  const byId = useMemo(
    () => new Map<string, Project>((query.data ?? []).map((p) => [p.id, p])),
    [query.data],
  );
  return { ...query, byId };
}

export function useBuildings(projectId: string | undefined) {
  return useQuery({
    queryKey: queryKeys.projects.buildings(projectId ?? ''),
    queryFn: () => listBuildings(projectId!),
    enabled: Boolean(projectId),
  });
}
