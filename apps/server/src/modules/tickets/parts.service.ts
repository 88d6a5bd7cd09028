import fs from 'node:fs';
import type {
  AttachmentStage,
  CreateCommentBody,
  CreateLineBody,
  IntakeLookup,
  PageOf,
  Ticket,
  TicketAttachment,
  TicketLine,
  TimelineEntry,
  TimelineQuery,
  VoidLineBody,
} from '@steward/contracts';
import { ATTACHMENT_STAGES, OPEN_STATUSES } from '@steward/contracts/catalogues';
import type { TicketEventsTable, TicketLinesTable } from '../../db/schema.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { scopeLists } from '../../platform/auth/scope.ts';
import { decodeCursor, pageOf } from '../../platform/cursor.ts';
import { platformError } from '../../platform/errors.ts';
import {
  attachmentError,
  attachmentPath,
  safeFileName,
  sniffAttachment,
  storeAttachment,
} from '../../platform/files.ts';
import { newId } from '../../platform/ids.ts';
import type { Upload } from '../../platform/upload.ts';
import { businessDate, listCustomers, segmentsOf, serviceHints } from '../customers/index.ts';
import { listHouses } from '../property/index.ts';
import { findPriceItem } from '../servicedesk/index.ts';
import { ticketsError } from './tickets.errors.ts';
import { servesCustomers } from './lifecycle.ts';
import { customerReplied } from './promises.service.ts';
import * as repo from './tickets.repository.ts';
import { attachmentDto, lineAmount, lineDto } from './ticket-parts.ts';
import {
  publish,
  summaryDto,
  ticketDto,
  ticketInScope,
  timelineEntry,
  type TicketsDeps,
} from './tickets.service.ts';

/* ------------------------------------------------------------------ timeline and comments */

function entryDto(row: TicketEventsTable): TimelineEntry {
  return {
    id: row.id,
    kind: row.kind,
    visibility: row.visibility,
    actor: { kind: row.actor_kind, id: row.actor_id, name: row.actor_name },
    body: row.body,
    data: JSON.parse(row.data) as Record<string, unknown>,
    createdAt: row.created_at,
  };
}

/** The record's history, oldest first. Residents' endpoints ask for public entries only. */
export async function listTimeline(
  deps: Pick<TicketsDeps, 'db'>,
  actor: Actor,
  id: string,
  query: TimelineQuery,
): Promise<PageOf<TimelineEntry>> {
  await ticketInScope(deps.db, actor, id);
  const limit = query.limit ?? 200;
  const after = decodeCursor(query.cursor, 1);
  const rows = await repo.listEvents(deps.db, id, {
    visibility: query.visibility,
    after: after ? String(after[0]) : null,
    limit,
  });
  return pageOf(rows, limit, entryDto, (r) => [r.id]);
}

export async function addComment(
  deps: TicketsDeps,
  actor: Actor,
  id: string,
  body: CreateCommentBody,
): Promise<TimelineEntry> {
  const text = body.body.trim();
  if (!text) throw platformError('VALIDATION_FAILED', { fields: [{ field: 'body.body', reason: 'blank' }] });
  // Anyone who reads a record may note on it; replying to the customer is for those who serve them.
  if (body.visibility === 'public' && !servesCustomers(actor.permissions))
    throw ticketsError('ACTION_FORBIDDEN');
  const at = deps.clock.now().toISOString();
  const entry = await deps.db.transaction().execute(async (tx) => {
    await ticketInScope(tx, actor, id);
    // A reply stops the feedback clock: locked, then read, so an action at the same moment either
    // comes first or waits, and the record's countdown follows whichever state is last.
    if (body.visibility === 'public') await repo.lockTickets(tx, actor.orgId, [id]);
    const row = await ticketInScope(tx, actor, id);
    const entry = timelineEntry(row, actor, at, 'comment', { visibility: body.visibility, body: text });
    await repo.insertEvents(tx, [entry]);
    if (body.visibility === 'public') await customerReplied(tx, actor, row, at);
    return entry;
  });
  return entryDto(entry);
}

/* ------------------------------------------------------------------ lines */

/** Charges and materials may change until the work is completed (a reopened record may change again). */
const LINES_OPEN = new Set([...OPEN_STATUSES]);

