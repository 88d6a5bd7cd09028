import type { DashboardQuery, TimeStandardsDashboard } from '@steward/contracts';
import { api } from './client.ts';

/** Performance dashboards (kpi.view). */
export const kpiKeys = {
  all: ['kpi'] as const,
  timeStandards: (query: DashboardQuery) => ['kpi', 'time-standards', query] as const,
};

export const getTimeDashboard = (query: DashboardQuery) =>
  api.get<TimeStandardsDashboard>('/api/v1/dashboard/time-standards', { ...query });
