import type {
  ClockPreview,
  BusinessCalendar,
  CalendarDay,
  CreateCalendarBody,
  CreatePolicyBody,
  LadderStep,
  PolicyClocks,
  PolicyMatchQuery,
  PolicyUpdated,
  TimePolicy,
  UpdateCalendarBody,
  UpdatePolicyBody,
  WorkingInterval,
} from '@steward/contracts';
import { LADDER_TARGETS } from '@steward/contracts/catalogues';
import type { Db, Executor } from '../../db/database.ts';
import { isUniqueViolation } from '../../db/dialect.ts';
import type { BusinessCalendarsTable, TimePoliciesTable } from '../../db/schema.ts';
import { matchKey } from '../../db/seeds/time-standards.ts';
import { auditActor, writeAudit } from '../../platform/audit/audit.ts';
import type { Actor, RequestMeta } from '../../platform/auth/actor.ts';
import { canAccessWholeProject } from '../../platform/auth/scope.ts';
import type { Clock } from '../../platform/clock.ts';
import { platformError, type AppError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { runIdempotent, type IdempotencyContext } from '../../platform/idempotency.ts';
import { orgTimeZone } from '../property/index.ts';
import { resolveCategory } from '../servicedesk/index.ts';
import { validateCalendar, type CalendarSpec } from './business-time.ts';
import { governingFor, previewClocks, recomputeOpenClocks, type PolicySnapshot } from './clocks.service.ts';
import * as repo from './config.repository.ts';
import type { PolicyRules } from './policy-match.ts';
import { cleanName, timestandardsError } from './timestandards.errors.ts';
import { findCalendarRow, findPolicy, parsePolicy, toMinutes } from './timestandards.repository.ts';

/**
 * Configuration of time standards (服务时限): business calendars and the policies that set a
 * record's clocks. Organisation-wide like the rest of the service desk's configuration: read with
 * tickets.read, changed with servicedesk.configure (a policy limited to one project also needs that
 * project in the editor's scope), every change one `servicedesk.configured` audit entry.
 *
 * Records remember the policy version that set their clocks, and a version's snapshot carries the
 * calendar as it was. So a change of a calendar's hours is a new version of every policy naming
 * it: new records get the new hours, records already running keep theirs until recomputed.
 */
export type TimeStandardsDeps = { db: Db; clock: Clock };

type Entity = 'calendar' | 'time_policy';

async function audit(
  tx: Executor,
  deps: Pick<TimeStandardsDeps, 'clock'>,
  actor: Actor,
  meta: RequestMeta,
  input: { entity: Entity; change: 'created' | 'updated'; id: string; details: Record<string, unknown> },
): Promise<void> {
  await writeAudit(tx, deps.clock, {
    action: 'servicedesk.configured',
    orgId: actor.orgId,
    actor: auditActor(actor),
    target: { type: input.entity, id: input.id },
    details: { entity: input.entity, change: input.change, ...input.details },
    meta,
  });
}

/** The fields that differ, as { field: { from, to } }. */
function changesBetween(before: Record<string, unknown>, after: Record<string, unknown>) {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const [key, to] of Object.entries(after)) {
    const from = before[key];
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[key] = { from, to };
  }
  return changes;
}

/* ------------------------------------------------------------------ calendars */

const WEEKDAYS_ZH = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'];
const WEEKDAYS_EN = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

function calendarDto(row: repo.CalendarRow): BusinessCalendar {
  return {
    id: row.id,
    name: row.name,
    alwaysOpen: row.always_open === 1,
    week: JSON.parse(row.week) as WorkingInterval[][],
    days: JSON.parse(row.days) as CalendarDay[],
    active: row.active === 1,
    policyCount: row.policy_count,
    version: row.version,
    updatedAt: row.updated_at,
  };
}

export async function listCalendars(
  deps: Pick<TimeStandardsDeps, 'db'>,
  actor: Actor,
): Promise<BusinessCalendar[]> {
  return (await repo.listCalendars(deps.db, actor.orgId)).map(calendarDto);
}

async function reloadCalendar(db: Executor, orgId: string, id: string): Promise<BusinessCalendar> {
  return calendarDto((await repo.listCalendars(db, orgId, id))[0]!);
}

