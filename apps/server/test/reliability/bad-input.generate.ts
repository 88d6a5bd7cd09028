import { newId } from '../../src/platform/ids.ts';

/**
 * Malformed requests generated from the OpenAPI document: every operation's path parameters, query
 * and body schema are walked and each field is given the values a careless or hostile client sends
 * (missing, wrong type, out of range, too long, odd Unicode, SQL and HTML text, foreign and broken
 * ids), one change at a time on top of a request that is otherwise valid. Nothing here knows an
 * endpoint by name: an endpoint that lands tomorrow is covered by its schema.
 */

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  multipleOf?: number;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  minProperties?: number;
  nullable?: boolean;
  default?: unknown;
  additionalProperties?: boolean | JsonSchema;
}

export interface Parameter {
  name: string;
  in: 'path' | 'query';
  required: boolean;
  schema: JsonSchema;
}

export interface Operation {
  /** `POST /api/v1/tickets/{id}/comments` */
  key: string;
  method: string;
  path: string;
  summary: string;
  access: string;
  pathParams: Parameter[];
  query: Parameter[];
  /** The JSON body schema, when the operation takes one. */
  body?: JsonSchema;
  /** A multipart upload (said so in its summary, as the document has no schema for it): its text fields. */
  multipart?: { fields: string[]; spreadsheet: boolean };
  /** A stream that never ends (Server-Sent Events): not something a request/answer test can call. */
  stream: boolean;
}

type OpenApiOperation = {
  summary?: string;
  'x-access'?: string;
  parameters?: { name: string; in: string; required?: boolean; schema: JsonSchema }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  responses?: Record<string, { content?: Record<string, unknown> }>;
};

export function operationsOf(doc: { paths: Record<string, Record<string, OpenApiOperation>> }): Operation[] {
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const parameters = op.parameters ?? [];
      const summary = op.summary ?? '';
      const multipart = /multipart/i.test(summary)
        ? {
            // "(multipart: purpose, purposeText?, file)", "multipart fields: stage, then file"
            fields: [...(/multipart\b([^;)]*)/i.exec(summary)?.[1] ?? '').matchAll(/\b([a-z][A-Za-z]*)\b/g)]
              .map((m) => m[1]!)
              .filter((w) => !['field', 'fields', 'then', 'file', 'and', 'or'].includes(w)),
            spreadsheet: /xlsx/i.test(summary),
          }
        : undefined;
      operations.push({
        key: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        summary,
        access: op['x-access'] ?? 'missing',
        pathParams: parameters
          .filter((p) => p.in === 'path')
          .map((p) => ({ name: p.name, in: 'path', required: true, schema: p.schema })),
        query: parameters
          .filter((p) => p.in === 'query')
          .map((p) => ({ name: p.name, in: 'query', required: p.required === true, schema: p.schema })),
        body: op.requestBody?.content?.['application/json']?.schema,
        multipart,
        stream: Object.values(op.responses ?? {}).some((r) => 'text/event-stream' in (r.content ?? {})),
      });
    }
  }
  return operations;
}

// ---------------------------------------------------------------------------------------------
// Valid values: the request each bad one is a single change away from

/** Where realistic values come from: ids of the organisation's own records, a record's version. */
export interface Realistic {
  /** An id for a field or parameter of this name (`houseId`, `tagIds`, `{id}` of `/tickets/{id}`). */
  id(name: string, path: string): string;
  /** The current version of the record a request with a `version` field acts on. */
  version?: number;
  /** A moment in the near future, for dates and times that must not lie in the past. */
  now: Date;
}

const TEXT_CANDIDATES = ['Steward-1', '#1a2b3c', '08:00', '138 0000 1234', 'steward_1', 'Steward test'];

function matches(schema: JsonSchema, value: string): boolean {
  if (schema.minLength !== undefined && [...value].length < schema.minLength) return false;
  if (schema.maxLength !== undefined && [...value].length > schema.maxLength) return false;
  return schema.pattern === undefined || new RegExp(schema.pattern, 'u').test(value);
}

function validString(schema: JsonSchema, name: string, ctx: Realistic): string {
  if (schema.format === 'uuid') return ctx.id(name, '');
  if (schema.format === 'date-time') return new Date(ctx.now.getTime() + 3 * 3600_000).toISOString();
  if (schema.format === 'date') return ctx.now.toISOString().slice(0, 10);
  if (schema.format === 'email') return 'steward@example.com';
  for (const candidate of TEXT_CANDIDATES) {
    const padded = candidate.padEnd(schema.minLength ?? 0, '1');
    if (matches(schema, candidate)) return candidate;
    if (matches(schema, padded)) return padded;
  }
  return 'x'.repeat(Math.max(1, schema.minLength ?? 1));
}

function typeOf(schema: JsonSchema): string | undefined {
  return Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
}

