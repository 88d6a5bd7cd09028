import { useMemo } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Category, Department, DutyShiftQuery, StaffProfile } from '@steward/contracts';
import type { BuildingDuty, DepartmentKind, Skill, Urgency } from '@steward/contracts/catalogues';
import {
  listCategories,
  listDepartments,
  listDutyShifts,
  listPriceItems,
  listStaff,
  servicedeskKeys,
} from '../../api/servicedesk.ts';
import { useI18n } from '../../app/i18n/I18nProvider.tsx';
import { buildCategoryTree } from './categoryTree.ts';

/** Labels of the desk's codes, and a category's name in the UI language (English falls back to Chinese). */
export function useDeskLabels() {
  const { t, locale } = useI18n();
  return useMemo(
    () => ({
      skill: (skill: Skill) => t(`skill.${skill}`),
      departmentKind: (kind: DepartmentKind) => t(`departmentKind.${kind}`),
      buildingDuty: (duty: BuildingDuty) => t(`buildingDuty.${duty}`),
      urgency: (urgency: Urgency) => t(`urgency.${urgency}`),
      categoryName: (c: Category) => (locale === 'en-US' && c.nameEn ? c.nameEn : c.name),
    }),
    [t, locale],
  );
}

export function useCategoryList() {
  const query = useQuery({ queryKey: servicedeskKeys.categories, queryFn: listCategories });
  const derived = useMemo(() => {
    const items = query.data ?? [];
    return { tree: buildCategoryTree(items), byId: new Map<string, Category>(items.map((c) => [c.id, c])) };
  }, [query.data]);
  return { ...query, ...derived };
}

export function useDepartmentList() {
  const query = useQuery({ queryKey: servicedeskKeys.departments, queryFn: listDepartments });
  const byId = useMemo(
    () => new Map<string, Department>((query.data ?? []).map((d) => [d.id, d])),
    [query.data],
  );
  return { ...query, byId };
}

export function useStaffList() {
  const query = useQuery({ queryKey: servicedeskKeys.staff, queryFn: listStaff });
  const byId = useMemo(
    () => new Map<string, StaffProfile>((query.data ?? []).map((s) => [s.userId, s])),
    [query.data],
  );
  return { ...query, byId };
}

export function useDutyShifts(query: DutyShiftQuery, enabled: boolean) {
  return useQuery({
    queryKey: servicedeskKeys.shifts.week(query),
    queryFn: () => listDutyShifts(query),
    enabled,
    // Paging weeks keeps the grid on screen instead of flashing empty.
    placeholderData: (previous) => previous,
  });
}

export function usePriceItems() {
  return useQuery({ queryKey: servicedeskKeys.priceItems, queryFn: listPriceItems });
}

/** Refreshes what a configuration write can change: member counts follow staff edits. */
export function useInvalidate() {
  const queryClient = useQueryClient();
  return (...keys: (keyof typeof servicedeskKeys)[]) => {
    for (const key of keys) {
      const entry = servicedeskKeys[key];
      void queryClient.invalidateQueries({ queryKey: 'all' in entry ? entry.all : entry });
    }
  };
}