export async function addLine(
  deps: TicketsDeps,
  actor: Actor,
  id: string,
  body: CreateLineBody,
): Promise<TicketLine> {
  return deps.db.transaction().execute(async (tx) => {
    await ticketInScope(tx, actor, id);
    // Locked, then read: a completion at the same moment either comes first (and closes the lines)
    // or waits for this line.
    await repo.lockTickets(tx, actor.orgId, [id]);
    const ticket = await ticketInScope(tx, actor, id);
    if (!LINES_OPEN.has(ticket.status)) throw ticketsError('LINES_CLOSED');
    const quantity = Math.round(body.quantity * 100);
    let item: Awaited<ReturnType<typeof findPriceItem>> = null;
    if (body.priceItemId) {
      item = await findPriceItem(tx, actor.orgId, body.priceItemId);
      if (!item || !item.active) throw ticketsError('PRICE_ITEM_UNAVAILABLE', { field: 'priceItemId' });
    }
    const isCharge = body.kind === 'charge';
    const unitPrice = isCharge ? item!.priceFen : 0;
    const at = deps.clock.now().toISOString();
    const line: TicketLinesTable = {
      id: newId(),
      org_id: actor.orgId,
      ticket_id: id,
      kind: body.kind,
      price_item_id: item?.id ?? null,
      name: isCharge ? item!.name : body.name.trim() || item?.name || '',
      unit: isCharge ? item!.unit : body.unit.trim(),
      quantity_hundredths: quantity,
      unit_price_fen: unitPrice,
      amount_fen: lineAmount(quantity, unitPrice),
      voids_line_id: null,
      reason: null,
      created_by: actor.userId,
      created_by_name: actor.displayName,
      created_at: at,
    };
    if (!line.name || !line.unit)
      throw platformError('VALIDATION_FAILED', { fields: [{ field: 'body.name', reason: 'blank' }] });
    await repo.insertLine(tx, line);
    await repo.insertEvents(tx, [
      timelineEntry(ticket, actor, at, 'line_added', {
        visibility: isCharge ? 'public' : 'internal',
        data: {
          lineId: line.id,
          kind: line.kind,
          name: line.name,
          quantity: quantity / 100,
          unit: line.unit,
          amountFen: line.amount_fen,
        },
      }),
    ]);
    return lineDto(line);
  });
}

/** A line is never edited or deleted: voiding writes a new row that cancels it, with the reason. */
export async function voidLine(
  deps: TicketsDeps,
  actor: Actor,
  id: string,
  lineId: string,
  body: VoidLineBody,
): Promise<Ticket> {
  const result = await deps.db.transaction().execute(async (tx) => {
    await ticketInScope(tx, actor, id);
    await repo.lockTickets(tx, actor.orgId, [id]);
    const ticket = await ticketInScope(tx, actor, id);
    if (!LINES_OPEN.has(ticket.status)) throw ticketsError('LINES_CLOSED');
    const lines = await repo.linesOf(tx, id);
    const line = lines.find((l) => l.id === lineId && l.voids_line_id === null);
    if (!line || lines.some((l) => l.voids_line_id === lineId)) throw ticketsError('LINE_UNAVAILABLE');
    const at = deps.clock.now().toISOString();
    const reason = body.reason.trim();
    await repo.insertLine(tx, {
      ...line,
      id: newId(),
      quantity_hundredths: -line.quantity_hundredths,
      amount_fen: -line.amount_fen,
      voids_line_id: line.id,
      reason,
      created_by: actor.userId,
      created_by_name: actor.displayName,
      created_at: at,
    });
    await repo.insertEvents(tx, [
      timelineEntry(ticket, actor, at, 'line_voided', {
        visibility: line.kind === 'charge' ? 'public' : 'internal',
        body: reason,
        data: { lineId, name: line.name, amountFen: line.amount_fen },
      }),
    ]);
    return ticketDto(tx, actor, (await repo.findTicket(tx, actor.orgId, id))!);
  });
  publish(deps, actor.orgId, 'ticket.updated', result);
  return result;
}

/* ------------------------------------------------------------------ attachments */

/**
 * Stores a photo or PDF on a record. The type comes from the content (a renamed .exe is refused),
 * the name is cleaned of path tricks, images get a thumbnail. The file is written before the row
 * and removed again if the row cannot be written: never a row without its file.
 */
export async function addAttachment(
  deps: TicketsDeps,
  actor: Actor,
  id: string,
  upload: Upload,
): Promise<TicketAttachment> {
  const stage = (upload.fields.stage ?? 'other') as AttachmentStage;
  if (!ATTACHMENT_STAGES.includes(stage))
    throw platformError('VALIDATION_FAILED', {
      fields: [{ field: 'body.stage', reason: `one of ${ATTACHMENT_STAGES.join(', ')}` }],
    });
  const ticket = await ticketInScope(deps.db, actor, id);
  const sniffed = sniffAttachment(upload.data);
  if (!sniffed) throw attachmentError('ATTACHMENT_TYPE');
  if (stage === 'signature' && sniffed.contentType !== 'image/png') throw attachmentError('ATTACHMENT_TYPE');
  const attachmentId = newId();
  const stored = await storeAttachment(
    deps.config.dataDir,
    actor.orgId,
    attachmentId,
    upload.data,
    sniffed.contentType,
  );
  const at = deps.clock.now().toISOString();
  const row = {
    id: attachmentId,
    org_id: actor.orgId,
    ticket_id: ticket.id,
    stage,
    file_name: safeFileName(upload.filename, sniffed.ext),
    content_type: sniffed.contentType,
    size_bytes: stored.size,
    sha256: stored.sha256,
    file_key: stored.fileKey,
    thumb_key: stored.thumbKey,
    created_by: actor.userId,
    created_by_name: actor.displayName,
    created_at: at,
  };
  const remove = () =>
    Promise.all(
      [stored.fileKey, stored.thumbKey].flatMap((key) =>
        key ? [fs.promises.rm(attachmentPath(deps.config.dataDir, key), { force: true })] : [],
      ),
    );
  await deps.db
    .transaction()
    .execute(async (tx) => {
      await repo.insertAttachment(tx, row);
      await repo.insertEvents(tx, [
        timelineEntry(ticket, actor, at, 'attachment', {
          visibility: stage === 'other' ? 'internal' : 'public',
          data: { attachmentId, stage, fileName: row.file_name },
        }),
      ]);
    })
    .catch(async (error: unknown) => {
      await remove();
      throw error;
    });
  return attachmentDto(row);
}

