import { sql, type Kysely } from 'kysely';
import type { CalendarDay, LadderStep, PolicyClocks, WorkingInterval } from '@steward/contracts';
import type { TicketType, Urgency } from '@steward/contracts/catalogues';
import { newId } from '../../platform/ids.ts';

/**
 * What a new organisation starts with for time standards (服务时限): three calendars and the
 * handbooks' figures as policies. Everything is editable in the console.
 *
 * The figures: every request is forwarded (受理→派工) within 5 minutes and fed back to the customer
 * the same day (当日反馈); a repair reported by phone gets a reply within 10 minutes; emergencies run
 * round the clock and are on site within minutes. Clocks count working minutes of the policy's
 * calendar.
 */
const h = (start: string, end: string): WorkingInterval => ({ start, end });
const SERVICE_DAY = [h('08:00', '12:00'), h('13:30', '18:00')];
const OFFICE_DAY = [h('08:30', '12:00'), h('13:30', '17:30')];

/** China's 2026 public holidays and make-up working days (国务院办公厅 2026 年部分节假日安排). */
export const CHINA_2026: readonly CalendarDay[] = [
  ...range('2026-01-01', '2026-01-03', '元旦'),
  { date: '2026-01-04', kind: 'workday', name: '元旦调休上班' },
  { date: '2026-02-14', kind: 'workday', name: '春节调休上班' },
  ...range('2026-02-15', '2026-02-23', '春节'),
  { date: '2026-02-28', kind: 'workday', name: '春节调休上班' },
  ...range('2026-04-04', '2026-04-06', '清明节'),
  ...range('2026-05-01', '2026-05-05', '劳动节'),
  { date: '2026-05-09', kind: 'workday', name: '劳动节调休上班' },
  ...range('2026-06-19', '2026-06-21', '端午节'),
  { date: '2026-09-20', kind: 'workday', name: '国庆节调休上班' },
  ...range('2026-09-25', '2026-09-27', '中秋节'),
  ...range('2026-10-01', '2026-10-07', '国庆节'),
  { date: '2026-10-10', kind: 'workday', name: '国庆节调休上班' },
];