/** One day's periods: each ends after it starts, in order, none overlapping the one before. */
function checkPeriods(
  periods: readonly WorkingInterval[],
  field: string,
  day: { dayZh: string; dayEn: string },
): number {
  let previousEnd = -1;
  let minutes = 0;
  periods.forEach((period, i) => {
    const start = toMinutes(period.start);
    const end = toMinutes(period.end);
    const params = { ...day, n: i + 1 };
    if (start >= end) throw timestandardsError('CALENDAR_INTERVAL_EMPTY', { field: `${field}.${i}` }, params);
    if (start < previousEnd)
      throw timestandardsError('CALENDAR_INTERVALS_OVERLAP', { field: `${field}.${i}` }, params);
    previousEnd = end;
    minutes += end - start;
  });
  return minutes;
}

/** Periods as stored: exactly { start, end }, whatever else or in whatever order they came. */
const normalised = (periods: readonly WorkingInterval[]): WorkingInterval[] =>
  periods.map((p) => ({ start: p.start, end: p.end }));

const minutePairs = (periods: readonly WorkingInterval[]): Array<[number, number]> =>
  periods.map((p) => [toMinutes(p.start), toMinutes(p.end)]);

/**
 * A calendar as it will be stored: names trimmed, dated exceptions in date order. Refuses, naming
 * the field, periods that end before they start or overlap, a working week without working time
 * (unless 24×7), a date listed twice, a holiday with hours and a make-up day with none; then asks
 * the working-time arithmetic whether it can compute with it.
 */
function checkCalendar(
  input: { alwaysOpen: boolean; week: WorkingInterval[][]; days: CalendarDay[] },
  timeZone: string,
): { week: WorkingInterval[][]; days: CalendarDay[] } {
  let weekMinutes = 0;
  input.week.forEach((periods, d) => {
    weekMinutes += checkPeriods(periods, `body.week.${d}`, {
      dayZh: WEEKDAYS_ZH[d]!,
      dayEn: WEEKDAYS_EN[d]!,
    });
  });
  if (!input.alwaysOpen && weekMinutes === 0)
    throw timestandardsError('CALENDAR_NO_WORKING_TIME', { field: 'body.week' });
  const seen = new Set<string>();
  const days = input.days.map((day, i): CalendarDay => {
    const field = `body.days.${i}`;
    if (seen.has(day.date))
      throw timestandardsError('CALENDAR_DAY_DUPLICATE', { field: `${field}.date` }, { date: day.date });
    seen.add(day.date);
    if (day.hours !== undefined) {
      if (day.kind === 'holiday' && day.hours.length > 0)
        throw timestandardsError('CALENDAR_HOLIDAY_HOURS', { field: `${field}.hours` }, { date: day.date });
      if (day.kind === 'workday' && day.hours.length === 0)
        throw timestandardsError(
          'CALENDAR_WORKDAY_NO_HOURS',
          { field: `${field}.hours` },
          { date: day.date },
        );
      checkPeriods(day.hours, `${field}.hours`, { dayZh: day.date, dayEn: day.date });
    }
    const name = day.name.trim();
    // A holiday's hours mean nothing: not kept.
    return day.kind === 'workday' && day.hours
      ? { date: day.date, kind: day.kind, name, hours: normalised(day.hours) }
      : { date: day.date, kind: day.kind, name };
  });
  days.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const spec: CalendarSpec = {
    timeZone,
    alwaysOpen: input.alwaysOpen,
    week: input.week.map(minutePairs),
    days: new Map(
      days.map((d) => [d.date, { kind: d.kind, ...(d.hours ? { hours: minutePairs(d.hours) } : {}) }]),
    ),
  };
  const problems = validateCalendar(spec);
  if (problems.length)
    throw timestandardsError('CALENDAR_INVALID', { problems }, { problems: problems.join('; ') });
  return { week: input.week.map(normalised), days };
}

export async function createCalendar(
  deps: TimeStandardsDeps,
  actor: Actor,
  meta: RequestMeta,
  body: CreateCalendarBody,
  idempotency?: IdempotencyContext,
): Promise<BusinessCalendar> {
  return runIdempotent(deps.db, deps.clock, idempotency, async (tx) => {
    const name = cleanName(body.name, 'body.name');
    const { week, days } = checkCalendar(body, await orgTimeZone(tx, actor.orgId));
    const now = deps.clock.now().toISOString();
    const id = newId();
    await repo.insertCalendar(tx, {
      id,
      org_id: actor.orgId,
      name,
      always_open: Number(body.alwaysOpen),
      week: JSON.stringify(week),
      days: JSON.stringify(days),
      active: 1,
      version: 1,
      created_at: now,
      updated_at: now,
    });
    await audit(tx, deps, actor, meta, {
      entity: 'calendar',
      change: 'created',
      id,
      details: { name, alwaysOpen: body.alwaysOpen, days: days.length },
    });
    return reloadCalendar(tx, actor.orgId, id);
  });
}