/** An attachment's bytes, for a caller who may see its record. */
export async function openAttachment(
  deps: Pick<TicketsDeps, 'db' | 'config'>,
  actor: Actor,
  id: string,
  size: 'full' | 'thumb',
): Promise<{ data: Buffer; contentType: string; fileName: string }> {
  const row = await repo.findAttachment(deps.db, actor.orgId, id);
  if (!row) throw platformError('NOT_FOUND');
  await ticketInScope(deps.db, actor, row.ticket_id);
  const thumb = size === 'thumb' && row.thumb_key !== null;
  const file = attachmentPath(deps.config.dataDir, thumb ? row.thumb_key! : row.file_key);
  const data = await fs.promises.readFile(file).catch(() => null);
  if (!data) throw platformError('NOT_FOUND');
  return {
    data,
    contentType: thumb ? 'image/webp' : row.content_type,
    fileName: thumb ? row.file_name.replace(/\.[^.]+$/, '.webp') : row.file_name,
  };
}

/* ------------------------------------------------------------------ intake */

/**
 * What the agent sees while the caller is still speaking: customers matching the phone, tail,
 * name or room, houses matching the room, and the open and recent records of both.
 */
export async function intakeLookup(deps: TicketsDeps, actor: Actor, q: string): Promise<IntakeLookup> {
  const text = q.trim();
  if (!text) return { customers: [], houses: [], openTickets: [], recentTickets: [] };
  const [customers, houses] = await Promise.all([
    listCustomers(deps, actor, { q: text, limit: 8 }),
    /^[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+){0,2}$/u.test(text) && /\d/.test(text)
      ? listHouses(deps, actor, { q: text, limit: 8 })
      : Promise.resolve({ items: [], nextCursor: null }),
  ]);
  const customerIds = customers.items.map((c) => c.id);
  const houseIds = [
    ...new Set([
      ...houses.items.map((h) => h.id),
      ...customers.items.flatMap((c) => c.houses.map((h) => h.houseId)),
    ]),
  ];
  const scope = scopeLists(actor.scope);
  const about = async (statuses: readonly string[] | undefined, limit: number) => {
    const byCustomer = customerIds.length
      ? await repo.listTickets(deps.db, actor.orgId, {
          scope,
          sort: 'newest',
          after: null,
          limit,
          statuses: statuses as never,
          phone: { phone: null, customerIds },
        })
      : [];
    const byHouse = houseIds.length
      ? await repo.listTickets(deps.db, actor.orgId, {
          scope,
          sort: 'newest',
          after: null,
          limit,
          statuses: statuses as never,
          houseIds: houseIds.slice(0, 50),
        })
      : [];
    const seen = new Set<string>();
    return [...byCustomer, ...byHouse]
      .filter((r) => !seen.has(r.id) && seen.add(r.id))
      .sort((a, b) => (a.id < b.id ? 1 : -1))
      .slice(0, limit)
      .map(summaryDto);
  };
  const [openTickets, recent] = await Promise.all([about(OPEN_STATUSES, 20), about(undefined, 10)]);
  const open = new Set(openTickets.map((t) => t.id));
  const leaseHorizon = businessDate(deps.clock, deps.config.timeZone, 30);
  return {
    customers: customers.items.map((c) => ({
      id: c.id,
      name: c.name,
      phones: c.phones.map((p) => p.masked),
      valueLevel: c.valueLevel,
      hints: serviceHints(c, segmentsOf(c), leaseHorizon),
      houses: c.houses
        .filter((h) => h.current)
        .map((h) => ({
          id: h.houseId,
          projectId: h.projectId,
          projectName: h.projectName,
          buildingId: h.buildingId,
          roomLabel: h.roomLabel,
          role: h.role,
        })),
    })),
    houses: houses.items.map((h) => ({
      id: h.id,
      projectId: h.projectId,
      projectName: h.projectName,
      buildingId: h.buildingId,
      roomLabel: h.roomLabel,
      occupants: h.occupants.map((o) => ({ customerId: o.customerId, name: o.name, role: o.role })),
    })),
    openTickets,
    recentTickets: recent.filter((t) => !open.has(t.id)),
  };
}
