import { scopeLists } from '../../platform/auth/scope.ts';
import type { CustomerDocument, CustomerOverview } from '@steward/contracts';
import type { CustomerDocumentsTable } from '../../db/schema.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { maskPhone } from '../../platform/phone.ts';
import { listOccupants } from '../property/index.ts';
import * as repo from './customers.repository.ts';
import {
  businessDate,
  contactDto,
  customerDtos,
  visibleCustomer,
  type CustomersDeps,
} from './customers.service.ts';
import { segmentsOf, serviceHints } from './hints.ts';

/** Slots other modules fill (tickets, complaints, visits, bills, notices); empty until they exist. */
const NOT_YET = { available: false, total: 0, items: [] };

export function documentDto(row: CustomerDocumentsTable): CustomerDocument {
  return {
    id: row.id,
    purpose: row.purpose,
    stampText: row.stamp_text,
    mime: row.mime,
    sizeBytes: row.size_bytes,
    width: row.width,
    height: row.height,
    uploadedBy: row.uploaded_by,
    createdAt: row.created_at,
  };
}

/** The customer 360 view: profile, households with co-residents, contacts, ID copies, hints. */
export async function customerOverview(
  deps: Pick<CustomersDeps, 'db' | 'clock' | 'config'>,
  actor: Actor,
  id: string,
): Promise<CustomerOverview> {
  const row = await visibleCustomer(deps.db, actor, id);
  const today = businessDate(deps.clock, deps.config.timeZone);
  const [customer] = await customerDtos(deps.db, [row], today, actor.scope);
  const houseIds = [...new Set(customer!.houses.map((h) => h.houseId))];
  const scope = scopeLists(actor.scope);
  const [occupants, contacts, documents, requests, complaints] = await Promise.all([
    listOccupants(deps.db, actor.orgId, houseIds, today),
    repo.contactsOf(deps.db, id, 50),
    repo.documentsOf(deps.db, id),
    repo.recordsOfCustomer(deps.db, actor.orgId, id, scope, { limit: 10 }),
    repo.recordsOfCustomer(deps.db, actor.orgId, id, scope, { type: 'complaint', limit: 10 }),
  ]);
  // The houses' current occupants (the house list's own query), less the customer themselves.
  const others = occupants.filter((o) => o.customer_id !== id);
  const segments = segmentsOf(customer!);
  return {
    customer: customer!,
    segments,
    households: customer!.houses.map((house) => ({
      house,
      coResidents: others
        .filter((o) => o.house_id === house.houseId)
        .map((o) => ({
          customerId: o.customer_id,
          name: o.name,
          role: o.role,
          phone: o.phone === null ? null : maskPhone(o.phone),
        })),
    })),
    contacts: contacts.map(contactDto),
    documents: documents.map(documentDto),
    hints: serviceHints(customer!, segments, businessDate(deps.clock, deps.config.timeZone, 30)),
    requests: { available: true, ...requests },
    complaints: { available: true, ...complaints },
    visits: NOT_YET,
    bills: NOT_YET,
    notices: NOT_YET,
  };
}
