import type { Alert, AlertListQuery, AlertPage } from '@steward/contracts';
import type { Db, Executor } from '../../db/database.ts';
import type { AlertsTable } from '../../db/schema.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import { decodeCursor, pageOf } from '../../platform/cursor.ts';
import { platformError } from '../../platform/errors.ts';
import type { EventBus } from '../../platform/events.ts';
import { inPlaces } from '../../db/filters.ts';
import { canReachPlace, scopeLists } from '../../platform/auth/scope.ts';

/**
 * Alerts (提醒): in-app notifications addressed to one person — a clock about to run out, a breach,
 * an escalation, a promise falling due or broken. Each is written once per person (a unique key per
 * cause), in the transaction that decides it, and delivered live to that person only.
 */
export interface AlertsDeps {
  db: Db;
  clock: Clock;
  events?: Pick<EventBus, 'publish'>;
}

type AlertRow = AlertsTable & {
  ticket_number: string;
  location: string;
  project_id: string;
  building_id: string | null;
};

function alertDto(r: AlertRow): Alert {
  return {
    id: r.id,
    kind: r.kind,
    clock: r.clock,
    level: r.level,
    ticketId: r.ticket_id,
    ticketNumber: r.ticket_number,
    location: r.location,
    dueAt: r.due_at,
    createdAt: r.created_at,
    readAt: r.read_at,
  };
}

function withTicket(db: Executor) {
  return db
    .selectFrom('alerts as a')
    .innerJoin('tickets as t', 't.id', 'a.ticket_id')
    .selectAll('a')
    .select(['t.number as ticket_number', 't.location', 't.project_id', 't.building_id']);
}

/** Inserts the alerts not sent before (same person, same key); returns those it inserted. */
export async function insertAlerts(db: Executor, rows: readonly AlertsTable[]): Promise<AlertsTable[]> {
  const inserted: AlertsTable[] = [];
  for (const row of rows) {
    const done = await db
      .insertInto('alerts')
      .values(row)
      .onConflict((oc) => oc.columns(['user_id', 'dedupe_key']).doNothing())
      .executeTakeFirst();
    if (Number(done.numInsertedOrUpdatedRows ?? 0n) > 0) inserted.push(row);
  }
  return inserted;
}

/** Sends alerts written by a committed transaction to the people they are for. */
/**
 * Sends alerts written by a committed transaction to the people they are for. All of them are about
 * `ticket` (the record the writer had in hand), so nothing needs reading back.
 */
export function publishAlerts(
  deps: { events?: Pick<EventBus, 'publish'> },
  ticket: { number: string; location: string; project_id: string; building_id: string | null } | null,
  rows: readonly AlertsTable[],
): void {
  if (!deps.events || !ticket) return;
  for (const row of rows)
    deps.events.publish({
      type: 'alert.created',
      orgId: row.org_id,
      // Still only for someone who may see the record now.
      projectId: ticket.project_id,
      buildingId: ticket.building_id,
      userIds: [row.user_id],
      addressedOnly: true,
      data: {
        ...alertDto({
          ...row,
          ticket_number: ticket.number,
          location: ticket.location,
          project_id: ticket.project_id,
          building_id: ticket.building_id,
        }),
      },
    });
}

export async function listAlerts(deps: AlertsDeps, actor: Actor, query: AlertListQuery): Promise<AlertPage> {
  const limit = query.limit ?? 20;
  const after = decodeCursor(query.cursor, 1);
  // Alerts about records the caller may no longer see (their scope changed) are not shown.
  const scope = scopeLists(actor.scope);
  let q = withTicket(deps.db).where('a.user_id', '=', actor.userId).where('a.org_id', '=', actor.orgId);
  if (!scope.all) q = q.where(inPlaces('t.project_id', 't.building_id', scope));
  if (query.unread) q = q.where('a.read_at', 'is', null);
  if (after) q = q.where('a.id', '<', String(after[0]));
  const rows = await q
    .orderBy('a.id', 'desc')
    .limit(limit + 1)
    .execute();
  let unreadQuery = deps.db
    .selectFrom('alerts as a')
    .innerJoin('tickets as t', 't.id', 'a.ticket_id')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('a.user_id', '=', actor.userId)
    .where('a.read_at', 'is', null);
  if (!scope.all) unreadQuery = unreadQuery.where(inPlaces('t.project_id', 't.building_id', scope));
  const unread = await unreadQuery.executeTakeFirstOrThrow();
  const page = pageOf(rows, limit, alertDto, (a) => [a.id]);
  return { ...page, unread: Number(unread.n) };
}

export async function markRead(deps: AlertsDeps, actor: Actor, id: string): Promise<Alert> {
  const row = await withTicket(deps.db)
    .where('a.id', '=', id)
    .where('a.user_id', '=', actor.userId)
    .executeTakeFirst();
  // Someone else's alert, or one about a record now out of reach, does not exist for this caller.
  if (!row || !canReachPlace(actor.scope, row.project_id, row.building_id)) throw platformError('NOT_FOUND');
  if (row.read_at !== null) return alertDto(row);
  const at = deps.clock.now().toISOString();
  await deps.db
    .updateTable('alerts')
    .set({ read_at: at })
    .where('id', '=', id)
    .where('read_at', 'is', null)
    .execute();
  return alertDto({ ...row, read_at: at });
}

export async function markAllRead(deps: AlertsDeps, actor: Actor): Promise<void> {
  await deps.db
    .updateTable('alerts')
    .set({ read_at: deps.clock.now().toISOString() })
    .where('user_id', '=', actor.userId)
    .where('read_at', 'is', null)
    .execute();
}
