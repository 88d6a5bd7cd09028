import { Type } from 'typebox';
import {
  ApiToken,
  ApiTokenList,
  CreateApiTokenBody,
  CreatedApiToken,
  CreateRoleBody,
  CreateUserBody,
  IdParams,
  Page,
  PERMISSIONS,
  PermissionCatalogue,
  ResetPasswordBody,
  Role,
  RoleList,
  UpdateRoleBody,
  UpdateUserBody,
  User,
  UserListQuery,
} from '@steward/contracts';
import { actorOf, idempotencyOf, requestMeta, type Reach } from '../../platform/http.ts';
import { errorResponses, type App } from '../../platform/routes.ts';
import * as rolesService from './roles.service.ts';
import * as tokensService from './tokens.service.ts';
import * as usersService from './users.service.ts';

/**
 * A person's "place" is their data scope: a scoped manager of users reaches those whose scope lies
 * within their own, and is refused (not 404: the person is listed organisation-wide) beyond it.
 */
const managesPeople = {
  kind: 'scope',
  outOfScope: { status: 403, code: 'SCOPE_ESCALATION_FORBIDDEN' },
  because: 'nobody manages someone who sees more of the organisation than they do',
} satisfies Reach;

export async function accessRoutes(app: App, deps: usersService.AccessDeps): Promise<void> {
  const tags = ['access'];

  app.get('/api/v1/users', {
    config: { access: { permission: 'users.read' }, reach: 'org' },
    schema: {
      tags,
      summary: 'Staff users of the organisation',
      querystring: UserListQuery,
      response: { 200: Page(User), ...errorResponses },
    },
    handler: (request) => usersService.listUsers(deps, actorOf(request), request.query),
  });

  app.post('/api/v1/users', {
    config: {
      access: { permission: 'users.manage' },
      reach: { ...managesPeople, foreign: { status: 400, code: 'INVALID_SCOPE' } },
    },
    schema: {
      tags,
      summary: 'Create a staff user with roles and data scope',
      body: CreateUserBody,
      response: { 201: User, ...errorResponses },
    },
    handler: async (request, reply) => {
      const user = await usersService.createUser(
        deps,
        actorOf(request),
        requestMeta(request),
        request.body,
        idempotencyOf(request),
      );
      return reply.status(201).send(user);
    },
  });

  app.get('/api/v1/users/:id', {
    config: { access: { permission: 'users.read' }, reach: 'org' },
    schema: { tags, summary: 'One staff user', params: IdParams, response: { 200: User, ...errorResponses } },
    handler: (request) => usersService.getUser(deps, actorOf(request), request.params.id),
  });

  app.patch('/api/v1/users/:id', {
    config: { access: { permission: 'users.manage' }, reach: managesPeople },
    schema: {
      tags,
      summary: 'Change profile, roles, scope or status (optimistic: send the version you read)',
      params: IdParams,
      body: UpdateUserBody,
      response: { 200: User, ...errorResponses },
    },
    handler: (request) =>
      usersService.updateUser(deps, actorOf(request), requestMeta(request), request.params.id, request.body),
  });

  app.post('/api/v1/users/:id/reset-password', {
    config: { access: { permission: 'users.manage' }, reach: managesPeople },
    schema: {
      tags,
      summary: 'Set a temporary password and end the user’s sessions',
      params: IdParams,
      body: ResetPasswordBody,
      response: { 200: User, ...errorResponses },
    },
    handler: (request) =>
      usersService.resetPassword(
        deps,
        actorOf(request),
        requestMeta(request),
        request.params.id,
        request.body,
      ),
  });

  app.post('/api/v1/users/:id/revoke-sessions', {
    config: { access: { permission: 'users.manage' }, reach: managesPeople },
    schema: {
      tags,
      summary: 'Sign the user out everywhere',
      params: IdParams,
      response: { 200: Type.Object({ revoked: Type.Integer() }), ...errorResponses },
    },
    handler: (request) =>
      usersService.revokeSessions(deps, actorOf(request), requestMeta(request), request.params.id),
  });

  app.get('/api/v1/permissions', {
    config: { access: { permission: 'users.read' }, reach: 'org' },
    schema: {
      tags,
      summary: 'The permission catalogue',
      response: { 200: PermissionCatalogue, ...errorResponses },
    },
    handler: async () => ({ items: PERMISSIONS.map((p) => ({ code: p.code, group: p.group })) }),
  });

  app.get('/api/v1/roles', {
    config: { access: { permission: 'users.read' }, reach: 'org' },
    schema: { tags, summary: 'Roles with their permissions', response: { 200: RoleList, ...errorResponses } },
    handler: async (request) => ({ items: await rolesService.listRoles(deps, actorOf(request)) }),
  });

  app.post('/api/v1/roles', {
    config: { access: { permission: 'roles.manage' }, reach: 'org' },
    schema: {
      tags,
      summary: 'Create a custom role',
      body: CreateRoleBody,
      response: { 201: Role, ...errorResponses },
    },
    handler: async (request, reply) => {
      const role = await rolesService.createRole(
        deps,
        actorOf(request),
        requestMeta(request),
        request.body,
        idempotencyOf(request),
      );
      return reply.status(201).send(role);
    },
  });

  app.patch('/api/v1/roles/:id', {
    config: { access: { permission: 'roles.manage' }, reach: 'org' },
    schema: {
      tags,
      summary: 'Rename a role or change its permissions',
      params: IdParams,
      body: UpdateRoleBody,
      response: { 200: Role, ...errorResponses },
    },
    handler: (request) =>
      rolesService.updateRole(deps, actorOf(request), requestMeta(request), request.params.id, request.body),
  });

  app.get('/api/v1/api-tokens', {
    config: { access: { permission: 'tokens.manage' }, reach: 'org' },
    schema: {
      tags,
      summary: 'API tokens for integrations (secrets are never shown again)',
      response: { 200: ApiTokenList, ...errorResponses },
    },
    handler: async (request) => ({ items: await tokensService.listTokens(deps, actorOf(request)) }),
  });

  app.post('/api/v1/api-tokens', {
    config: {
      access: { permission: 'tokens.manage' },
      reach: { ...managesPeople, foreign: { status: 400, code: 'TOKEN_USER_INVALID' } },
    },
    schema: {
      tags,
      summary: 'Issue a token acting as a user; the secret is in this response only',
      body: CreateApiTokenBody,
      response: { 201: CreatedApiToken, ...errorResponses },
    },
    handler: async (request, reply) => {
      const created = await tokensService.createToken(
        deps,
        actorOf(request),
        requestMeta(request),
        request.body,
      );
      return reply.status(201).send(created);
    },
  });

  app.post('/api/v1/api-tokens/:id/revoke', {
    config: { access: { permission: 'tokens.manage' }, reach: managesPeople },
    schema: {
      tags,
      summary: 'Revoke a token at once',
      params: IdParams,
      response: { 200: ApiToken, ...errorResponses },
    },
    handler: (request) =>
      tokensService.revokeToken(deps, actorOf(request), requestMeta(request), request.params.id),
  });
}
