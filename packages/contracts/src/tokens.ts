import { Type, type Static } from 'typebox';
import { Id, Nullable, Timestamp } from './common.ts';

export const ApiToken = Type.Object({
  id: Id,
  name: Type.String(),
  userId: Id,
  username: Type.String(),
  prefix: Type.String({ description: 'first characters of the secret, to recognise it' }),
  createdAt: Timestamp,
  expiresAt: Nullable(Timestamp),
  lastUsedAt: Nullable(Timestamp),
  revokedAt: Nullable(Timestamp),
});
export type ApiToken = Static<typeof ApiToken>;

export const ApiTokenList = Type.Object({ items: Type.Array(ApiToken) });
export type ApiTokenList = Static<typeof ApiTokenList>;

export const CreateApiTokenBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    userId: Id,
    expiresInDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })),
  },
  { additionalProperties: false },
);
export type CreateApiTokenBody = Static<typeof CreateApiTokenBody>;

export const CreatedApiToken = Type.Object({
  token: ApiToken,
  secret: Type.String({ description: 'shown once; send as Authorization: Bearer <secret>' }),
});
export type CreatedApiToken = Static<typeof CreatedApiToken>;
