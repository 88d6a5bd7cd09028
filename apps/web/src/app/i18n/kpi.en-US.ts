import type { kpiZhCN } from './kpi.zh-CN.ts';

/** en-US strings of the performance dashboards: the same keys as kpi.zh-CN.ts. */
export const kpiEnUS: Record<keyof typeof kpiZhCN, string> = {
  'menu.timeDashboard': 'Service levels',

  'kpi.title': 'Service levels',
  'kpi.description':
    'Records received in the period: whether each time standard was met. Click a number to see its records.',
  'kpi.period.today': 'Today',
  'kpi.period.month': 'This month',
  'kpi.allProjects': 'All projects',
  'kpi.allDepartments': 'All departments',
  'kpi.range': 'Received {from} to {to}',
  'kpi.updatedAt': 'Updated {time}',
  'kpi.refresh': 'Refresh',
  'kpi.empty': 'No records received in this period yet',

  'kpi.received': 'Received',
  'kpi.completed': 'Completed',
  'kpi.completedHelp': 'Records completed (including confirmed, visited and archived ones)',
  'kpi.open': 'In progress',
  'kpi.promiseRate': 'Promises kept',
  'kpi.promiseDetail': 'Kept {kept} · broken {broken} · open {open}',

  'kpi.clocks.title': 'Time standards met',
  'kpi.clocks.help':
    'On-time rate = met ÷ (met + breached). Running clocks are not counted; one past its deadline counts as breached; cancelled records are left out.',
  'kpi.col.clock': 'Time standard',
  'kpi.col.met': 'Met',
  'kpi.col.breached': 'Breached',
  'kpi.col.running': 'Running',
  'kpi.col.rate': 'On-time rate',
  'kpi.col.project': 'Project',
  'kpi.col.department': 'Department',
  'kpi.col.rateOf': '{clock} on time',
  'kpi.noRate': 'n/a',
  'kpi.breachedCount': '{n} late',
  'kpi.rateTip': 'Met {met} · breached {breached} · running {running}',
  'kpi.byProject': 'By project',
  'kpi.byDepartment': 'By department',
  'kpi.notDispatched': 'Not dispatched',
  'kpi.notDispatchedHelp': 'Records not yet dispatched to any department',

  'kpi.drill.tag': 'Service levels: {parts}',
  'kpi.drill.received': 'received {range}',
  'kpi.drill.clock': '{clock} {outcome}',
  'kpi.drill.clockOnly': 'with a {clock} standard',
  'kpi.drill.undispatched': 'not dispatched',
  'kpi.outcome.met': 'met',
  'kpi.outcome.breached': 'breached',
  'kpi.outcome.running': 'running',
  'kpi.outcome.cancelled': 'cancelled',
};
