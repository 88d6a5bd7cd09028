import { Tag } from 'antd';
import { formatDate } from '../../app/format.ts';
import { useT } from '../../app/i18n/I18nProvider.tsx';
import { usePermission } from '../../app/session.tsx';
import { useAllProjects } from '../projects/hooks.ts';
import { useDepartments } from '../tickets/hooks.ts';
import type { DrillDown } from './drillDown.ts';

/** On the queue page: which dashboard number the list shows, closable like the other filter tags. */
export function DrillDownTag({ drill, onClose }: { drill: DrillDown; onClose: () => void }) {
  const t = useT();
  const can = usePermission();
  const projects = useAllProjects(Boolean(drill.projectId) && can('projects.read'));
  const departments = useDepartments(Boolean(drill.departmentId));
  const first = formatDate(drill.receivedFrom);
  // The period ends just before `receivedTo` (the next day's or month's first instant).
  const last = formatDate(new Date(Date.parse(drill.receivedTo) - 1).toISOString());
  const parts = [
    t('kpi.drill.received', { range: first === last ? first : `${first} ~ ${last}` }),
    drill.projectId ? (projects.byId.get(drill.projectId)?.name ?? null) : null,
    drill.departmentId ? (departments.byId.get(drill.departmentId)?.name ?? null) : null,
    drill.open ? t('kpi.open') : null,
    drill.completed ? t('kpi.completed') : null,
    drill.undispatched ? t('kpi.drill.undispatched') : null,
    drill.clock
      ? drill.clockOutcome
        ? t('kpi.drill.clock', {
            clock: t(`clock.${drill.clock}`),
            outcome: t(`kpi.outcome.${drill.clockOutcome}`),
          })
        : t('kpi.drill.clockOnly', { clock: t(`clock.${drill.clock}`) })
      : null,
  ].filter((part): part is string => Boolean(part));
  return (
    <Tag
      closable
      color="purple"
      onClose={onClose}
      style={{ alignSelf: 'center' }}
      data-testid="tickets-drill-filter"
    >
      {t('kpi.drill.tag', { parts: parts.join(' · ') })}
    </Tag>
  );
}