export function validValue(schema: JsonSchema, name: string, ctx: Realistic): unknown {
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches?.length) {
    // An object branch says the most (dispatch: { departmentId }); otherwise the first.
    const object = branches.find((b) => typeOf(b) === 'object');
    return validValue(object ?? branches[0]!, name, ctx);
  }
  if (schema.allOf?.length) return validValue(Object.assign({}, ...schema.allOf), name, ctx);
  switch (typeOf(schema)) {
    case 'string':
      return validString(schema, name, ctx);
    case 'integer':
    case 'number': {
      if (name === 'version' && ctx.version !== undefined) return ctx.version;
      const low = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 1);
      const value = Math.max(low, Math.min(schema.maximum ?? Infinity, 1));
      return schema.multipleOf ? Math.ceil(value / schema.multipleOf) * schema.multipleOf : value;
    }
    case 'boolean':
      return false;
    case 'array': {
      const count = schema.minItems ?? (schema.items?.format === 'uuid' ? 1 : 0);
      const singular = name.endsWith('s') ? name.slice(0, -1) : name;
      return Array.from({ length: count }, () => validValue(schema.items ?? {}, singular, ctx));
    }
    case 'object': {
      const value: Record<string, unknown> = {};
      for (const key of schema.required ?? []) {
        value[key] = validValue(schema.properties?.[key] ?? {}, key, ctx);
      }
      // An object that must say something (PATCH bodies): its first property.
      const first = Object.keys(schema.properties ?? {})[0];
      if (Object.keys(value).length < (schema.minProperties ?? 0) && first)
        value[first] = validValue(schema.properties![first]!, first, ctx);
      return value;
    }
    default:
      return schema.nullable ? null : 'x';
  }
}

/** What a valid call of the operation looks like: the base every bad variant changes one thing of. */
export interface Base {
  path: Record<string, string>;
  query: Record<string, string>;
  body: unknown;
}

export function baseRequest(op: Operation, ctx: Realistic): Base {
  const path: Record<string, string> = {};
  for (const p of op.pathParams) {
    path[p.name] =
      p.schema.format === 'uuid' ? ctx.id(p.name, op.path) : String(validValue(p.schema, p.name, ctx));
  }
  const query: Record<string, string> = {};
  for (const p of op.query.filter((q) => q.required))
    query[p.name] = String(validValue(p.schema, p.name, ctx));
  return { path, query, body: op.body ? validValue(op.body, '', ctx) : undefined };
}

// ---------------------------------------------------------------------------------------------
// Bad values

export const SQL_TEXT = [`'; DROP TABLE tickets; --`, `1 OR 1=1`, `" OR ""="`, `') ; DELETE FROM users; --`];
export const HTML_TEXT = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  'javascript:alert(document.cookie)',
];
export const UNICODE_TEXT: Record<string, string> = {
  'lone high surrogate': 'a\uD800b',
  'lone low surrogate': '\uDC00z',
  'zero-width joiner family': '👨‍👩‍👧‍👦',
  'zero-width characters': 'a\u200Bb\u200Cc\u200Dd\uFEFFe',
  'right-to-left override': 'invoice\u202Egnp.exe',
  emoji: '🏠💧🔧 水管',
  'combining marks': 'e\u0301\u0302\u0303\u0304\u0305\u0306\u0307',
  NUL: 'before\u0000after',
  'full-width digits': '１３８１２３４５６７８',
  'ideographic space only': '\u3000\u3000',
  'astral CJK': '𠜎𠜱𠝹',
  'control characters': 'a\u0007b\u001Bc\u007F',
};
const NUMBER_LIKE_TEXT = ['NaN', 'Infinity', '-0', '1e999', '0x1F', '١٢٣', '１２', '', ' 1 '];
const BROKEN_IDS = [
  'not-a-uuid',
  '00000000-0000-0000-0000-000000000000',
  `${'01900000-0000-7000-8000-000000000001'}0`,
  '1 OR 1=1',
  `'; DROP TABLE tickets; --`,
  '../../etc/passwd',
  'x'.repeat(3000),
];

/** A request as the runner sends it. */
export interface RequestSpec {
  path: Record<string, string>;
  /** Raw query string without '?' (already encoded). */
  query: string;
  body: Body;
  headers?: Record<string, string>;
}

export type Body =
  | { kind: 'json'; value: unknown }
  | { kind: 'raw'; data: string | Buffer; contentType?: string }
  | { kind: 'none' }
  | { kind: 'multipart'; form: MultipartForm };

export interface MultipartForm {
  fields: [string, string][];
  files: { field: string; name: string; type: string; data: Buffer }[];
  /** Cut off before the closing boundary. */
  truncated?: boolean;
  /** Leave the boundary out of the content-type header. */
  noBoundary?: boolean;
}

/** Files the runner provides for uploads: a real image, and spreadsheets built from a template. */
export interface Files {
  png: Buffer;
  /** An .xlsx for `kind` (the path's `kind`) with these rows under its template's headers. */
  xlsx(kind: string, rows: (headers: string[]) => string[][]): Promise<Buffer>;
  /** Bigger than the upload limit. */
  oversize: number;
}

