import type { TicketAttachment, TicketLine, TicketLink } from '@steward/contracts';
import type { TicketAttachmentsTable, TicketLinesTable } from '../../db/schema.ts';
import type { LinkRow } from './tickets.repository.ts';

export function linkDto(link: LinkRow & { outgoing: boolean }, masterId: string | null): TicketLink {
  const role =
    link.kind === 'related'
      ? 'related'
      : link.outgoing || link.other_id === masterId
        ? 'master'
        : 'duplicate';
  return {
    ticketId: link.other_id,
    number: link.other_number,
    status: link.other_status,
    kind: link.kind,
    role,
  };
}

export function lineDto(line: TicketLinesTable): TicketLine {
  return {
    id: line.id,
    kind: line.kind,
    priceItemId: line.price_item_id,
    name: line.name,
    unit: line.unit,
    quantity: line.quantity_hundredths / 100,
    unitPriceFen: line.unit_price_fen,
    amountFen: line.amount_fen,
    addedBy: { id: line.created_by, name: line.created_by_name },
    addedAt: line.created_at,
  };
}

export function attachmentDto(row: TicketAttachmentsTable): TicketAttachment {
  return {
    id: row.id,
    stage: row.stage,
    fileName: row.file_name,
    contentType: row.content_type,
    size: row.size_bytes,
    hasThumbnail: row.thumb_key !== null,
    createdBy: row.created_by_name,
    createdAt: row.created_at,
  };
}

/** quantity × unit price in fen, rounded half up: quantities carry two decimals (1.5 米). */
export function lineAmount(quantityHundredths: number, unitPriceFen: number): number {
  return Math.round((quantityHundredths * unitPriceFen) / 100);
}
