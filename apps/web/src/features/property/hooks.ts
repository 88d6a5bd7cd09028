import { useMemo } from 'react';
import { useQueries, useQuery } from '@tanstack/react-query';
import type { ProjectTree } from '@steward/contracts';
import { queryKeys } from '../../api/keys.ts';
import { getProjectTree } from '../../api/property.ts';

export const projectTreeQuery = (projectId: string) => ({
  queryKey: queryKeys.projects.tree(projectId),
  queryFn: () => getProjectTree(projectId),
});

/** The trees (buildings, units, counts) of the projects open in the tree, by project id. */
export function useProjectTrees(projectIds: readonly string[]) {
  const results = useQueries({ queries: projectIds.map(projectTreeQuery) });
  return useMemo(() => {
    const trees = new Map<string, ProjectTree>();
    results.forEach((result, i) => {
      if (result.data) trees.set(projectIds[i]!, result.data);
    });
    const error = results.find((r) => r.error)?.error ?? null;
    return { trees, error, refetch: () => results.forEach((r) => void r.refetch()) };
  }, [results, projectIds]);
}

export function useProjectTree(projectId: string | undefined) {
  return useQuery({ ...projectTreeQuery(projectId ?? ''), enabled: Boolean(projectId) });
}
