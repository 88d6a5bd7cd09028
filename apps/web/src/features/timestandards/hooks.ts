import { useMemo } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  BusinessCalendar,
  CalendarList,
  CreateCalendarBody,
  CreatePolicyBody,
  PolicyList,
  PolicyMatchQuery,
  PolicyUpdated,
  TimePolicy,
  UpdateCalendarBody,
  UpdatePolicyBody,
} from '@steward/contracts';
import { api } from '../../api/client.ts';
import { useT } from '../../app/i18n/I18nProvider.tsx';
import type { MessageKey } from '../../app/i18n/types.ts';
import { durationText, workingDayMinutes } from './durations.ts';

/** Query keys of time standards; a policy edit changes calendars' counts and a calendar edit policies' versions. */
export const timestandardsKeys = {
  calendars: ['calendars'] as const,
  policies: ['time-policies'] as const,
  match: (query: PolicyMatchQuery) => ['time-policies', 'match', query] as const,
};

export const listCalendars = async (): Promise<BusinessCalendar[]> =>
  (await api.get<CalendarList>('/api/v1/calendars')).items;

export const createCalendar = (body: CreateCalendarBody) =>
  api.post<BusinessCalendar>('/api/v1/calendars', body);

export const updateCalendar = (id: string, body: UpdateCalendarBody) =>
  api.patch<BusinessCalendar>(`/api/v1/calendars/${id}`, body);

export const listPolicies = async (): Promise<TimePolicy[]> =>
  (await api.get<PolicyList>('/api/v1/time-policies')).items;

export const createPolicy = (body: CreatePolicyBody) => api.post<TimePolicy>('/api/v1/time-policies', body);

export const updatePolicy = (id: string, body: UpdatePolicyBody) =>
  api.patch<PolicyUpdated>(`/api/v1/time-policies/${id}`, body);

export const matchPolicy = (query: PolicyMatchQuery) =>
  api.get<TimePolicy>('/api/v1/time-policies/match', { ...query });

export function useCalendars() {
  const query = useQuery({ queryKey: timestandardsKeys.calendars, queryFn: listCalendars });
  const byId = useMemo(
    () => new Map<string, BusinessCalendar>((query.data ?? []).map((c) => [c.id, c])),
    [query.data],
  );
  return { ...query, byId };
}

export function usePolicies() {
  return useQuery({ queryKey: timestandardsKeys.policies, queryFn: listPolicies });
}

export function usePolicyMatch(query: Partial<PolicyMatchQuery>) {
  const complete = Boolean(query.type && query.categoryId && query.urgency && query.projectId);
  return useQuery({
    queryKey: timestandardsKeys.match(query as PolicyMatchQuery),
    queryFn: () => matchPolicy(query as PolicyMatchQuery),
    enabled: complete,
    retry: false,
  });
}

/** After any write: both lists (counts and versions cross between them) and the tester's answers. */
export function useRefresh() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: timestandardsKeys.calendars });
    void queryClient.invalidateQueries({ queryKey: timestandardsKeys.policies });
  };
}

/** Durations and weekdays in the UI language: "5分", "2个工作日", "当日"; null reads as a dash. */
export function useTimeFormat() {
  const t = useT();
  return useMemo(() => {
    const duration = (minutes: number | 'same_day' | null, calendar: BusinessCalendar | undefined) => {
      const text = durationText(minutes, workingDayMinutes(calendar), calendar?.alwaysOpen ?? false);
      if (!text) return '—';
      return text.key === 'sameDay' ? t('tsDuration.sameDay') : t(`tsDuration.${text.key}`, { n: text.n });
    };
    const weekday = (day: number) => t(`tsWeekday.${day}` as MessageKey);
    const days = (from: number, to: number) => {
      if (from === to) return weekday(from);
      return t(to === from + 1 ? 'tsCalendar.dayPair' : 'tsCalendar.dayRange', {
        from: weekday(from),
        to: weekday(to),
      });
    };
    return { duration, weekday, days };
  }, [t]);
}
