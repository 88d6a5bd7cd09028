import type { SetupBody, SetupStatus } from '@steward/contracts';
import type { Config } from '../../config.ts';
import { isValidTimeZone } from '../../config.ts';
import type { Db, Tx } from '../../db/database.ts';
import { isUniqueViolation } from '../../db/dialect.ts';
import type { Clock } from '../../platform/clock.ts';
import { defineErrors } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { RequestMeta } from '../../platform/auth/actor.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { hashPassword } from '../../platform/auth/passwords.ts';
import { createSystemRoles } from '../access/index.ts';
import { login, type LoginResult } from '../auth/index.ts';
import type { Kysely } from 'kysely';
import { seedServiceDesk } from '../../db/seeds/service-desk.ts';
import { seedTimeStandards } from '../../db/seeds/time-standards.ts';
import { claimInstallation, insertOrganization, isInstalled } from './organizations.repository.ts';
import { insertAdminUser } from './setup.repository.ts';

export const setupError = defineErrors({
  ALREADY_SET_UP: { status: 409, 'zh-CN': '系统已完成初始化', 'en-US': 'Steward is already set up' },
  INVALID_TIME_ZONE: {
    status: 400,
    'zh-CN': '时区无效：{timeZone}',
    'en-US': 'Unknown time zone: {timeZone}',
  },
});

export type SetupDeps = { db: Db; clock: Clock; config: Pick<Config, 'timeZone' | 'sessionTtlHours'> };

export interface NewOrganization {
  name: string;
  timeZone: string;
  admin: { username: string; displayName: string; password: string; mustChangePassword?: boolean };
}

export async function setupStatus(deps: Pick<SetupDeps, 'db'>): Promise<SetupStatus> {
  return { needsSetup: !(await isInstalled(deps.db)) };
}

/**
 * Creates an organisation (the tenant) with its system roles and first administrator, inside the
 * caller's transaction. The first-run page, the demo loader and test factories all use this.
 */
export async function createOrganization(
  tx: Tx,
  clock: Clock,
  input: NewOrganization,
  options: { claimInstallation: boolean },
): Promise<{ orgId: string; adminId: string; roleIds: Map<string, string> }> {
  const passwordHash = await hashPassword(input.admin.password);
  const at = clock.now().toISOString();
  const orgId = newId();
  await insertOrganization(tx, {
    id: orgId,
    name: input.name.trim(),
    time_zone: input.timeZone,
    created_at: at,
  });
  if (options.claimInstallation) await claimInstallation(tx, orgId, at);
  const roleIds = await createSystemRoles(tx, orgId, at);
  await seedServiceDesk(tx as unknown as Kysely<unknown>, orgId, at);
  await seedTimeStandards(tx as unknown as Kysely<unknown>, orgId, at);
  const adminId = newId();
  await insertAdminUser(tx, {
    id: adminId,
    orgId,
    roleId: roleIds.get('admin')!,
    username: input.admin.username,
    displayName: input.admin.displayName,
    passwordHash,
    mustChangePassword: input.admin.mustChangePassword ?? false,
    at,
  });
  return { orgId, adminId, roleIds };
}

/** First run: creates the organisation and its administrator, then signs the administrator in. */
export async function runSetup(deps: SetupDeps, body: SetupBody, meta: RequestMeta): Promise<LoginResult> {
  const timeZone = body.timeZone ?? deps.config.timeZone;
  if (!isValidTimeZone(timeZone)) throw setupError('INVALID_TIME_ZONE', { field: 'timeZone' }, { timeZone });
  if (await isInstalled(deps.db)) throw setupError('ALREADY_SET_UP');
  try {
    await deps.db.transaction().execute(async (tx) => {
      const { orgId, adminId } = await createOrganization(
        tx,
        deps.clock,
        {
          name: body.organizationName,
          timeZone,
          admin: {
            username: body.adminUsername,
            displayName: body.adminDisplayName,
            password: body.adminPassword,
          },
        },
        { claimInstallation: true },
      );
      await writeAudit(tx, deps.clock, {
        action: 'org.setup',
        orgId,
        actor: { kind: 'user', id: adminId, name: body.adminDisplayName },
        target: { type: 'organization', id: orgId },
        details: { organizationName: body.organizationName, adminUsername: body.adminUsername, timeZone },
        meta,
      });
    });
  } catch (error) {
    // Another setup claimed the installation first, or the username exists from an earlier org.
    if (isUniqueViolation(error)) throw setupError('ALREADY_SET_UP');
    throw error;
  }
  return login(deps, { username: body.adminUsername, password: body.adminPassword }, meta);
}