export async function updateCalendar(
  deps: TimeStandardsDeps,
  actor: Actor,
  meta: RequestMeta,
  id: string,
  body: UpdateCalendarBody,
): Promise<BusinessCalendar> {
  return deps.db.transaction().execute(async (tx) => {
    const current = await findCalendarRow(tx, actor.orgId, id);
    if (!current) throw platformError('NOT_FOUND');
    if (current.version !== body.version)
      throw platformError('VERSION_CONFLICT', { currentVersion: current.version });
    const alwaysOpen = body.alwaysOpen ?? current.always_open === 1;
    const checked = checkCalendar(
      {
        alwaysOpen,
        week: body.week ?? (JSON.parse(current.week) as WorkingInterval[][]),
        days: body.days ?? (JSON.parse(current.days) as CalendarDay[]),
      },
      await orgTimeZone(tx, actor.orgId),
    );
    const next = {
      name: body.name === undefined ? current.name : cleanName(body.name, 'body.name'),
      always_open: Number(alwaysOpen),
      week: JSON.stringify(checked.week),
      days: JSON.stringify(checked.days),
      active: body.active === undefined ? current.active : Number(body.active),
    };
    // A policy in force must always have a calendar to count in.
    if (current.active === 1 && next.active === 0) {
      const inUse = (await repo.policiesOfCalendar(tx, actor.orgId, id)).filter((p) => p.active === 1);
      if (inUse.length) {
        const policies = inUse.map((p) => p.name).sort();
        throw timestandardsError(
          'CALENDAR_IN_USE',
          { field: 'body.active', policies },
          { policies: policies.slice(0, 5).join('、') + (policies.length > 5 ? ' …' : '') },
        );
      }
    }
    const changes = changesBetween(
      { name: current.name, alwaysOpen: current.always_open === 1, week: current.week, days: current.days },
      { name: next.name, alwaysOpen, week: next.week, days: next.days },
    );
    const activeChanged = next.active !== current.active;
    if (!Object.keys(changes).length && !activeChanged) return reloadCalendar(tx, actor.orgId, id);

    const now = deps.clock.now().toISOString();
    if (
      !(await repo.updateCalendarVersioned(tx, actor.orgId, id, body.version, { ...next, updated_at: now }))
    )
      throw platformError('VERSION_CONFLICT');
    // What new records of its policies count in changes with it: a new version of each.
    const reversioned: string[] = [];
    if (Object.keys(changes).length) {
      const calendar = (await findCalendarRow(tx, actor.orgId, id))!;
      for (const policy of await repo.policiesOfCalendar(tx, actor.orgId, id)) {
        await writeNewVersion(tx, actor, policy, {}, calendar, now);
        reversioned.push(policy.name);
      }
    }
    // Hours are long JSON: the audit says which parts changed, and the new calendar in full.
    const summary: Record<string, unknown> = {};
    for (const [key, change] of Object.entries(changes))
      summary[key] = key === 'week' || key === 'days' ? { changed: true } : change;
    if (activeChanged) summary.active = { from: current.active, to: next.active };
    await audit(tx, deps, actor, meta, {
      entity: 'calendar',
      change: 'updated',
      id,
      details: {
        name: next.name,
        changes: summary,
        ...(changes.week || changes.days ? { week: checked.week, days: checked.days } : {}),
        policiesReversioned: reversioned,
      },
    });
    return reloadCalendar(tx, actor.orgId, id);
  });
}

/* ------------------------------------------------------------------ policies */

const CATCH_ALL = matchKey({ type: null, categoryId: null, urgency: null, projectId: null });

function rulesOf(row: TimePoliciesTable): PolicyRules {
  return parsePolicy(row).rules;
}

/** Rules in the stored shape and key order, whatever shape they came in. */
function storedRules(r: PolicyRules): PolicyRules {
  return {
    clocks: {
      dispatch: r.clocks.dispatch,
      accept: r.clocks.accept,
      arrive: r.clocks.arrive,
      complete: r.clocks.complete,
      feedback: r.clocks.feedback,
    },
    promiseMinutes: r.promiseMinutes,
    warnPercent: r.warnPercent,
    ladder: r.ladder.map((s) => ({ afterMinutes: s.afterMinutes, notify: [...s.notify] })),
    repeatMinutes: r.repeatMinutes,
  };
}

