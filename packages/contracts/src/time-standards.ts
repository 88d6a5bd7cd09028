import { Type, type Static } from 'typebox';
import { DateOnly, Enum, Id, Nullable, Page, PageQuery, Timestamp, Version } from './common.ts';
import {
  ALERT_KINDS,
  CALENDAR_DAY_KINDS,
  CLOCK_OUTCOMES,
  CLOCKS,
  PROMISE_KINDS,
  PROMISE_STATUSES,
  TICKET_TYPES,
  URGENCIES,
} from './ticket-codes.ts';

/**
 * Time standards (服务时限): business calendars, the policies that set a record's clocks, the clocks
 * themselves, promises made to customers, alerts addressed to staff, and the on-time dashboard.
 */
const Name = Type.String({ minLength: 1, maxLength: 50 });
const Note = Type.String({ minLength: 1, maxLength: 500 });
/** Local wall-clock time, 00:00–24:00. */
const HourMinute = Type.String({ pattern: '^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$', description: 'HH:MM' });
const Minutes = Type.Integer({ minimum: 1, maximum: 60 * 24 * 90, description: 'working minutes' });

/* ------------------------------------------------------------------ calendars */

export const WorkingInterval = Type.Object(
  { start: HourMinute, end: HourMinute },
  { additionalProperties: false },
);
export type WorkingInterval = Static<typeof WorkingInterval>;

const DayHours = Type.Array(WorkingInterval, { maxItems: 6 });

export const CalendarDay = Type.Object(
  {
    date: DateOnly,
    kind: Enum(CALENDAR_DAY_KINDS),
    name: Type.String({ maxLength: 50 }),
    /** A make-up working day's hours; absent: Monday's. */
    hours: Type.Optional(DayHours),
  },
  { additionalProperties: false },
);
export type CalendarDay = Static<typeof CalendarDay>;

export const BusinessCalendar = Type.Object({
  id: Id,
  name: Type.String(),
  /** 24×7: every instant counts. */
  alwaysOpen: Type.Boolean(),
  /** Monday first, seven entries; each day's working intervals in local time. */
  week: Type.Array(Type.Array(WorkingInterval), { minItems: 7, maxItems: 7 }),
  days: Type.Array(CalendarDay),
  active: Type.Boolean(),
  /** How many policies name it. */
  policyCount: Type.Integer(),
  version: Type.Integer(),
  updatedAt: Timestamp,
});
export type BusinessCalendar = Static<typeof BusinessCalendar>;

export const CalendarList = Type.Object({ items: Type.Array(BusinessCalendar) });
export type CalendarList = Static<typeof CalendarList>;

const CalendarFields = {
  name: Name,
  alwaysOpen: Type.Boolean(),
  week: Type.Array(DayHours, { minItems: 7, maxItems: 7 }),
  days: Type.Array(CalendarDay, { maxItems: 1000 }),
};

export const CreateCalendarBody = Type.Object(CalendarFields, { additionalProperties: false });
export type CreateCalendarBody = Static<typeof CreateCalendarBody>;