function range(from: string, to: string, name: string): CalendarDay[] {
  const out: CalendarDay[] = [];
  for (
    let d = new Date(`${from}T00:00:00Z`);
    d <= new Date(`${to}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + 1)
  )
    out.push({ date: d.toISOString().slice(0, 10), kind: 'holiday', name });
  return out;
}

interface SeedCalendar {
  code: string;
  name: string;
  alwaysOpen: boolean;
  week: WorkingInterval[][];
  days: readonly CalendarDay[];
}

export const DEFAULT_CALENDARS: readonly SeedCalendar[] = [
  {
    code: '24x7',
    name: '全天候（24×7）',
    alwaysOpen: true,
    week: Array.from({ length: 7 }, () => []),
    days: [],
  },
  {
    code: 'SERVICE',
    name: '服务中心工作时间',
    alwaysOpen: false,
    // The service centre and the maintenance team work every day; only the Spring Festival's first
    // days are covered by the emergency duty alone.
    week: Array.from({ length: 7 }, () => SERVICE_DAY),
    days: CHINA_2026.filter((d) => d.kind === 'holiday' && d.date >= '2026-02-16' && d.date <= '2026-02-18'),
  },
  {
    code: 'OFFICE',
    name: '行政办公时间（法定节假日）',
    alwaysOpen: false,
    week: [OFFICE_DAY, OFFICE_DAY, OFFICE_DAY, OFFICE_DAY, OFFICE_DAY, [], []],
    days: CHINA_2026,
  },
];

interface SeedPolicy {
  name: string;
  type?: TicketType;
  categoryCode?: string;
  urgency?: Urgency;
  calendar: string;
  clocks: PolicyClocks;
  promiseMinutes: number | null;
  ladder: LadderStep[];
  repeatMinutes: number | null;
}

const LADDER: LadderStep[] = [
  { afterMinutes: 0, notify: ['handler'] },
  { afterMinutes: 30, notify: ['supervisor'] },
  { afterMinutes: 120, notify: ['manager'] },
];
const URGENT_LADDER: LadderStep[] = [
  { afterMinutes: 0, notify: ['handler', 'supervisor'] },
  { afterMinutes: 10, notify: ['manager'] },
];
/** One working day of the service centre (8.5 h) and of the office (7.5 h), in minutes. */
const SERVICE_DAY_MIN = 510;
const OFFICE_DAY_MIN = 450;

export const DEFAULT_POLICIES: readonly SeedPolicy[] = [
  {
    name: '默认标准',
    calendar: 'SERVICE',
    clocks: { dispatch: 5, accept: 30, arrive: null, complete: 2 * SERVICE_DAY_MIN, feedback: 'same_day' },
    promiseMinutes: null,
    ladder: LADDER,
    repeatMinutes: null,
  },
  {
    name: '紧急事件',
    urgency: 'emergency',
    calendar: '24x7',
    clocks: { dispatch: 2, accept: 5, arrive: 15, complete: 240, feedback: 60 },
    promiseMinutes: 5,
    ladder: URGENT_LADDER,
    repeatMinutes: 15,
  },
  {
    name: '电梯困人',
    categoryCode: 'LIFT-TRAPPED',
    urgency: 'emergency',
    calendar: '24x7',
    clocks: { dispatch: 1, accept: 3, arrive: 10, complete: 60, feedback: 30 },
    promiseMinutes: 3,
    ladder: [
      { afterMinutes: 0, notify: ['handler', 'supervisor', 'manager'] },
      { afterMinutes: 5, notify: ['admin'] },
    ],
    repeatMinutes: 10,
  },
  {
    name: '一般报修',
    type: 'repair',
    urgency: 'general',
    calendar: 'SERVICE',
    clocks: { dispatch: 5, accept: 10, arrive: 60, complete: 2 * SERVICE_DAY_MIN, feedback: 'same_day' },
    promiseMinutes: 10,
    ladder: LADDER,
    repeatMinutes: null,
  },
  {
    name: '求助',
    type: 'help',
    calendar: 'SERVICE',
    clocks: { dispatch: 5, accept: 10, arrive: 30, complete: SERVICE_DAY_MIN, feedback: 'same_day' },
    promiseMinutes: 10,
    ladder: LADDER,
    repeatMinutes: null,
  },
  {
    name: '特约服务',
    type: 'special_service',
    calendar: 'SERVICE',
    // Done by appointment: the visit is a promise agreed with the customer, not a fixed clock.
    clocks: { dispatch: 10, accept: 60, arrive: null, complete: 5 * SERVICE_DAY_MIN, feedback: 'same_day' },
    promiseMinutes: 30,
    ladder: LADDER,
    repeatMinutes: null,
  },
  {
    name: '投诉',
    type: 'complaint',
    calendar: 'SERVICE',
    clocks: { dispatch: 5, accept: 30, arrive: null, complete: 3 * SERVICE_DAY_MIN, feedback: 'same_day' },
    promiseMinutes: 60,
    ladder: [
      { afterMinutes: 0, notify: ['handler', 'supervisor'] },
      { afterMinutes: 60, notify: ['manager'] },
    ],
    repeatMinutes: null,
  },
  {
    name: '咨询',
    type: 'inquiry',
    calendar: 'SERVICE',
    clocks: { dispatch: 5, accept: 30, arrive: null, complete: SERVICE_DAY_MIN, feedback: 'same_day' },
    promiseMinutes: 30,
    ladder: LADDER,
    repeatMinutes: null,
  },
  {
    name: '建议',
    type: 'suggestion',
    calendar: 'OFFICE',
    clocks: { dispatch: 5, accept: 4 * 60, arrive: null, complete: 5 * OFFICE_DAY_MIN, feedback: 'same_day' },
    promiseMinutes: null,
    ladder: LADDER,
    repeatMinutes: null,
  },
];

/** The unique key of a policy's match: the four traits, '*' for any. */
export function matchKey(m: {
  type: string | null;
  categoryId: string | null;
  urgency: string | null;
  projectId: string | null;
}): string {
  return [m.type, m.categoryId, m.urgency, m.projectId].map((v) => v ?? '*').join('|');
}

export async function seedTimeStandards(db: Kysely<unknown>, orgId: string, at: string): Promise<void> {
  const calendarIds = new Map<string, string>();
  const calendars = new Map<string, SeedCalendar>();
  for (const c of DEFAULT_CALENDARS) {
    const id = newId();
    calendarIds.set(c.code, id);
    calendars.set(c.code, c);
    await sql`INSERT INTO business_calendars (id, org_id, name, always_open, week, days, active, version, created_at, updated_at)
      VALUES (${id}, ${orgId}, ${c.name}, ${c.alwaysOpen ? 1 : 0}, ${JSON.stringify(c.week)}, ${JSON.stringify(c.days)},
        1, 1, ${at}, ${at})`.execute(db);
  }
  const categories = await sql<{ id: string; code: string }>`
    SELECT id, code FROM ticket_categories WHERE org_id = ${orgId}`.execute(db);
  const categoryIds = new Map(categories.rows.map((r) => [r.code, r.id]));
  for (const p of DEFAULT_POLICIES) {
    const id = newId();
    const match = {
      type: p.type ?? null,
      categoryId: p.categoryCode ? (categoryIds.get(p.categoryCode) ?? null) : null,
      urgency: p.urgency ?? null,
      projectId: null,
    };
    // A category renamed away before this ran: skip its policy rather than widen it to every category.
    if (p.categoryCode && !match.categoryId) continue;
    const rules = {
      clocks: p.clocks,
      promiseMinutes: p.promiseMinutes,
      warnPercent: 80,
      ladder: p.ladder,
      repeatMinutes: p.repeatMinutes,
    };
    const calendarId = calendarIds.get(p.calendar)!;
    const c = calendars.get(p.calendar)!;
    const calendar = { name: c.name, alwaysOpen: c.alwaysOpen, week: c.week, days: c.days };
    await sql`INSERT INTO time_policies (id, org_id, name, match_key, type, category_id, urgency, project_id,
        calendar_id, rules, active, version, created_at, updated_at, updated_by)
      VALUES (${id}, ${orgId}, ${p.name}, ${matchKey(match)}, ${match.type}, ${match.categoryId}, ${match.urgency},
        ${match.projectId}, ${calendarId}, ${JSON.stringify(rules)}, 1, 1, ${at}, ${at}, NULL)`.execute(db);
    await sql`INSERT INTO time_policy_versions (policy_id, version, snapshot, created_at, created_by)
      VALUES (${id}, 1, ${JSON.stringify({ name: p.name, ...match, calendarId, ...rules, calendar })}, ${at}, NULL)`.execute(
      db,
    );
  }
}