function policyDto(row: repo.PolicyRow): TimePolicy {
  const rules = rulesOf(row);
  return {
    id: row.id,
    name: row.name,
    type: row.type,
    categoryId: row.category_id,
    urgency: row.urgency,
    projectId: row.project_id,
    categoryName: row.category_name,
    projectName: row.project_name,
    calendarId: row.calendar_id,
    clocks: rules.clocks,
    promiseMinutes: rules.promiseMinutes,
    warnPercent: rules.warnPercent,
    ladder: rules.ladder,
    repeatMinutes: rules.repeatMinutes,
    calendarName: row.calendar_name,
    active: row.active === 1,
    version: row.version,
    updatedAt: row.updated_at,
    openRecords: row.open_records,
  };
}

/** General before specific, in the order that decides which applies: urgency, category, type, project. */
function specificity(p: TimePolicy): number {
  return (p.urgency ? 8 : 0) + (p.categoryId ? 4 : 0) + (p.type ? 2 : 0) + (p.projectId ? 1 : 0);
}

export async function listPolicies(deps: Pick<TimeStandardsDeps, 'db'>, actor: Actor): Promise<TimePolicy[]> {
  const items = (await repo.listPolicies(deps.db, actor.orgId)).map(policyDto);
  return items.sort(
    (a, b) =>
      specificity(a) - specificity(b) || a.name.localeCompare(b.name, 'zh-CN') || (a.id < b.id ? -1 : 1),
  );
}

async function reloadPolicy(db: Executor, orgId: string, id: string): Promise<TimePolicy> {
  return policyDto((await repo.listPolicies(db, orgId, id))[0]!);
}

/** The policy version as records will read it: match, figures, and the calendar as it is now. */
function snapshotOf(policy: TimePoliciesTable, rules: PolicyRules, calendar: BusinessCalendarsTable) {
  const snapshot: PolicySnapshot & Record<string, unknown> = {
    name: policy.name,
    type: policy.type,
    categoryId: policy.category_id,
    urgency: policy.urgency,
    projectId: policy.project_id,
    calendarId: policy.calendar_id,
    ...storedRules(rules),
    calendar: {
      name: calendar.name,
      alwaysOpen: calendar.always_open === 1,
      week: JSON.parse(calendar.week) as WorkingInterval[][],
      days: JSON.parse(calendar.days) as CalendarDay[],
    },
  };
  return snapshot;
}

/**
 * Writes the next version of a policy (its row and the snapshot of the version) with `changes`
 * applied. The row is written only while its version is still the one read; else 409.
 */
async function writeNewVersion(
  tx: Executor,
  actor: Actor,
  current: TimePoliciesTable,
  changes: Partial<Pick<TimePoliciesTable, 'name' | 'calendar_id' | 'rules' | 'active'>>,
  calendar: BusinessCalendarsTable,
  now: string,
): Promise<number> {
  const next = { ...current, ...changes };
  const ok = await repo.updatePolicyVersioned(tx, current.org_id, current.id, current.version, {
    ...changes,
    updated_at: now,
    updated_by: actor.userId,
  });
  if (!ok) throw platformError('VERSION_CONFLICT');
  const version = current.version + 1;
  await repo.insertPolicyVersion(tx, {
    policy_id: current.id,
    version,
    snapshot: JSON.stringify(snapshotOf(next, rulesOf(next), calendar)),
    created_at: now,
    created_by: actor.userId,
  });
  return version;
}

/** A calendar of the organisation that a policy in force can count in: unknown → 404, deactivated → 400. */
async function usableCalendar(
  db: Executor,
  orgId: string,
  id: string,
  mustBeActive: boolean,
): Promise<BusinessCalendarsTable> {
  const calendar = await findCalendarRow(db, orgId, id);
  if (!calendar) throw platformError('NOT_FOUND', { field: 'body.calendarId' });
  if (mustBeActive && calendar.active !== 1)
    throw timestandardsError('CALENDAR_INACTIVE', { field: 'body.calendarId' }, { name: calendar.name });
  return calendar;
}

function checkClocks(clocks: PolicyClocks): void {
  if (Object.values(clocks).every((v) => v === null))
    throw timestandardsError('POLICY_NO_CLOCK', { field: 'body.clocks' });
}