export interface Variant {
  /** The family of bad input: for the counts and for sampling. */
  family: string;
  /** What was done, for messages: `body.description: SQL "'; DROP …"`. */
  label: string;
  make(base: Base, files: Files): RequestSpec | Promise<RequestSpec>;
  /** Text that, if the request is accepted, must be stored and read back exactly as sent. */
  marker?: { text: string; field: string };
  /**
   * The published schema refuses this request (a wrong type, a missing required field, a number
   * beyond its bounds, a string beyond maxLength, an unknown enum value or field, a broken or
   * non-object body where one is required): it must be answered with a 4xx, never accepted.
   */
  refuse?: boolean;
}

/** Percent-encoding that also takes text a URL cannot hold (a lone surrogate goes as its UTF-8 replacement). */
export function encode(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return [...Buffer.from(text)].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
  }
}

function encodeQuery(query: Record<string, string | string[]>): string {
  return Object.entries(query)
    .flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((x) => `${encode(k)}=${encode(x)}`))
    .join('&');
}

type Segment = string | number;

function clone<T>(value: T): T {
  return value === undefined ? value : (structuredClone(value) as T);
}

function setAt(root: unknown, path: Segment[], value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = clone(root) ?? (typeof path[0] === 'number' ? [] : {});
  let node = copy as Record<Segment, unknown>;
  for (const [i, key] of path.slice(0, -1).entries()) {
    const next = node[key];
    if (next === null || typeof next !== 'object') node[key] = typeof path[i + 1] === 'number' ? [] : {};
    node = node[key] as Record<Segment, unknown>;
  }
  node[path[path.length - 1]!] = value;
  return copy;
}

function deleteAt(root: unknown, path: Segment[]): unknown {
  const copy = clone(root) as Record<Segment, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) {
    if (node[key] === null || typeof node[key] !== 'object') return copy;
    node = node[key] as Record<Segment, unknown>;
  }
  if (Array.isArray(node)) node.splice(Number(path[path.length - 1]), 1);
  else Reflect.deleteProperty(node, path[path.length - 1]!);
  return copy;
}

function short(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return text.length > 40 ? `${text.slice(0, 37)}…(${text.length})` : text;
}

/** Values of the wrong JSON type for a schema (a string where a number goes, and so on). */
function wrongTypes(schema: JsonSchema): unknown[] {
  const type = typeOf(schema);
  const all: [string, unknown][] = [
    ['integer', 42],
    ['number', 4.5],
    ['string', '42'],
    ['boolean', true],
    ['null', null],
    ['array', ['x']],
    ['object', { a: 1 }],
  ];
  return all
    .filter(
      ([t]) => t !== type && !(t === 'integer' && type === 'number') && !(t === 'null' && schema.nullable),
    )
    .map(([, v]) => v);
}

/** The JSON type of a value as a schema names it. */
function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** Whether a schema with a plain `type` (no branches) takes a value of this JSON type. */
function takesType(schema: JsonSchema, value: unknown): boolean {
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  const t = jsonType(value);
  if (t === 'null' && schema.nullable) return true;
  return types.includes(t) || (t === 'integer' && types.includes('number'));
}

/** Whether a number lies beyond a numeric schema's bounds (or is a fraction where an integer goes). */
function outOfBounds(schema: JsonSchema, n: number): boolean {
  return (
    (typeOf(schema) === 'integer' && !Number.isInteger(n)) ||
    (schema.minimum !== undefined && n < schema.minimum) ||
    (schema.maximum !== undefined && n > schema.maximum) ||
    (schema.exclusiveMinimum !== undefined && n <= schema.exclusiveMinimum) ||
    (schema.exclusiveMaximum !== undefined && n >= schema.exclusiveMaximum)
  );
}

/** An object schema that takes no properties beyond its own (the rule for every body: architecture.md). */
function closed(schema: JsonSchema): boolean {
  // A map (a Record: patternProperties, or additionalProperties as a schema) takes any key.
  const open = (schema as { patternProperties?: unknown }).patternProperties !== undefined;
  return !!schema.properties && !open && (schema.additionalProperties ?? false) === false;
}

