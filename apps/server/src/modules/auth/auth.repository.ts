import type { Executor } from '../../db/database.ts';
import { sql } from 'kysely';

export async function markLoggedIn(db: Executor, userId: string, at: string): Promise<void> {
  await db.updateTable('users').set({ last_login_at: at }).where('id', '=', userId).execute();
}

export async function updatePassword(db: Executor, userId: string, hash: string, at: string): Promise<void> {
  await db
    .updateTable('users')
    .set({
      password_hash: hash,
      must_change_password: 0,
      password_changed_at: at,
      updated_at: at,
      version: sql`version + 1`,
    })
    .where('id', '=', userId)
    .execute();
}
