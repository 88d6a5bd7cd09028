import type { ImportResult } from '@steward/contracts';
import type { Tx } from '../../db/database.ts';
import type { CustomerHousesTable, CustomerPhonesTable, CustomersTable, TagsTable } from '../../db/schema.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { canAccessBuilding } from '../../platform/auth/scope.ts';
import { platformError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { PiiCipher } from '../../platform/pii/cipher.ts';
import { sealIdNumber, tagColor } from '../customers/index.ts';
import * as repo from './archive.repository.ts';
import type { ParsedCustomer, RowProblem } from './row-rules.ts';

/**
 * Applies a checked customers file. A customer is matched by code, else by name with the same
 * phone, ID number or house; cells left blank keep what is stored. Relations and tags are added
 * (a file is not a full list: nothing absent from it is removed). Unchanged rows write nothing.
 */
export async function applyCustomers(
  tx: Tx,
  actor: Actor,
  cipher: PiiCipher,
  now: string,
  customers: readonly ParsedCustomer[],
  check: (problems: RowProblem[]) => void,
): Promise<ImportResult> {
  const orgId = actor.orgId;
  const [projects, houses, existing, phones, relations, tags, customerTags] = await Promise.all([
    repo.projectsOf(tx, orgId),
    repo.housesOf(tx, orgId),
    repo.customersOf(tx, orgId),
    repo.phonesOfOrg(tx, orgId),
    repo.relationsOfOrg(tx, orgId),
    repo.tagsOfOrg(tx, orgId),
    repo.customerTagsOfOrg(tx, orgId),
  ]);
  const projectByCode = new Map(projects.map((p) => [p.code, p]));
  const houseByKey = new Map(houses.map((h) => [`${h.project_id}\u0000${h.room_label}`, h]));
  const customerById = new Map(existing.map((c) => [c.id, c]));
  const byCode = new Map(existing.map((c) => [c.code, c]));
  const phonesOf = new Map<string, string[]>();
  for (const p of phones) phonesOf.set(p.customer_id, [...(phonesOf.get(p.customer_id) ?? []), p.phone]);
  const byNamePhone = new Map<string, CustomerCore>();
  for (const [customerId, list] of phonesOf) {
    const c = customerById.get(customerId);
    if (c) for (const phone of list) byNamePhone.set(`${c.name}|${phone}`, c);
  }
  const byNameId = new Map(
    existing.filter((c) => c.id_number_hash).map((c) => [`${c.name}|${c.id_number_hash}`, c]),
  );
  const relationsOf = new Map<string, CustomerHousesTable[]>();
  for (const r of relations) relationsOf.set(r.customer_id, [...(relationsOf.get(r.customer_id) ?? []), r]);
  const byNameHouse = new Map<string, CustomerCore>();
  for (const r of relations) {
    const c = customerById.get(r.customer_id);
    if (c) byNameHouse.set(`${c.name}|${r.house_id}`, c);
  }
  const tagByName = new Map(tags.map((t) => [t.name, t.id]));
  const tagsOf = new Map<string, Set<string>>();
  for (const t of customerTags)
    tagsOf.set(t.customer_id, (tagsOf.get(t.customer_id) ?? new Set()).add(t.tag_id));

  const problems: RowProblem[] = [];
  const newCustomers: CustomersTable[] = [];
  const newPhones: CustomerPhonesTable[] = [];
  const newRelations: CustomerHousesTable[] = [];
  const newTags: TagsTable[] = [];
  const newCustomerTags: { org_id: string; customer_id: string; tag_id: string }[] = [];
  // Generated codes count on from the highest in the database and in the file itself.
  const numbered = (code: string | undefined) => (code && /^C\d{7}$/.test(code) ? Number(code.slice(1)) : 0);
  let lastCode = [...existing.map((c) => c.code), ...customers.map((c) => c.code)].reduce<number>(
    (max, code) => Math.max(max, numbered(code)),
    0,
  );
  let created = 0;
  let updated = 0;
  let unchanged = 0;

  for (const customer of customers) {
    // Houses first: a customer whose house is missing or outside the caller's area is refused whole.
    const houseRefs = [];
    for (const rel of customer.relations) {
      const project = projectByCode.get(rel.projectCode);
      const house = project ? houseByKey.get(`${project.id}\u0000${rel.roomLabel}`) : undefined;
      if (!house) {
        problems.push({
          row: rel.row,
          column: 'roomLabel',
          reason: 'house_not_found',
          params: { project: rel.projectCode, label: rel.roomLabel },
        });
      } else if (!canAccessBuilding(actor.scope, house.project_id, house.building_id)) {
        problems.push({
          row: rel.row,
          column: 'roomLabel',
          reason: 'outside_scope',
          params: { what: `${rel.projectCode}/${rel.roomLabel}` },
        });
      } else houseRefs.push({ rel, house });
    }
    const idHash = customer.idNumber ? cipher.blindIndex(customer.idNumber) : null;
    const match = customer.code
      ? byCode.get(customer.code)
      : customer.phones?.length
        ? byNamePhone.get(`${customer.name}|${customer.phones[0]!.phone}`)
        : idHash
          ? byNameId.get(`${customer.name}|${idHash}`)
          : houseRefs.length
            ? byNameHouse.get(`${customer.name}|${houseRefs[0]!.house.id}`)
            : undefined;
    // A scoped importer may update only customers they can see: one of whose houses is theirs.
    if (match && !actor.scope.all) {
      const visible = (relationsOf.get(match.id) ?? []).some((r) =>
        canAccessBuilding(actor.scope, r.project_id, r.building_id),
      );
      if (!visible) {
        problems.push({
          row: customer.row,
          column: 'code',
          reason: 'outside_scope',
          params: { what: customer.code ?? customer.name },
        });
        continue;
      }
    }
    if (!match && !actor.scope.all && houseRefs.length === 0) {
      problems.push({
        row: customer.row,
        column: 'roomLabel',
        reason: 'outside_scope',
        params: { what: customer.name },
      });
      continue;
    }

    const id = match?.id ?? newId();
    let changed = false;
    const changes: Partial<CustomersTable> = {};
    if (!match) {
      const code = customer.code ?? `C${String(++lastCode).padStart(7, '0')}`;
      const row: CustomersTable = {
        id,
        org_id: orgId,
        code,
        kind: customer.kind ?? 'person',
        name: customer.name,
        id_type: customer.idType ?? null,
        ...sealIdNumber(cipher, customer.idNumber ?? null),
        emergency_name: customer.emergencyName ?? null,
        emergency_phone: customer.emergencyPhone ?? null,
        value_level: customer.valueLevel ?? 'ordinary',
        demand_pattern: null,
        demand_refreshed_at: null,
        notes: customer.notes ?? null,
        created_at: now,
        updated_at: now,
        version: 1,
      };
      newCustomers.push(row);
      byCode.set(code, { ...row });
      for (const [position, p] of (customer.phones ?? []).entries())
        newPhones.push({ id: newId(), org_id: orgId, customer_id: id, ...p, position });
      created += 1;
    } else {
      const take = <K extends keyof CustomersTable>(key: K, value: CustomersTable[K] | undefined) => {
        if (value !== undefined && value !== match[key as keyof CustomerCore]) changes[key] = value;
      };
      take('name', customer.name);
      take('kind', customer.kind);
      take('emergency_name', customer.emergencyName);
      take('emergency_phone', customer.emergencyPhone);
      take('value_level', customer.valueLevel);
      take('notes', customer.notes);
      if (idHash && idHash !== match.id_number_hash)
        Object.assign(changes, { id_type: customer.idType, ...sealIdNumber(cipher, customer.idNumber!) });
      else take('id_type', customer.idType);
      const stored = phonesOf.get(id) ?? [];
      if (customer.phones && customer.phones.map((p) => p.phone).join() !== stored.join()) {
        await repo.deletePhones(tx, id);
        for (const [position, p] of customer.phones.entries())
          newPhones.push({ id: newId(), org_id: orgId, customer_id: id, ...p, position });
        changed = true;
      }
      if (Object.keys(changes).length) changed = true;
    }

    const stored = relationsOf.get(id) ?? [];
    for (const { rel, house } of houseRefs) {
      const same = stored.find((r) => r.house_id === house.id && r.role === rel.role);
      if (!same) {
        const row = {
          id: newId(),
          org_id: orgId,
          customer_id: id,
          house_id: house.id,
          project_id: house.project_id,
          building_id: house.building_id,
          role: rel.role,
          since: rel.since,
          until: rel.until,
          created_at: now,
        };
        newRelations.push(row);
        stored.push(row);
        relationsOf.set(id, stored);
        changed = true;
      } else if ((rel.since && rel.since !== same.since) || (rel.until && rel.until !== same.until)) {
        await repo.updateRelationDates(tx, same.id, rel.since ?? same.since, rel.until ?? same.until);
        changed = true;
      }
    }

    const held = tagsOf.get(id) ?? new Set<string>();
    for (const name of customer.tags) {
      let tagId = tagByName.get(name);
      if (!tagId) {
        tagId = newId();
        tagByName.set(name, tagId);
        newTags.push({ id: tagId, org_id: orgId, name, color: tagColor(name), created_at: now });
      }
      if (!held.has(tagId)) {
        held.add(tagId);
        newCustomerTags.push({ org_id: orgId, customer_id: id, tag_id: tagId });
        changed = true;
      }
    }
    tagsOf.set(id, held);
    if (match && changed) {
      if (!(await repo.updateCustomerRow(tx, id, match.version, { ...changes, updated_at: now })))
        throw platformError('VERSION_CONFLICT');
      updated += 1;
    } else if (match) unchanged += 1;
  }
  check(problems);

  await repo.insertMany(tx, 'customers', newCustomers);
  await repo.insertMany(tx, 'customer_phones', newPhones);
  await repo.insertMany(tx, 'customer_houses', newRelations);
  await repo.insertMany(tx, 'tags', newTags);
  await repo.insertMany(tx, 'customer_tags', newCustomerTags);
  return { imported: customers.length, created, updated, unchanged };
}

type CustomerCore = repo.CustomerCore;
