import { Type, type Static, type TSchema } from 'typebox';

/** Identifiers are UUIDv7 strings: time-ordered (good for keyset paging) and not guessable. */
export const Id = Type.String({ format: 'uuid', description: 'UUID' });
export type Id = Static<typeof Id>;

/** ISO-8601 timestamp with offset. */
export const Timestamp = Type.String({ format: 'date-time' });
export type Timestamp = Static<typeof Timestamp>;

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const IdParams = Type.Object({ id: Id });
export type IdParams = Static<typeof IdParams>;

export const FieldError = Type.Object({
  field: Type.String({ description: 'where the bad value is, e.g. body.username' }),
  reason: Type.String(),
  keyword: Type.Optional(Type.String()),
});
export type FieldError = Static<typeof FieldError>;

export const ErrorBody = Type.Object({
  error: Type.Object({
    code: Type.String({ pattern: '^[A-Z][A-Z0-9_]*$' }),
    message: Type.String(),
    details: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  }),
});
export type ErrorBody = Static<typeof ErrorBody>;

export const PageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 20 })),
  cursor: Type.Optional(Type.String({ maxLength: 512 })),
};

export const Page = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), nextCursor: Nullable(Type.String()) });
export interface PageOf<T> {
  items: T[];
  nextCursor: string | null;
}

export const OkResponse = Type.Object({ ok: Type.Literal(true) });
export type OkResponse = Static<typeof OkResponse>;

/** Optimistic concurrency: every update names the version it read. */
export const Version = Type.Integer({ minimum: 1 });

export const Locale = Type.Union([Type.Literal('zh-CN'), Type.Literal('en-US')]);
export type Locale = Static<typeof Locale>;

/** A string restricted to a code catalogue (one list of values for schema, type and console labels). */
export const Enum = <T extends string>(values: readonly T[], options: { description?: string } = {}) =>
  Type.Unsafe<T>({ type: 'string', enum: [...values], ...options });

/** A calendar date in the business time zone, e.g. 2026-11-23. */
export const DateOnly = Type.String({ format: 'date' });
