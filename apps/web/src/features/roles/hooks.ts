import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { Role } from '@steward/contracts';
import { listRoles } from '../../api/access.ts';
import { queryKeys } from '../../api/keys.ts';
import { useLabels } from '../../app/i18n/labels.ts';

export function useRoles(enabled = true) {
  return useQuery({ queryKey: queryKeys.roles, queryFn: listRoles, enabled });
}

/** Role options for selects and a code → label function that knows custom roles' names. */
export function useRoleOptions(enabled = true) {
  const roles = useRoles(enabled);
  const labels = useLabels();
  return useMemo(() => {
    const byCode = new Map<string, Role>((roles.data ?? []).map((r) => [r.code, r]));
    const label = (code: string) => labels.role(code, byCode.get(code)?.name);
    const options = (roles.data ?? []).map((r) => ({ value: r.code, label: labels.role(r.code, r.name) }));
    return { ...roles, options, label };
  }, [roles, labels]);
}
