import type { ApiToken, CreateApiTokenBody, CreatedApiToken } from '@steward/contracts';
import { DAY } from '../../platform/clock.ts';
import { platformError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { Actor, RequestMeta } from '../../platform/auth/actor.ts';
import { auditActor, writeAudit } from '../../platform/audit/audit.ts';
import { API_TOKEN_PREFIX, randomSecret, sha256 } from '../../platform/auth/tokens.ts';
import { accessError } from './access.errors.ts';
import * as tokens from './tokens.repository.ts';
import * as users from './users.repository.ts';
import { assertCanManage, type AccessDeps } from './users.service.ts';

function tokenDto(row: tokens.ApiTokenRow): ApiToken {
  return {
    id: row.id,
    name: row.name,
    userId: row.user_id,
    username: row.username,
    prefix: row.prefix,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

export async function listTokens(deps: Pick<AccessDeps, 'db'>, actor: Actor): Promise<ApiToken[]> {
  return (await tokens.listApiTokens(deps.db, actor.orgId)).map(tokenDto);
}

/**
 * Issues a token acting as a user of the organisation. The secret is returned here and never
 * again; deliberately not replayable by Idempotency-Key, which would have to store the secret.
 */
export async function createToken(
  deps: AccessDeps,
  actor: Actor,
  meta: RequestMeta,
  body: CreateApiTokenBody,
): Promise<CreatedApiToken> {
  return deps.db.transaction().execute(async (tx) => {
    const user = await users.findUser(tx, actor.orgId, body.userId);
    if (!user || user.status !== 'active') throw accessError('TOKEN_USER_INVALID', { field: 'userId' });
    await assertCanManage(tx, actor, user);

    const secret = `${API_TOKEN_PREFIX}${randomSecret(32)}`;
    const now = deps.clock.now();
    const id = newId();
    await tokens.insertApiToken(tx, {
      id,
      org_id: actor.orgId,
      user_id: user.id,
      name: body.name.trim(),
      prefix: secret.slice(0, API_TOKEN_PREFIX.length + 6),
      token_hash: sha256(secret),
      created_by: actor.userId,
      created_at: now.toISOString(),
      expires_at: body.expiresInDays
        ? new Date(now.getTime() + body.expiresInDays * DAY).toISOString()
        : null,
      last_used_at: null,
      revoked_at: null,
    });
    await writeAudit(tx, deps.clock, {
      action: 'token.created',
      orgId: actor.orgId,
      actor: auditActor(actor),
      target: { type: 'api_token', id },
      details: { name: body.name, username: user.username, expiresInDays: body.expiresInDays ?? null },
      meta,
    });
    return { token: tokenDto((await tokens.findApiToken(tx, actor.orgId, id))!), secret };
  });
}

export async function revokeToken(
  deps: AccessDeps,
  actor: Actor,
  meta: RequestMeta,
  id: string,
): Promise<ApiToken> {
  return deps.db.transaction().execute(async (tx) => {
    const token = await tokens.findApiToken(tx, actor.orgId, id);
    if (!token) throw platformError('NOT_FOUND');
    const owner = await users.findUser(tx, actor.orgId, token.user_id);
    if (owner) await assertCanManage(tx, actor, owner);
    if (!token.revoked_at) {
      await tokens.revokeApiToken(tx, actor.orgId, id, deps.clock.now().toISOString());
      await writeAudit(tx, deps.clock, {
        action: 'token.revoked',
        orgId: actor.orgId,
        actor: auditActor(actor),
        target: { type: 'api_token', id },
        details: { name: token.name, username: token.username },
        meta,
      });
    }
    return tokenDto((await tokens.findApiToken(tx, actor.orgId, id))!);
  });
}