/** Bad values for one field (body leaf, query value or path parameter), with their family. */
function badValues(
  schema: JsonSchema,
  where: 'body' | 'query' | 'path',
  ctx: { foreign(name: string): string | undefined },
  name: string,
): { family: string; value: unknown; note: string; marker?: string; refuse?: boolean }[] {
  const out: { family: string; value: unknown; note: string; marker?: string; refuse?: boolean }[] = [];
  const type = typeOf(schema);
  // Only a schema with a plain type says for sure what it refuses (branches may take the value).
  const plain = type !== undefined && !schema.anyOf && !schema.oneOf && !schema.allOf;
  const add = (family: string, value: unknown, note = short(value), marker?: string, refuse = false) =>
    out.push({ family, value, note, marker, refuse });
  if (where === 'body')
    for (const v of wrongTypes(schema))
      add('wrong type', v, undefined, undefined, plain && !takesType(schema, v));
  else add('wrong type', ['a', 'b'], 'repeated');

  if (schema.enum) {
    const unknown = (v: string) => add('unknown enum', v, undefined, undefined, !schema.enum!.includes(v));
    unknown('__unknown__');
    const first = String(schema.enum[0]);
    unknown(first.toUpperCase() === first ? first.toLowerCase() : first.toUpperCase());
    unknown(` ${first}`);
    return out;
  }
  if (type === 'integer' || type === 'number') {
    const numbers: number[] = [-1, 1.5, 1e308, -1e308, 2 ** 53 + 1, 1e21];
    if (schema.minimum !== undefined) numbers.push(schema.minimum - 1);
    if (schema.maximum !== undefined) numbers.push(schema.maximum + 1);
    for (const n of numbers)
      add(
        'out of range',
        where === 'body' ? n : String(n),
        undefined,
        undefined,
        plain && outOfBounds(schema, n),
      );
    // Text where a number goes: a wrong type in a body (queries are coerced, so '1e3' is a number).
    for (const text of NUMBER_LIKE_TEXT)
      add('NaN-like', text, undefined, undefined, where === 'body' && plain && !takesType(schema, text));
    if (where !== 'body') add('out of range', '1e9', undefined, undefined, plain && outOfBounds(schema, 1e9));
    return out;
  }
  if (type === 'boolean') {
    for (const text of ['maybe', '2', 'TRUE ', 'yes'])
      add('NaN-like', text, undefined, undefined, where === 'body' && plain && !takesType(schema, text));
    return out;
  }
  if (type === 'array' || type === 'object') return out;

  // Strings.
  if (schema.format === 'uuid') {
    add('foreign id', newId(), 'random UUIDv7');
    const foreign = ctx.foreign(name);
    if (foreign) add('foreign id', foreign, 'another organisation’s record');
    for (const id of BROKEN_IDS) add('malformed id', id);
  }
  if (schema.format === 'date-time')
    for (const t of [
      '2026-02-30T00:00:00Z',
      'yesterday',
      '9999-12-31T23:59:59Z',
      '0001-01-01T00:00:00Z',
      '1e9',
    ])
      add('malformed date', t);
  if (schema.format === 'date')
    for (const t of ['2026-02-30', '20260101', '-0001-01-01']) add('malformed date', t);
  if (schema.format === 'email')
    for (const t of ['not-an-email', 'a@b@c', '<script>@x.io']) add('malformed email', t);
  const limit = schema.maxLength ?? 5000;
  const bounded = plain && schema.maxLength !== undefined;
  add('huge string', 'x'.repeat(limit + 1), `${limit + 1} characters`, undefined, bounded);
  add(
    'huge string',
    '漢'.repeat(60_000),
    '60 000 CJK characters (180 KB)',
    undefined,
    bounded && limit < 60_000,
  );
  if ((schema.minLength ?? 0) > 0) add('huge string', '', 'empty', undefined, plain);
  add('huge string', '   ', 'blank');
  // Free text can hold any of these as data; ids, dates and codes cannot, and secrets are stored hashed.
  const free = schema.format === undefined && !/password|secret/i.test(name);
  for (const t of SQL_TEXT) add('SQL text', t, short(t), free ? t : undefined);
  for (const t of HTML_TEXT) add('HTML text', t, short(t), free ? t : undefined);
  for (const [label, t] of Object.entries(UNICODE_TEXT))
    // Text is trimmed when stored (surrounding spaces are never meant); what remains must stay as sent.
    add('unicode', t, label, free && t.trim() && !t.includes('\u0000') ? t.trim() : undefined);
  return out;
}

/** Every leaf of a body schema with its JSON path (array items as index 0). */
function leaves(schema: JsonSchema, path: Segment[], depth = 0): { path: Segment[]; schema: JsonSchema }[] {
  if (depth > 4) return [];
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches) {
    const object = branches.find((b) => typeOf(b) === 'object');
    return [
      { path, schema },
      ...(object ? leaves(object, path, depth + 1).filter((l) => l.path !== path) : []),
    ];
  }
  const type = typeOf(schema);
  if (type === 'object' && schema.properties) {
    return [
      ...(path.length ? [{ path, schema }] : []),
      ...Object.entries(schema.properties).flatMap(([k, s]) => leaves(s, [...path, k], depth + 1)),
    ];
  }
  if (type === 'array' && schema.items)
    return [{ path, schema }, ...leaves(schema.items, [...path, 0], depth + 1)];
  return [{ path, schema }];
}

function pathName(path: Segment[]): string {
  return path.map((s) => (typeof s === 'number' ? `[${s}]` : s)).join('.');
}

function leafName(path: Segment[]): string {
  return String([...path].reverse().find((s) => typeof s === 'string') ?? '');
}

