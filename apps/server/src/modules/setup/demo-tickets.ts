import type { CreateTicketBody, House, Ticket, TicketActionBodies } from '@steward/contracts';
import type { TicketAction } from '@steward/contracts/catalogues';
import type { Config } from '../../config.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { toActor } from '../../platform/auth/authenticate.ts';
import { loadPrincipalUser } from '../../platform/auth/principal.repository.ts';
import { DAY, MINUTE, type Clock } from '../../platform/clock.ts';
import { createArea, listBuildings, listHouses, listProjects } from '../property/index.ts';
import { addDays, listDepartments, localDay, zonedTime } from '../servicedesk/index.ts';
import {
  addComment,
  addLine,
  createTicket,
  getTicket,
  performAction,
  type TicketsDeps,
} from '../tickets/index.ts';
// Comments and field lines are not on the tickets module's index (yet); the demo needs both.
import { DEMO_AREAS, DEMO_RECORDS, type DemoRecord, type Step, type Who } from './demo-tickets.data.ts';
import { serviceDeskCodes } from './demo-tickets.repository.ts';
import type { SetupDeps } from './setup.service.ts';

const STAFF: readonly Who[] = ['agent', 'butler', 'supervisor', 'tech', 'tech2', 'tech3'];
/** The butler's buildings (demo.ts): the records are about homes the butler looks after. */
const BUTLER_BUILDINGS = ['1', '2', '3'];

/**
 * Plays the demo's service records (demo-tickets.data.ts) through the real services, as the demo's
 * staff, on a clock of its own that walks through the last 14 days: every record and step happens
 * at its time, all of them in time order, so numbers, deadlines, timelines and open loads come out
 * as if the desk had worked those two weeks. Needs the demo organisation, staff and roster; the
 * same records every time it is loaded at the same moment. Returns how many records it made.
 */
export async function loadDemoTickets(deps: SetupDeps): Promise<number> {
  const now = deps.clock.now().getTime();
  const zone = deps.config.timeZone;
  const actors = new Map<string, Actor>();
  for (const username of ['admin', ...STAFF]) {
    const user = await loadPrincipalUser(deps.db, { username });
    if (user) actors.set(username, toActor(user, 'user', {}));
  }
  const admin = actors.get('admin')!;
  const [project] = (await listProjects(deps, admin, { limit: 1 })).items;
  if (!project) return 0;
  const buildings = new Map((await listBuildings(deps, admin, project.id)).map((b) => [b.code, b.id]));
  const butlerBuildings = BUTLER_BUILDINGS.flatMap((code) => buildings.get(code) ?? []);
  const homes = (await housesIn(deps, admin, project.id, butlerBuildings)).filter((h) => h.occupants.length);
  if (!homes.length) return 0;
  const stack = stackOfThree(homes, 24);

  const areas = new Map<string, string>();
  for (const a of DEMO_AREAS) {
    const area = await createArea(deps, admin, {
      projectId: project.id,
      buildingId: (a.building && buildings.get(a.building)) || null,
      kind: a.kind,
      category: a.category,
      code: a.code,
      name: a.name,
    });
    areas.set(a.code, area.id);
  }
  const departments = new Map((await listDepartments(deps, admin)).map((d) => [d.code, d.id]));
  const codes = await serviceDeskCodes(deps.db, admin.orgId);
  const actorOf = (who: Who): Actor =>
    // A demo too small for the butler's buildings leaves the butler's work to the front desk.
    actors.get(who === 'butler' && !butlerBuildings.length ? 'agent' : who)!;
  const byUserId = new Map([...actors.values()].map((a) => [a.userId, a]));
  const departmentOf = (who: Who) => departments.get(who.startsWith('tech') ? 'ENG' : 'CS')!;

  // The services read the time from deps.clock: this one is moved to each step's moment.
  let current = now;
  const clock: Clock = { now: () => new Date(current) };
  // createTicket and performAction read no configuration beyond the time zone SetupDeps carries.
  const desk: TicketsDeps = { db: deps.db, clock, config: deps.config as Config };

  const made: (Ticket | undefined)[] = [];
  const keyed = new Map<string, Ticket>();
  const homeOf = (r: DemoRecord) => (r.stack === undefined ? homes[r.house % homes.length]! : stack[r.stack]);

  const create = async (r: DemoRecord): Promise<Ticket> => {
    const home = homeOf(r);
    const body: CreateTicketBody = {
      type: r.type,
      channel: r.channel,
      urgency: r.urgency ?? 'general',
      categoryId: codes.categories.get(r.category)!,
      description: r.description,
    };
    if (r.area) body.areaId = areas.get(r.area)!;
    else if (r.wholeEstate) body.projectId = project.id;
    else body.houseId = home.id;
    if (r.reporter === undefined) body.customerId = home.occupants[0]!.customerId;
    else if (r.reporter !== 'none')
      [body.reporterName, body.reporterPhone] = [r.reporter.name, r.reporter.phone];
    const to = r.to ?? 'auto';
    body.dispatch =
      to === 'auto' || to === 'none'
        ? to
        : { departmentId: departmentOf(to), assigneeId: actorOf(to).userId };
    if (r.answered) body.answeredOnSpot = { reply: r.answered };
    if (r.duplicateOf) body.duplicateOf = keyed.get(r.duplicateOf)!.id;
    return createTicket(desk, actorOf(r.by ?? 'agent'), body);
  };

  const perform = async (r: DemoRecord, ticket: Ticket, step: Step): Promise<Ticket> => {
    const assignee = (ticket.assignee && byUserId.get(ticket.assignee.id)) || actorOf('tech');
    if (step.do === 'comment') {
      await addComment(desk, actorOf(step.by ?? 'agent'), ticket.id, {
        visibility: step.visibility,
        body: step.text,
      });
      return ticket;
    }
    if (step.do === 'charge' || step.do === 'material') {
      await addLine(
        desk,
        assignee,
        ticket.id,
        step.do === 'charge'
          ? { kind: 'charge', priceItemId: codes.priceItems.get(step.item)!, quantity: step.quantity }
          : { kind: 'material', name: step.name, unit: step.unit, quantity: step.quantity },
      );
      return ticket;
    }
    // A duplicate changes when its master is completed: read its version afresh.
    const { version } = r.duplicateOf ? await getTicket(desk, admin, ticket.id) : ticket;
    const desks = new Set<TicketAction>(['dispatch', 'cancel', 'escalate', 'visit', 'reopen', 'archive']);
    const actor = step.by
      ? actorOf(step.by)
      : desks.has(step.do) || (step.do === 'confirm' && step.method !== 'on_spot')
        ? actorOf('agent')
        : assignee;
    const act = <A extends TicketAction>(action: A, body: Omit<TicketActionBodies[A], 'version'>) =>
      performAction(desk, actor, ticket.id, action, { ...body, version } as TicketActionBodies[A]);
    switch (step.do) {
      case 'accept':
      case 'arrive':
      case 'start':
      case 'archive':
        return act(step.do, {});
      case 'dispatch':
        return act('dispatch', { departmentId: departmentOf(step.to), assigneeId: actorOf(step.to).userId });
      case 'decline':
      case 'reopen':
      case 'cancel':
        return act(step.do, { reason: step.text });
      case 'escalate':
      case 'resume':
      case 'complete':
        return act(step.do, { note: step.text });
      case 'hold':
        return act('hold', { reason: step.reason, note: step.text });
      case 'confirm':
        return act('confirm', { method: step.method, rating: step.rating, comment: step.text });
      case 'visit':
        return act('visit', { satisfied: step.satisfied, score: step.score, note: step.text });
    }
  };

  // Every creation and step at its moment, then all of them in time order (ties: list order).
  const latest = now - MINUTE;
  const moments: { at: number; record: number; step: number }[] = [];
  DEMO_RECORDS.forEach((r, record) => {
    let at = Math.min(latest, startOf(r, now, zone));
    moments.push({ at, record, step: -1 });
    // The desk calls most callers back within the promised ten minutes; one in six waits too long.
    const callBack = at + (record % 6 === 5 ? 4 : 1) * CALL_BACK;
    if (!r.answered && r.reporter !== 'none' && callBack <= latest)
      moments.push({ at: callBack, record, step: -2 });
    (r.steps ?? []).forEach((s, step) => {
      at = Math.min(latest, at + s.after * MINUTE);
      moments.push({ at, record, step });
    });
  });
  moments.sort((a, b) => a.at - b.at || a.record - b.record || a.step - b.step);
  for (const { at, record, step } of moments) {
    current = at;
    const r = DEMO_RECORDS[record]!;
    if (step === -2) {
      await addComment(desk, actorOf(r.by ?? 'agent'), made[record]!.id, {
        visibility: 'public',
        body: CALL_BACK_TEXT[r.type === 'repair' || r.type === 'help' ? 'visit' : 'reply'],
      });
    } else if (step < 0) {
      made[record] = await create(r);
      if (r.key) keyed.set(r.key, made[record]);
    } else {
      made[record] = await perform(r, made[record]!, r.steps![step]!);
    }
  }
  return made.length;
}

