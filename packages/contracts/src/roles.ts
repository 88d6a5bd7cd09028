import { Type, type Static } from 'typebox';
import { Id } from './common.ts';
import { PERMISSION_CODES, type Permission } from './permissions.ts';

/** One of the catalogue's permission codes (an enum in the JSON schema, the Permission union in TypeScript). */
export const PermissionCode = Type.Unsafe<Permission>({ type: 'string', enum: [...PERMISSION_CODES] });

export const Role = Type.Object({
  id: Id,
  code: Type.String(),
  name: Type.String(),
  system: Type.Boolean(),
  editable: Type.Boolean({ description: 'false for admin, which always holds every permission' }),
  permissions: Type.Array(Type.String()),
  userCount: Type.Integer(),
});
export type Role = Static<typeof Role>;

export const RoleList = Type.Object({ items: Type.Array(Role) });
export type RoleList = Static<typeof RoleList>;

const Permissions = Type.Array(PermissionCode, { maxItems: 200, uniqueItems: true });

export const CreateRoleBody = Type.Object(
  {
    code: Type.String({ minLength: 2, maxLength: 32, pattern: '^[a-z][a-z0-9_]*$' }),
    name: Type.String({ minLength: 1, maxLength: 50 }),
    permissions: Permissions,
  },
  { additionalProperties: false },
);
export type CreateRoleBody = Static<typeof CreateRoleBody>;

export const UpdateRoleBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
    permissions: Type.Optional(Permissions),
  },
  { additionalProperties: false },
);
export type UpdateRoleBody = Static<typeof UpdateRoleBody>;

export const PermissionCatalogue = Type.Object({
  items: Type.Array(Type.Object({ code: Type.String(), group: Type.String() })),
});