/** Rungs come later one after another and notify the handler, the receiver or a role of the organisation. */
async function checkLadder(db: Executor, orgId: string, ladder: readonly LadderStep[]): Promise<void> {
  const known = new Set<string>([...LADDER_TARGETS, ...(await repo.roleCodes(db, orgId))]);
  ladder.forEach((step, i) => {
    if (i > 0 && step.afterMinutes <= ladder[i - 1]!.afterMinutes)
      throw timestandardsError(
        'LADDER_NOT_ASCENDING',
        { field: `body.ladder.${i}.afterMinutes` },
        { n: i + 1 },
      );
    const unknown = step.notify.find((target) => !known.has(target));
    if (unknown !== undefined)
      throw timestandardsError(
        'LADDER_TARGET_UNKNOWN',
        { field: `body.ladder.${i}.notify` },
        { target: unknown },
      );
  });
}

function matchTaken(existing: Pick<TimePoliciesTable, 'id' | 'name'>): AppError {
  return timestandardsError(
    'POLICY_MATCH_TAKEN',
    { policyId: existing.id, policyName: existing.name },
    { name: existing.name },
  );
}

export async function createPolicy(
  deps: TimeStandardsDeps,
  actor: Actor,
  meta: RequestMeta,
  body: CreatePolicyBody,
  idempotency?: IdempotencyContext,
): Promise<TimePolicy> {
  const match = {
    type: body.type,
    categoryId: body.categoryId,
    urgency: body.urgency,
    projectId: body.projectId,
  };
  const key = matchKey(match);
  try {
    return await runIdempotent(deps.db, deps.clock, idempotency, async (tx) => {
      const name = cleanName(body.name, 'body.name');
      if (match.categoryId !== null && !(await resolveCategory(tx, actor.orgId, match.categoryId)))
        throw platformError('NOT_FOUND', { field: 'body.categoryId' });
      // A policy of one project is written only by someone whose scope holds the whole project.
      if (
        match.projectId !== null &&
        (!canAccessWholeProject(actor.scope, match.projectId) ||
          (await repo.projectName(tx, actor.orgId, match.projectId)) === undefined)
      )
        throw platformError('NOT_FOUND', { field: 'body.projectId' });
      const calendar = await usableCalendar(tx, actor.orgId, body.calendarId, true);
      checkClocks(body.clocks);
      await checkLadder(tx, actor.orgId, body.ladder);
      const existing = await repo.findPolicyByMatchKey(tx, actor.orgId, key);
      if (existing) throw matchTaken(existing);
      const now = deps.clock.now().toISOString();
      const rules = storedRules(body);
      const row: TimePoliciesTable = {
        id: newId(),
        org_id: actor.orgId,
        name,
        match_key: key,
        type: match.type,
        category_id: match.categoryId,
        urgency: match.urgency,
        project_id: match.projectId,
        calendar_id: calendar.id,
        rules: JSON.stringify(rules),
        active: 1,
        version: 1,
        created_at: now,
        updated_at: now,
        updated_by: actor.userId,
      };
      await repo.insertPolicy(tx, row);
      await repo.insertPolicyVersion(tx, {
        policy_id: row.id,
        version: 1,
        snapshot: JSON.stringify(snapshotOf(row, rules, calendar)),
        created_at: now,
        created_by: actor.userId,
      });
      await audit(tx, deps, actor, meta, {
        entity: 'time_policy',
        change: 'created',
        id: row.id,
        details: { name, ...match, calendarId: calendar.id, ...rules },
      });
      return reloadPolicy(tx, actor.orgId, row.id);
    });
  } catch (error) {
    // A twin with the same conditions committed first (PostgreSQL sees it only at the insert).
    if (!isUniqueViolation(error)) throw error;
    const existing = await repo.findPolicyByMatchKey(deps.db, actor.orgId, key);
    throw existing ? matchTaken(existing) : error;
  }
}

