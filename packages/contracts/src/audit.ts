import { Type, type Static } from 'typebox';
import { Id, Nullable, PageQuery, Timestamp } from './common.ts';

export const ActorKind = Type.Union([
  Type.Literal('user'),
  Type.Literal('token'),
  Type.Literal('anonymous'),
  Type.Literal('system'),
]);
export type ActorKind = Static<typeof ActorKind>;

export const AuditEntry = Type.Object({
  id: Id,
  at: Timestamp,
  action: Type.String(),
  actorKind: ActorKind,
  actorId: Nullable(Id),
  actorName: Nullable(Type.String()),
  targetType: Nullable(Type.String()),
  targetId: Nullable(Type.String()),
  ip: Nullable(Type.String()),
  requestId: Nullable(Type.String()),
  details: Type.Record(Type.String(), Type.Unknown()),
});
export type AuditEntry = Static<typeof AuditEntry>;

export const AuditQuery = Type.Object({
  action: Type.Optional(Type.String({ maxLength: 64 })),
  actorId: Type.Optional(Id),
  targetId: Type.Optional(Type.String({ maxLength: 64 })),
  q: Type.Optional(Type.String({ maxLength: 100, description: 'matches actor name, target or IP' })),
  from: Type.Optional(Timestamp),
  to: Type.Optional(Timestamp),
  ...PageQuery,
});
export type AuditQuery = Static<typeof AuditQuery>;