export const UpdateCalendarBody = Type.Object(
  {
    version: Version,
    name: Type.Optional(Name),
    alwaysOpen: Type.Optional(Type.Boolean()),
    week: Type.Optional(CalendarFields.week),
    days: Type.Optional(CalendarFields.days),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type UpdateCalendarBody = Static<typeof UpdateCalendarBody>;

/* ------------------------------------------------------------------ policies */

export const LadderStep = Type.Object(
  {
    /** Working minutes after the breach (0 = at the breach), in the policy's calendar. */
    afterMinutes: Type.Integer({ minimum: 0, maximum: 60 * 24 * 30 }),
    /** 'handler', 'receiver', or role codes such as 'supervisor' and 'manager'. */
    notify: Type.Array(Type.String({ minLength: 1, maxLength: 40 }), {
      minItems: 1,
      maxItems: 8,
      uniqueItems: true,
    }),
  },
  { additionalProperties: false },
);
export type LadderStep = Static<typeof LadderStep>;

/** Minutes per clock; null: this policy sets no such clock. */
export const PolicyClocks = Type.Object(
  {
    dispatch: Nullable(Minutes),
    accept: Nullable(Minutes),
    arrive: Nullable(Minutes),
    complete: Nullable(Minutes),
    /** Minutes, or 'same_day' (当日反馈: by the end of the working day, the next one after hours). */
    feedback: Type.Union([Minutes, Type.Literal('same_day'), Type.Null()]),
  },
  { additionalProperties: false },
);
export type PolicyClocks = Static<typeof PolicyClocks>;

const PolicyMatch = {
  /** null: any. */
  type: Nullable(Enum(TICKET_TYPES)),
  categoryId: Nullable(Id),
  urgency: Nullable(Enum(URGENCIES)),
  projectId: Nullable(Id),
};

const PolicyRules = {
  calendarId: Id,
  clocks: PolicyClocks,
  /** The reply promised to the caller by default (e.g. 10 min for a repair by phone); null: the feedback deadline. */
  promiseMinutes: Nullable(Minutes),
  /** Warn when this share of a clock has run; null: no warning. */
  warnPercent: Nullable(Type.Integer({ minimum: 10, maximum: 99 })),
  ladder: Type.Array(LadderStep, { maxItems: 5 }),
  /** Repeat the last rung every so many working minutes until the clock stops; null: never. */
  repeatMinutes: Nullable(Type.Integer({ minimum: 5, maximum: 60 * 24 * 7 })),
};

export const TimePolicy = Type.Object({
  id: Id,
  name: Type.String(),
  ...PolicyMatch,
  categoryName: Nullable(Type.String()),
  projectName: Nullable(Type.String()),
  ...PolicyRules,
  calendarName: Type.String(),
  active: Type.Boolean(),
  version: Type.Integer(),
  updatedAt: Timestamp,
  /** Open records whose clocks this policy set. */
  openRecords: Type.Integer(),
});
export type TimePolicy = Static<typeof TimePolicy>;

export const PolicyList = Type.Object({ items: Type.Array(TimePolicy) });
export type PolicyList = Static<typeof PolicyList>;

export const CreatePolicyBody = Type.Object(
  { name: Name, ...PolicyMatch, ...PolicyRules },
  { additionalProperties: false },
);
export type CreatePolicyBody = Static<typeof CreatePolicyBody>;

export const UpdatePolicyBody = Type.Object(
  {
    version: Version,
    name: Type.Optional(Name),
    calendarId: Type.Optional(Id),
    clocks: Type.Optional(PolicyClocks),
    promiseMinutes: Type.Optional(PolicyRules.promiseMinutes),
    warnPercent: Type.Optional(PolicyRules.warnPercent),
    ladder: Type.Optional(PolicyRules.ladder),
    repeatMinutes: Type.Optional(PolicyRules.repeatMinutes),
    active: Type.Optional(Type.Boolean()),
    /** Also recompute the clocks of the open records this policy set (their history shows it). */
    applyToOpen: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type UpdatePolicyBody = Static<typeof UpdatePolicyBody>;

export const PolicyUpdated = Type.Object({ policy: TimePolicy, recomputed: Type.Integer() });
export type PolicyUpdated = Static<typeof PolicyUpdated>;

/** Which policy a record with these traits would get, and why (the console's "try it"). */
export const PolicyMatchQuery = Type.Object({
  type: Enum(TICKET_TYPES),
  categoryId: Id,
  urgency: Enum(URGENCIES),
  projectId: Id,
});
export type PolicyMatchQuery = Static<typeof PolicyMatchQuery>;

/** What intake would promise and set for such a record registered now (the read-back uses it). */
export const ClockPreview = Type.Object({
  policyId: Id,
  policyName: Type.String(),
  version: Type.Integer(),
  alwaysOpen: Type.Boolean(),
  at: Timestamp,
  /** Null: the policy promises nothing beyond its feedback deadline and there is none. */
  promisedReplyAt: Nullable(Timestamp),
  /** As if dispatched at once (the response clock starts with the dispatch). */
  deadlines: Type.Object({
    dispatchBy: Nullable(Timestamp),
    acceptBy: Nullable(Timestamp),
    arriveBy: Nullable(Timestamp),
    completeBy: Nullable(Timestamp),
    feedbackBy: Nullable(Timestamp),
  }),
});
export type ClockPreview = Static<typeof ClockPreview>;

/* ------------------------------------------------------------------ clocks of a record */

export const TicketClock = Type.Object({
  clock: Enum(CLOCKS),
  cycle: Type.Integer({ description: '0, then one more for each reopening' }),
  startedAt: Timestamp,
  dueAt: Timestamp,
  warnAt: Nullable(Timestamp),
  pausedAt: Nullable(Timestamp),
  stoppedAt: Nullable(Timestamp),
  outcome: Enum(CLOCK_OUTCOMES),
  escalationLevel: Type.Integer(),
  policyId: Id,
  policyName: Type.String(),
  policyVersion: Type.Integer(),
  alwaysOpen: Type.Boolean(),
});
export type TicketClock = Static<typeof TicketClock>;

/* ------------------------------------------------------------------ promises */

export const TicketPromise = Type.Object({
  id: Id,
  ticketId: Id,
  kind: Enum(PROMISE_KINDS),
  dueAt: Timestamp,
  owner: Type.Object({ id: Id, name: Type.String() }),
  madeBy: Type.Object({ id: Id, name: Type.String() }),
  madeAt: Timestamp,
  note: Nullable(Type.String()),
  status: Enum(PROMISE_STATUSES),
  settledAt: Nullable(Timestamp),
  settleNote: Nullable(Type.String()),
});
export type TicketPromise = Static<typeof TicketPromise>;

export const PromiseList = Type.Object({ items: Type.Array(TicketPromise) });
export type PromiseList = Static<typeof PromiseList>;

export const CreatePromiseBody = Type.Object(
  {
    kind: Enum(PROMISE_KINDS),
    dueAt: Timestamp,
    /** Default: the caller. */
    ownerId: Type.Optional(Id),
    note: Type.Optional(Note),
  },
  { additionalProperties: false },
);
export type CreatePromiseBody = Static<typeof CreatePromiseBody>;

export const SettlePromiseBody = Type.Object({ note: Type.Optional(Note) }, { additionalProperties: false });
export type SettlePromiseBody = Static<typeof SettlePromiseBody>;

export const WithdrawPromiseBody = Type.Object({ reason: Note }, { additionalProperties: false });
export type WithdrawPromiseBody = Static<typeof WithdrawPromiseBody>;

export const PromiseParams = Type.Object({ id: Id, promiseId: Id });
export type PromiseParams = Static<typeof PromiseParams>;

/* ------------------------------------------------------------------ alerts */

export const Alert = Type.Object({
  id: Id,
  kind: Enum(ALERT_KINDS),
  /** A clock, or 'promise'. */
  clock: Type.String(),
  level: Type.Integer({ description: 'escalation rung, 0 for warnings' }),
  ticketId: Id,
  ticketNumber: Type.String(),
  location: Type.String(),
  dueAt: Timestamp,
  createdAt: Timestamp,
  readAt: Nullable(Timestamp),
});
export type Alert = Static<typeof Alert>;

export const AlertPage = Type.Object({
  ...Page(Alert).properties,
  unread: Type.Integer(),
});
export type AlertPage = Static<typeof AlertPage>;

export const AlertListQuery = Type.Object({
  unread: Type.Optional(Type.Boolean()),
  ...PageQuery,
});
export type AlertListQuery = Static<typeof AlertListQuery>;

/* ------------------------------------------------------------------ dashboard */

export const OnTime = Type.Object({
  met: Type.Integer(),
  breached: Type.Integer(),
  running: Type.Integer(),
  /** met / (met + breached); null when nothing was due. */
  rate: Nullable(Type.Number()),
});
export type OnTime = Static<typeof OnTime>;

const ClockRates = Type.Object({
  dispatch: OnTime,
  accept: OnTime,
  arrive: OnTime,
  complete: OnTime,
  feedback: OnTime,
});

export const KpiRow = Type.Object({
  id: Nullable(Id),
  name: Type.String(),
  received: Type.Integer(),
  completed: Type.Integer(),
  open: Type.Integer(),
  clocks: ClockRates,
});
export type KpiRow = Static<typeof KpiRow>;

export const TimeStandardsDashboard = Type.Object({
  period: Enum(['today', 'month'] as const),
  from: Timestamp,
  to: Timestamp,
  total: KpiRow,
  byProject: Type.Array(KpiRow),
  byDepartment: Type.Array(KpiRow),
  promises: Type.Object({
    kept: Type.Integer(),
    broken: Type.Integer(),
    open: Type.Integer(),
    rate: Nullable(Type.Number()),
  }),
});
export type TimeStandardsDashboard = Static<typeof TimeStandardsDashboard>;

export const DashboardQuery = Type.Object({
  period: Type.Optional(Enum(['today', 'month'] as const)),
  projectId: Type.Optional(Id),
  departmentId: Type.Optional(Id),
});
export type DashboardQuery = Static<typeof DashboardQuery>;