/** Fills a base body so that a deep path exists (an optional nested object, an empty array). */
function withPath(base: unknown, root: JsonSchema, path: Segment[], ctx: Realistic): unknown {
  let body = base;
  let schema: JsonSchema | undefined = root;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i]!;
    const branches: JsonSchema[] | undefined = schema?.anyOf ?? schema?.oneOf;
    const node: JsonSchema | undefined = branches?.find((b) => typeOf(b) === 'object') ?? schema;
    schema = typeof key === 'number' ? node?.items : node?.properties?.[key];
    const current = path
      .slice(0, i + 1)
      .reduce<unknown>((n, k) => (n as Record<Segment, unknown>)?.[k], body);
    if (
      current === undefined ||
      current === null ||
      typeof current !== 'object' ||
      (Array.isArray(current) && !current.length)
    ) {
      const fresh = schema ? validValue(schema, String(key), ctx) : {};
      const filled =
        Array.isArray(fresh) && fresh.length === 0 && schema?.items
          ? [validValue(schema.items, String(key), ctx)]
          : fresh;
      body = setAt(body, path.slice(0, i + 1), filled);
    }
  }
  return body;
}

export interface GenerateContext {
  /** Ids of another organisation's records, by field name. */
  foreign(name: string, path: string): string | undefined;
  /** For filling nested paths while generating. */
  realistic: Realistic;
  bodyLimit: number;
}

