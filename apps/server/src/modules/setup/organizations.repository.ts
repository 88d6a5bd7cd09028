import type { Executor } from '../../db/database.ts';
import type { OrganizationsTable } from '../../db/schema.ts';

export async function isInstalled(db: Executor): Promise<boolean> {
  const row = await db.selectFrom('installation').select('id').executeTakeFirst();
  return row !== undefined;
}

export async function claimInstallation(db: Executor, orgId: string, at: string): Promise<void> {
  await db.insertInto('installation').values({ id: 1, org_id: orgId, created_at: at }).execute();
}

export async function insertOrganization(db: Executor, row: OrganizationsTable): Promise<void> {
  await db.insertInto('organizations').values(row).execute();
}

export async function findOrganization(db: Executor, id: string): Promise<OrganizationsTable | undefined> {
  return db.selectFrom('organizations').selectAll().where('id', '=', id).executeTakeFirst();
}