export async function updatePolicy(
  deps: TimeStandardsDeps,
  actor: Actor,
  meta: RequestMeta,
  id: string,
  body: UpdatePolicyBody,
): Promise<PolicyUpdated> {
  return deps.db.transaction().execute(async (tx) => {
    const loaded = await findPolicy(tx, actor.orgId, id);
    if (!loaded) throw platformError('NOT_FOUND');
    const current = loaded.row;
    if (current.version !== body.version)
      throw platformError('VERSION_CONFLICT', { currentVersion: current.version });
    if (current.project_id !== null && !canAccessWholeProject(actor.scope, current.project_id))
      throw timestandardsError('POLICY_OUTSIDE_SCOPE');

    const before = storedRules(loaded.rules);
    const rules: PolicyRules = {
      clocks: body.clocks ?? before.clocks,
      promiseMinutes: body.promiseMinutes === undefined ? before.promiseMinutes : body.promiseMinutes,
      warnPercent: body.warnPercent === undefined ? before.warnPercent : body.warnPercent,
      ladder: body.ladder ?? before.ladder,
      repeatMinutes: body.repeatMinutes === undefined ? before.repeatMinutes : body.repeatMinutes,
    };
    const next = {
      name: body.name === undefined ? current.name : cleanName(body.name, 'body.name'),
      calendar_id: body.calendarId ?? current.calendar_id,
      active: body.active === undefined ? current.active : Number(body.active),
    };
    if (current.match_key === CATCH_ALL && next.active === 0)
      throw timestandardsError('POLICY_CATCH_ALL_REQUIRED', { field: 'body.active' }, { name: current.name });
    // A policy in force counts in an active calendar; one switched off may keep a retired calendar.
    const calendarChanged = next.calendar_id !== current.calendar_id;
    const calendar = await usableCalendar(
      tx,
      actor.orgId,
      next.calendar_id,
      next.active === 1 && (calendarChanged || current.active === 0),
    );
    if (body.clocks) checkClocks(body.clocks);
    if (body.ladder) await checkLadder(tx, actor.orgId, body.ladder);

    const after = storedRules(rules);
    const changes = changesBetween(
      { name: current.name, calendarId: current.calendar_id, ...before, active: current.active },
      { name: next.name, calendarId: next.calendar_id, ...after, active: next.active },
    );
    const now = deps.clock.now().toISOString();
    if (Object.keys(changes).length)
      await writeNewVersion(tx, actor, current, { ...next, rules: JSON.stringify(after) }, calendar, now);
    // Open records follow the new figures only when asked: their history shows the recomputation.
    const recomputed = body.applyToOpen
      ? await recomputeOpenClocks(tx, { orgId: actor.orgId, actorId: actor.userId, at: now }, id)
      : 0;
    if (Object.keys(changes).length || body.applyToOpen)
      await audit(tx, deps, actor, meta, {
        entity: 'time_policy',
        change: 'updated',
        id,
        details: {
          name: next.name,
          changes,
          ...(body.applyToOpen ? { applyToOpen: true, recomputed } : {}),
        },
      });
    return { policy: await reloadPolicy(tx, actor.orgId, id), recomputed };
  });
}

/**
 * The policy a record with these traits would get now — the same choice intake makes. The
 * category must be the organisation's (404 otherwise), the project too.
 */
export async function matchPolicy(
  deps: Pick<TimeStandardsDeps, 'db'>,
  actor: Actor,
  query: PolicyMatchQuery,
): Promise<TimePolicy> {
  const category = await resolveCategory(deps.db, actor.orgId, query.categoryId);
  if (!category) throw platformError('NOT_FOUND', { field: 'query.categoryId' });
  if ((await repo.projectName(deps.db, actor.orgId, query.projectId)) === undefined)
    throw platformError('NOT_FOUND', { field: 'query.projectId' });
  const chosen = await governingFor(deps.db, actor.orgId, {
    type: query.type,
    categoryId: category.id,
    urgency: query.urgency,
    projectId: query.projectId,
  });
  if (!chosen) throw timestandardsError('NO_POLICY');
  return reloadPolicy(deps.db, actor.orgId, chosen.policyId);
}

/** The policy, promised reply and deadlines intake would give such a record now. */
export async function previewPolicy(
  deps: Pick<TimeStandardsDeps, 'db' | 'clock'>,
  actor: Actor,
  query: PolicyMatchQuery,
): Promise<ClockPreview> {
  const category = await resolveCategory(deps.db, actor.orgId, query.categoryId);
  if (!category) throw platformError('NOT_FOUND', { field: 'query.categoryId' });
  if ((await repo.projectName(deps.db, actor.orgId, query.projectId)) === undefined)
    throw platformError('NOT_FOUND', { field: 'query.projectId' });
  const preview = await previewClocks(
    deps.db,
    actor.orgId,
    { type: query.type, categoryId: category.id, urgency: query.urgency, projectId: query.projectId },
    deps.clock.now().toISOString(),
  );
  if (!preview) throw timestandardsError('NO_POLICY');
  return preview;
}