/** Every bad request for one operation, in a fixed order. */
export function variantsFor(op: Operation, gen: GenerateContext): Variant[] {
  const variants: Variant[] = [];
  const json = (base: Base, body: unknown, query = encodeQuery(base.query)): RequestSpec => ({
    path: base.path,
    query,
    body: { kind: 'json', value: body },
  });
  const noBody = op.body === undefined && !op.multipart;
  const baseBody = (base: Base): Body =>
    op.body !== undefined ? { kind: 'json', value: base.body } : { kind: 'none' };
  const same = (base: Base, files: Files): Promise<Body> | Body =>
    op.multipart
      ? validUpload(base, files).then((form) => ({ kind: 'multipart', form }) as Body)
      : baseBody(base);
  const validUpload = async (base: Base, files: Files): Promise<MultipartForm> => ({
    fields: op
      .multipart!.fields.filter((f) => !f.endsWith('Text'))
      .map((f) => [f, f === 'stage' ? 'before' : 'other']),
    files: [
      op.multipart!.spreadsheet
        ? {
            field: 'file',
            name: 'data.xlsx',
            type: 'application/octet-stream',
            data: await files.xlsx(base.path.kind ?? '', () => []),
          }
        : { field: 'file', name: 'photo.png', type: 'image/png', data: files.png },
    ],
  });
  const foreign = { foreign: (name: string) => gen.foreign(name, op.path) };

  // Path parameters.
  for (const p of op.pathParams) {
    for (const bad of badValues(p.schema, 'path', { foreign: (n) => gen.foreign(n, op.path) }, p.name)) {
      if (bad.family === 'wrong type') continue;
      variants.push({
        family: bad.family === 'foreign id' ? 'foreign id' : `path ${bad.family}`,
        label: `path.${p.name}: ${bad.note}`,
        refuse: bad.refuse,
        make: async (base, files) => ({
          path: { ...base.path, [p.name]: String(bad.value) },
          query: encodeQuery(base.query),
          body: await same(base, files),
        }),
      });
    }
    variants.push({
      family: 'path malformed id',
      label: `path.${p.name}: encoded slash and NUL`,
      make: async (base, files) => ({
        path: { ...base.path, [p.name]: `${base.path[p.name]}/../x\u0000` },
        query: encodeQuery(base.query),
        body: await same(base, files),
      }),
    });
  }

  // Query parameters.
  for (const q of op.query) {
    if (q.required)
      variants.push({
        family: 'missing field',
        label: `query.${q.name}: missing`,
        refuse: true,
        make: async (base, files) => {
          const { [q.name]: _gone, ...rest } = base.query;
          return { path: base.path, query: encodeQuery(rest), body: await same(base, files) };
        },
      });
    const values = badValues(q.schema, 'query', foreign, q.name);
    if (q.name === 'cursor')
      for (const c of [
        'garbage',
        Buffer.from('{"id":"x","k":[1,2]}').toString('base64url'),
        '!!!%%%',
        'eyJ'.repeat(400),
      ])
        values.push({ family: 'bad cursor', value: c, note: short(c) });
    for (const bad of values)
      variants.push({
        family: `query ${bad.family}`,
        label: `query.${q.name}: ${bad.note}`,
        refuse: bad.refuse,
        make: async (base, files) => ({
          path: base.path,
          query: encodeQuery({ ...base.query, [q.name]: bad.value as string | string[] }),
          body: await same(base, files),
        }),
      });
  }
  for (const [label, raw] of [
    ['unknown parameter', 'zzUnknown=1'],
    ['broken percent-encoding', 'q=%E0%A4%A'],
    ['NUL in a parameter', 'q=%00'],
    ['prototype keys', '__proto__[admin]=1&constructor[prototype][x]=1'],
  ] as const)
    variants.push({
      family: 'query garbage',
      label: `query: ${label}`,
      make: async (base, files) => ({
        path: base.path,
        query: [encodeQuery(base.query), raw].filter(Boolean).join('&'),
        body: await same(base, files),
      }),
    });

  // JSON bodies: one field at a time.
  if (op.body) {
    const root = op.body;
    for (const leaf of leaves(root, [])) {
      const name = pathName(leaf.path);
      // Missing: every required property of the object holding this leaf.
      const parentPath = leaf.path.slice(0, -1);
      const parent = parentPath.length
        ? leaves(root, []).find((l) => pathName(l.path) === pathName(parentPath))?.schema
        : root;
      const key = leaf.path[leaf.path.length - 1];
      if (typeof key === 'string' && parent?.required?.includes(key))
        variants.push({
          family: 'missing field',
          label: `body.${name}: missing`,
          refuse: true,
          make: (base) =>
            json(base, deleteAt(withPath(base.body, root, leaf.path, gen.realistic), leaf.path)),
        });
      for (const bad of badValues(leaf.schema, 'body', foreign, leafName(leaf.path)))
        variants.push({
          family: bad.family,
          label: `body.${name}: ${bad.family} ${bad.note}`,
          refuse: bad.refuse,
          make: (base) =>
            json(base, setAt(withPath(base.body, root, leaf.path, gen.realistic), leaf.path, bad.value)),
          ...(bad.marker ? { marker: { text: bad.marker, field: leafName(leaf.path) } } : {}),
        });
      const type = typeOf(leaf.schema);
      if (type === 'array') {
        const item = () => validValue(leaf.schema.items ?? {}, leafName(leaf.path), gen.realistic);
        const sizes = [(leaf.schema.maxItems ?? 1000) + 1, 20_000];
        for (const n of sizes)
          variants.push({
            family: 'huge array',
            label: `body.${name}: ${n} items`,
            make: (base) => {
              const one = item();
              return json(
                base,
                setAt(withPath(base.body, root, leaf.path, gen.realistic), leaf.path, Array(n).fill(one)),
              );
            },
          });
        if (leaf.schema.uniqueItems)
          variants.push({
            family: 'huge array',
            label: `body.${name}: duplicate items`,
            make: (base) => {
              const one = item();
              return json(
                base,
                setAt(withPath(base.body, root, leaf.path, gen.realistic), leaf.path, [one, one]),
              );
            },
          });
      }
      if (type === 'object' && leaf.path.length)
        variants.push({
          family: 'unknown field',
          label: `body.${name}: unknown property`,
          refuse: closed(leaf.schema),
          make: (base) =>
            json(
              base,
              setAt(
                withPath(base.body, root, [...leaf.path, 'zzUnknown'], gen.realistic),
                [...leaf.path, 'zzUnknown'],
                1,
              ),
            ),
        });
    }
    variants.push(
      {
        family: 'unknown field',
        label: 'body: unknown property',
        refuse: closed(root),
        make: (base) => json(base, { ...(base.body as object), zzUnknown: 'x' }),
      },
      {
        family: 'unknown field',
        label: 'body: __proto__ and constructor keys',
        refuse: true,
        make: (base) => ({
          path: base.path,
          query: encodeQuery(base.query),
          body: {
            kind: 'raw',
            contentType: 'application/json',
            data: JSON.stringify(base.body)
              .replace(/^\{/, '{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"x":1}},')
              .replace(/,\}$/, '}'),
          },
        }),
      },
      {
        family: 'wrong body',
        label: 'body: an array of the object',
        refuse: true,
        make: (base) => json(base, [base.body]),
      },
      ...[null, 'text', 42, true, []].map((value): Variant => ({
        family: 'wrong body',
        label: `body: ${short(value)} instead of an object`,
        refuse: true,
        make: (base) => json(base, value),
      })),
      {
        family: 'wrong body',
        label: 'body: deeply nested',
        refuse: closed(root) && !root.properties?.a,
        make: (base) => ({
          path: base.path,
          query: encodeQuery(base.query),
          body: {
            kind: 'raw',
            contentType: 'application/json',
            data: '{"a":'.repeat(5000) + '1' + '}'.repeat(5000),
          },
        }),
      },
    );
  }

  // The body as a whole: what arrives when the client gets the envelope wrong.
  // Broken JSON where the operation reads a JSON body is refused; elsewhere the body is not read.
  const raw = (family: string, label: string, data: string | Buffer, contentType?: string): Variant => ({
    family,
    label,
    refuse: family === 'invalid JSON' && op.body !== undefined,
    make: (base) => ({
      path: base.path,
      query: encodeQuery(base.query),
      body: { kind: 'raw', data, contentType },
    }),
  });
  const text = (base: Base) => (op.body ? JSON.stringify(base.body) : '{"zzUnknown":1}');
  variants.push(
    raw('invalid JSON', 'body: invalid JSON', '{"a": ', 'application/json'),
    raw('invalid JSON', 'body: trailing comma', '{"a": 1,}', 'application/json'),
    raw('invalid JSON', 'body: empty with a JSON content-type', '', 'application/json'),
    raw(
      'invalid JSON',
      'body: UTF-16 text labelled JSON',
      Buffer.from('{"a":"b"}', 'utf16le'),
      'application/json',
    ),
    raw(
      'invalid JSON',
      'body: invalid UTF-8',
      Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
      'application/json',
    ),
    {
      family: 'content-type',
      label: 'body: JSON as text/plain',
      make: (base) => ({
        path: base.path,
        query: encodeQuery(base.query),
        body: { kind: 'raw', data: text(base), contentType: 'text/plain' },
      }),
    },
    {
      family: 'content-type',
      label: 'body: JSON without a content-type',
      make: (base) => ({
        path: base.path,
        query: encodeQuery(base.query),
        body: { kind: 'raw', data: text(base) },
      }),
    },
    raw('content-type', 'body: form-urlencoded', 'a=1&b=2', 'application/x-www-form-urlencoded'),
    raw(
      'content-type',
      'body: XML',
      '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>',
      'application/xml',
    ),
    raw('content-type', 'body: garbage content-type', '{}', 'application/json; charset=klingon; ;;'),
    {
      family: 'oversize body',
      label: `body: larger than the body limit (${gen.bodyLimit + 1024} bytes)`,
      make: (base) => ({
        path: base.path,
        query: encodeQuery(base.query),
        body: {
          kind: 'raw',
          contentType: 'application/json',
          data: JSON.stringify({
            ...(typeof base.body === 'object' ? base.body : {}),
            zz: 'x'.repeat(gen.bodyLimit + 1024),
          }),
        },
      }),
    },
  );
  if (op.body && op.method === 'POST')
    variants.push({
      family: 'bad header',
      label: 'header: Idempotency-Key of 5000 characters',
      make: (base) => ({ ...json(base, base.body), headers: { 'idempotency-key': 'k'.repeat(5000) } }),
    });
  if (noBody && op.method !== 'GET' && op.method !== 'DELETE')
    variants.push({
      family: 'unknown field',
      label: 'body: a JSON object where none is taken',
      make: (base) => json(base, { zzUnknown: 1, __proto__: { isAdmin: true } }),
    });

  // Uploads.
  if (op.multipart) {
    const upload = (
      label: string,
      form: (base: Base, files: Files) => Promise<MultipartForm> | MultipartForm,
    ): Variant => ({
      family: 'upload',
      label: `upload: ${label}`,
      make: async (base, files) => ({
        path: base.path,
        query: encodeQuery(base.query),
        body: { kind: 'multipart', form: await form(base, files) },
      }),
    });
    const fileOf = (name: string, type: string, data: Buffer) => ({ field: 'file', name, type, data });
    variants.push(
      raw('upload', 'upload: a JSON body instead of a form', '{"file":"x"}', 'application/json'),
      upload('no file', async (b, f) => ({ ...(await validUpload(b, f)), files: [] })),
      upload('an empty file', async (b, f) => ({
        ...(await validUpload(b, f)),
        files: [fileOf('empty.png', 'image/png', Buffer.alloc(0))],
      })),
      upload('the file under another field name', async (b, f) => ({
        ...(await validUpload(b, f)),
        files: [{ ...(await validUpload(b, f)).files[0]!, field: 'attachment' }],
      })),
      upload('two files', async (b, f) => {
        const form = await validUpload(b, f);
        return { ...form, files: [form.files[0]!, form.files[0]!] };
      }),
      upload('random bytes named .png/.xlsx', async (b, f) => ({
        ...(await validUpload(b, f)),
        files: [
          fileOf(
            op.multipart!.spreadsheet ? 'x.xlsx' : 'x.png',
            'image/png',
            Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 7919) % 256)),
          ),
        ],
      })),
      upload('an SVG with script', async (b, f) => ({
        ...(await validUpload(b, f)),
        files: [
          fileOf(
            'x.svg',
            'image/svg+xml',
            Buffer.from(
              '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(1)</script></svg>',
            ),
          ),
        ],
      })),
      upload('HTML named .png', async (b, f) => ({
        ...(await validUpload(b, f)),
        files: [fileOf('x.png', 'image/png', Buffer.from('<html><script>alert(1)</script></html>'))],
      })),
      upload('a zip that is not a workbook', async (b, f) => ({
        ...(await validUpload(b, f)),
        files: [
          fileOf(
            'x.xlsx',
            'application/zip',
            Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(200, 1)]),
          ),
        ],
      })),
      upload('a truncated image', async (b, f) => ({
        ...(await validUpload(b, f)),
        files: [fileOf('x.png', 'image/png', f.png.subarray(0, Math.floor(f.png.length / 2)))],
      })),
      upload(`a file over the upload limit`, async (b, f) => ({
        ...(await validUpload(b, f)),
        files: [fileOf('big.png', 'image/png', Buffer.concat([f.png, Buffer.alloc(f.oversize)]))],
      })),
      upload('cut off before the closing boundary', async (b, f) => ({
        ...(await validUpload(b, f)),
        truncated: true,
      })),
      upload('no boundary in the content-type', async (b, f) => ({
        ...(await validUpload(b, f)),
        noBoundary: true,
      })),
      upload('a path in the file name', async (b, f) => {
        const form = await validUpload(b, f);
        return { ...form, files: [{ ...form.files[0]!, name: '../../../etc/passwd\u0000.png' }] };
      }),
      upload('many unknown fields', async (b, f) => {
        const form = await validUpload(b, f);
        return {
          ...form,
          fields: [...Array.from({ length: 50 }, (_, i): [string, string] => [`f${i}`, 'x']), ...form.fields],
        };
      }),
    );
    for (const field of op.multipart.fields) {
      const values: [string, string][] = [
        ['unknown value', '__unknown__'],
        ['huge', 'x'.repeat(5000)],
        ...SQL_TEXT.map((t): [string, string] => ['SQL', t]),
        ...HTML_TEXT.map((t): [string, string] => ['HTML', t]),
        ...Object.entries(UNICODE_TEXT),
      ];
      // No "stored as sent" check here: form fields name choices, or words stamped onto an image.
      for (const [label, value] of values)
        variants.push(
          upload(`field ${field}: ${label}`, async (b, f) => {
            const form = await validUpload(b, f);
            return { ...form, fields: [...form.fields.filter(([n]) => n !== field), [field, value]] };
          }),
        );
    }
    if (op.multipart.spreadsheet) {
      const cellSets: [string, string[]][] = [
        ['SQL', SQL_TEXT],
        ['HTML', HTML_TEXT],
        ['unicode', Object.values(UNICODE_TEXT)],
        ['formulas', ['=1+1', '=HYPERLINK("http://x.io","y")', '@SUM(1)', '+cmd|"/c calc"!A1', '-1+1']],
        ['numbers', ['1e308', '-1', 'NaN', '0.1e-400', '１２３', '99999999999999999999']],
        ['huge', ['x'.repeat(600), '漢'.repeat(2000)]],
      ];
      for (const [label, cells] of cellSets)
        variants.push(
          upload(`spreadsheet with ${label} in every column`, async (b, f) => ({
            ...(await validUpload(b, f)),
            files: [
              fileOf(
                'data.xlsx',
                'application/octet-stream',
                await f.xlsx(b.path.kind ?? '', (headers) => cells.map((c) => headers.map(() => c))),
              ),
            ],
          })),
        );
      variants.push(
        upload('spreadsheet with its header row only', async (b, f) => ({
          ...(await validUpload(b, f)),
          files: [fileOf('data.xlsx', 'application/octet-stream', await f.xlsx(b.path.kind ?? '', () => []))],
        })),
        upload('spreadsheet with the same row twice', async (b, f) => ({
          ...(await validUpload(b, f)),
          files: [
            fileOf(
              'data.xlsx',
              'application/octet-stream',
              await f.xlsx(b.path.kind ?? '', (headers) => [
                headers.map((h, i) => `${h}-${i}`),
                headers.map((h, i) => `${h}-${i}`),
              ]),
            ),
          ],
        })),
      );
    }
  }
  return variants;
}