/** When the desk calls a caller back after registering their request. */
const CALL_BACK = 6 * MINUTE;
const CALL_BACK_TEXT = {
  visit: '您好，您反映的问题已派给维修师傅，师傅会尽快与您联系上门处理。',
  reply: '您好，您反映的情况我们已登记并转交相关部门，处理进展会及时告知您。',
};

/** When a record came in: a local time some days ago, or some minutes ago. */
function startOf(r: DemoRecord, now: number, zone: string): number {
  if ('minutesAgo' in r.when) return now - r.when.minutesAgo * MINUTE;
  const [hour, minute] = r.when.time.split(':').map(Number) as [number, number];
  const day = addDays(localDay(new Date(now), zone), -r.when.day);
  return Math.max(now - 14 * DAY, zonedTime(day, hour, minute, zone).getTime());
}

/** Every house of the butler's buildings (or of the estate, when it has none of them), in order. */
async function housesIn(
  deps: SetupDeps,
  admin: Actor,
  projectId: string,
  buildingIds: readonly string[],
): Promise<House[]> {
  const houses: House[] = [];
  for (const buildingId of buildingIds.length ? buildingIds : [undefined]) {
    let cursor: string | undefined;
    do {
      const page = await listHouses(deps, admin, { projectId, buildingId, limit: 200, cursor });
      houses.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }
  return houses;
}

/**
 * Three occupied homes one above the other (same building, unit and position on the floor), the
 * first found from `from` on; any three homes when the estate has no such stack.
 */
function stackOfThree(homes: readonly House[], from: number): [House, House, House] {
  const at = new Map(homes.map((h) => [stackKey(h, 0), h]));
  for (let i = 0; i < homes.length; i++) {
    const top = homes[(from + i) % homes.length]!;
    const one = at.get(stackKey(top, 1));
    const two = at.get(stackKey(top, 2));
    if (one && two) return [top, one, two];
  }
  const pick = (n: number) => homes[(from + n) % homes.length]!;
  return [pick(0), pick(1), pick(2)];
}

function stackKey(h: House, floorsDown: number): string {
  return `${h.buildingId}|${h.unitId}|${(h.floor ?? 0) - floorsDown}|${h.roomNo.slice(-2)}`;
}
