import type { Executor } from '../../db/database.ts';

export async function findKeyCheck(db: Executor, name: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('key_checks')
    .select('fingerprint')
    .where('name', '=', name)
    .executeTakeFirst();
  return row?.fingerprint;
}

/** Records the fingerprint unless another process got there first; returns the one stored. */
export async function claimKeyCheck(
  db: Executor,
  name: string,
  fingerprint: string,
  at: string,
): Promise<string> {
  await db
    .insertInto('key_checks')
    .values({ name, fingerprint, created_at: at })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  return (await findKeyCheck(db, name))!;
}
