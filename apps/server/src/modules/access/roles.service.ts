import {
  DEFAULT_ROLE_PERMISSIONS,
  PERMISSION_CODES,
  SYSTEM_ROLES,
  type CreateRoleBody,
  type Role,
  type UpdateRoleBody,
} from '@steward/contracts';
import type { Executor } from '../../db/database.ts';
import { platformError, uniqueOr } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { runIdempotent, type IdempotencyContext } from '../../platform/idempotency.ts';
import type { Actor, RequestMeta } from '../../platform/auth/actor.ts';
import { auditActor, writeAudit } from '../../platform/audit/audit.ts';
import { accessError } from './access.errors.ts';
import { assertCanGrant } from './grants.ts';
import * as roles from './roles.repository.ts';
import type { AccessDeps } from './users.service.ts';

/** Stored names of the system roles; the console shows its own zh-CN/en-US label by code. */
const SYSTEM_ROLE_NAMES: Record<(typeof SYSTEM_ROLES)[number], string> = {
  admin: '系统管理员',
  manager: '项目经理',
  supervisor: '客服主管',
  agent: '客服前台',
  butler: '客服管家',
  technician: '维修技师',
  cashier: '收费员',
};

function roleDto(row: roles.RoleRow): Role {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    system: row.is_system === 1,
    editable: row.code !== 'admin',
    permissions: row.code === 'admin' ? [...PERMISSION_CODES] : row.permissions,
    userCount: row.userCount,
  };
}

/** Creates the seven system roles of a new organisation with their default permissions. */
export async function createSystemRoles(
  tx: Executor,
  orgId: string,
  at: string,
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const code of SYSTEM_ROLES) {
    const id = newId();
    ids.set(code, id);
    await roles.insertRole(
      tx,
      { id, org_id: orgId, code, name: SYSTEM_ROLE_NAMES[code], is_system: 1, created_at: at },
      DEFAULT_ROLE_PERMISSIONS[code],
    );
  }
  return ids;
}

/** System roles first, in their canonical order, then custom roles as they were created. */
export async function listRoles(deps: Pick<AccessDeps, 'db'>, actor: Actor): Promise<Role[]> {
  const rank = (code: string) => {
    const i = (SYSTEM_ROLES as readonly string[]).indexOf(code);
    return i === -1 ? SYSTEM_ROLES.length : i;
  };
  const rows = await roles.listRoles(deps.db, actor.orgId);
  return rows.sort((a, b) => rank(a.code) - rank(b.code)).map(roleDto);
}

export async function createRole(
  deps: AccessDeps,
  actor: Actor,
  meta: RequestMeta,
  body: CreateRoleBody,
  idempotency?: IdempotencyContext,
): Promise<Role> {
  assertCanGrant(actor, body.permissions);
  return uniqueOr(
    () =>
      runIdempotent(deps.db, deps.clock, idempotency, async (tx) => {
        if ((await roles.findRolesByCodes(tx, actor.orgId, [body.code])).length) {
          throw accessError('ROLE_CODE_TAKEN', { field: 'code' }, { code: body.code });
        }
        const id = newId();
        await roles.insertRole(
          tx,
          {
            id,
            org_id: actor.orgId,
            code: body.code,
            name: body.name.trim(),
            is_system: 0,
            created_at: deps.clock.now().toISOString(),
          },
          body.permissions,
        );
        await writeAudit(tx, deps.clock, {
          action: 'role.created',
          orgId: actor.orgId,
          actor: auditActor(actor),
          target: { type: 'role', id },
          details: { code: body.code, permissions: [...body.permissions].sort() },
          meta,
        });
        return roleDto((await roles.listRoles(tx, actor.orgId)).find((r) => r.id === id)!);
      }),
    () => accessError('ROLE_CODE_TAKEN', { field: 'code' }, { code: body.code }),
  );
}

export async function updateRole(
  deps: AccessDeps,
  actor: Actor,
  meta: RequestMeta,
  id: string,
  body: UpdateRoleBody,
): Promise<Role> {
  return deps.db.transaction().execute(async (tx) => {
    const current = (await roles.listRoles(tx, actor.orgId)).find((r) => r.id === id);
    if (!current) throw platformError('NOT_FOUND');
    if (current.code === 'admin') throw accessError('ROLE_NOT_EDITABLE');
    const details: Record<string, unknown> = { code: current.code };
    if (body.name !== undefined && body.name.trim() !== current.name) {
      await roles.updateRoleName(tx, actor.orgId, id, body.name.trim());
      details.name = { from: current.name, to: body.name.trim() };
    }
    if (body.permissions) {
      const added = body.permissions.filter((p) => !current.permissions.includes(p)).sort();
      const next = new Set<string>(body.permissions);
      const removed = current.permissions.filter((p) => !next.has(p)).sort();
      // Both directions count: you may not take away what you could not give.
      assertCanGrant(actor, [...added, ...removed]);
      await roles.setRolePermissions(tx, actor.orgId, id, body.permissions);
      details.added = added;
      details.removed = removed;
    }
    await writeAudit(tx, deps.clock, {
      action: 'role.updated',
      orgId: actor.orgId,
      actor: auditActor(actor),
      target: { type: 'role', id },
      details,
      meta,
    });
    return roleDto((await roles.listRoles(tx, actor.orgId)).find((r) => r.id === id)!);
  });
}