/** A deterministic pseudo-random generator (mulberry32), so a failing sample can be replayed. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function hashString(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/**
 * `count` variants of one operation, drawn so that different families come up: one from each
 * family in a shuffled order first, then the rest at random. Same seed, same sample.
 */
export function sample(variants: Variant[], count: number, seed: number): Variant[] {
  if (variants.length <= count) return variants;
  const random = seeded(seed);
  const shuffled = [...variants];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
  }
  const picked: Variant[] = [];
  const families = new Set<string>();
  for (const v of shuffled)
    if (picked.length < count && !families.has(v.family)) {
      families.add(v.family);
      picked.push(v);
    }
  for (const v of shuffled) if (picked.length < count && !picked.includes(v)) picked.push(v);
  return picked;
}

/** A multipart body as the runner sends it. */
export function encodeMultipart(form: MultipartForm): { payload: Buffer; contentType: string } {
  const boundary = '----stewardbadinput7f3a';
  const parts: Buffer[] = [];
  for (const [name, value] of form.fields)
    parts.push(
      Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  for (const file of form.files)
    parts.push(
      Buffer.from(
        `--${boundary}\r\ncontent-disposition: form-data; name="${file.field}"; filename="${file.name}"\r\ncontent-type: ${file.type}\r\n\r\n`,
      ),
      file.data,
      Buffer.from('\r\n'),
    );
  if (!form.truncated) parts.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(parts),
    contentType: form.noBoundary ? 'multipart/form-data' : `multipart/form-data; boundary=${boundary}`,
  };
}
