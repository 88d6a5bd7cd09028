import type { Executor } from '../../db/database.ts';

/**
 * The seeded service-desk codes of an organisation, by code: the demo's records name categories
 * (WATER-LEAK) and price items (PS-PIPE) the way a person reads them.
 */
export async function serviceDeskCodes(
  db: Executor,
  orgId: string,
): Promise<{ categories: Map<string, string>; priceItems: Map<string, string> }> {
  const [categories, priceItems] = await Promise.all([
    db.selectFrom('ticket_categories').select(['code', 'id']).where('org_id', '=', orgId).execute(),
    db.selectFrom('price_items').select(['code', 'id']).where('org_id', '=', orgId).execute(),
  ]);
  return {
    categories: new Map(categories.map((c) => [c.code, c.id])),
    priceItems: new Map(priceItems.map((p) => [p.code, p.id])),
  };
}
