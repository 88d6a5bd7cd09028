import { Type, type Static } from 'typebox';
import {
  CONTACT_CHANNELS,
  CONTACT_TOPICS,
  CUSTOMER_KINDS,
  DEMAND_PATTERNS,
  DOCUMENT_PURPOSES,
  ID_TYPES,
  PHONE_LABELS,
  PROJECT_TYPES,
  RELATION_ROLES,
  REVEALABLE_FIELDS,
  VALUE_LEVELS,
} from './archive-codes.ts';
import { IMPORT_KINDS } from './import-columns.ts';
import { DateOnly, Enum, Id, Nullable, PageQuery, Timestamp, Version } from './common.ts';

/** Phones as people type them; the server normalises them and refuses what is not a mainland number. */
const PhoneInput = Type.String({ minLength: 3, maxLength: 32 });

export const Tag = Type.Object({
  id: Id,
  name: Type.String(),
  color: Type.String(),
  customerCount: Type.Integer(),
});
export type Tag = Static<typeof Tag>;
export const TagList = Type.Object({ items: Type.Array(Tag) });
export type TagList = Static<typeof TagList>;

const Color = Type.String({ pattern: '^#[0-9a-fA-F]{6}$' });
export const CreateTagBody = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 20, pattern: '\\S' }), color: Type.Optional(Color) },
  { additionalProperties: false },
);
export type CreateTagBody = Static<typeof CreateTagBody>;

export const CustomerPhone = Type.Object({
  masked: Type.String({ description: 'e.g. 138****5678' }),
  label: Enum(PHONE_LABELS),
});
export type CustomerPhone = Static<typeof CustomerPhone>;

export const CustomerHouse = Type.Object({
  relationId: Id,
  houseId: Id,
  projectId: Id,
  projectName: Type.String(),
  projectType: Enum(PROJECT_TYPES),
  buildingId: Id,
  roomLabel: Type.String(),
  role: Enum(RELATION_ROLES),
  since: Nullable(DateOnly),
  until: Nullable(DateOnly),
  /** False once `until` has passed (moved out, lease ended). */
  current: Type.Boolean(),
});
export type CustomerHouse = Static<typeof CustomerHouse>;

export const CustomerTagRef = Type.Object({ id: Id, name: Type.String(), color: Type.String() });

/** The five dimensions of customer segmentation (客户细分), derived from the archive. */
export const Segments = Type.Object({
  propertyTypes: Type.Array(Enum(PROJECT_TYPES)),
  titles: Type.Array(Enum(RELATION_ROLES)),
  kind: Enum(CUSTOMER_KINDS),
  valueLevel: Enum(VALUE_LEVELS),
  demandPattern: Nullable(Enum(DEMAND_PATTERNS)),
});
export type Segments = Static<typeof Segments>;

export const Customer = Type.Object({
  id: Id,
  code: Type.String(),
  kind: Enum(CUSTOMER_KINDS),
  name: Type.String(),
  phones: Type.Array(CustomerPhone),
  idType: Nullable(Enum(ID_TYPES)),
  idNumber: Nullable(Type.String({ description: 'masked, e.g. 3201**********1234' })),
  emergencyName: Nullable(Type.String()),
  emergencyPhone: Nullable(Type.String({ description: 'masked' })),
  valueLevel: Enum(VALUE_LEVELS),
  demandPattern: Nullable(Enum(DEMAND_PATTERNS)),
  notes: Nullable(Type.String()),
  houses: Type.Array(CustomerHouse),
  tags: Type.Array(CustomerTagRef),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  version: Type.Integer(),
});
export type Customer = Static<typeof Customer>;

export const CustomerListQuery = Type.Object({
  q: Type.Optional(
    Type.String({ maxLength: 50, description: 'name, phone (any format or last digits), room label' }),
  ),
  phone: Type.Optional(Type.String({ maxLength: 32 })),
  projectId: Type.Optional(Id),
  buildingId: Type.Optional(Id),
  houseId: Type.Optional(Id),
  kind: Type.Optional(Enum(CUSTOMER_KINDS)),
  role: Type.Optional(Enum(RELATION_ROLES)),
  propertyType: Type.Optional(Enum(PROJECT_TYPES)),
  valueLevel: Type.Optional(Enum(VALUE_LEVELS)),
  demandPattern: Type.Optional(Enum(DEMAND_PATTERNS)),
  tagId: Type.Optional(Id),
  ...PageQuery,
});
export type CustomerListQuery = Static<typeof CustomerListQuery>;

const PhoneEntry = Type.Object(
  { phone: PhoneInput, label: Type.Optional(Enum(PHONE_LABELS)) },
  { additionalProperties: false },
);
/** A stored phone kept as it is (the caller sees only its masked form), by its position in `phones`. */
const KeptPhone = Type.Object(
  { keep: Type.Integer({ minimum: 0, maximum: 4 }), label: Type.Optional(Enum(PHONE_LABELS)) },
  { additionalProperties: false },
);

const HouseLink = Type.Object(
  {
    houseId: Id,
    role: Enum(RELATION_ROLES),
    since: Type.Optional(Nullable(DateOnly)),
    until: Type.Optional(Nullable(DateOnly)),
  },
  { additionalProperties: false },
);
export type HouseLink = Static<typeof HouseLink>;

const CustomerFields = {
  kind: Enum(CUSTOMER_KINDS),
  // At least one visible character: a name of spaces would be stored as nothing.
  name: Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' }),
  phones: Type.Array(PhoneEntry, { maxItems: 5 }),
  idType: Nullable(Enum(ID_TYPES)),
  idNumber: Nullable(Type.String({ minLength: 2, maxLength: 40 })),
  emergencyName: Nullable(Type.String({ maxLength: 50 })),
  emergencyPhone: Nullable(PhoneInput),
  valueLevel: Enum(VALUE_LEVELS),
  notes: Nullable(Type.String({ maxLength: 1000 })),
};

export const CreateCustomerBody = Type.Object(
  {
    kind: CustomerFields.kind,
    name: CustomerFields.name,
    code: Type.Optional(Type.String({ minLength: 1, maxLength: 32, pattern: '^[A-Za-z0-9_-]+$' })),
    phones: Type.Optional(CustomerFields.phones),
    idType: Type.Optional(CustomerFields.idType),
    idNumber: Type.Optional(CustomerFields.idNumber),
    emergencyName: Type.Optional(CustomerFields.emergencyName),
    emergencyPhone: Type.Optional(CustomerFields.emergencyPhone),
    valueLevel: Type.Optional(CustomerFields.valueLevel),
    notes: Type.Optional(CustomerFields.notes),
    houses: Type.Optional(Type.Array(HouseLink, { maxItems: 50 })),
    tagIds: Type.Optional(Type.Array(Id, { maxItems: 20, uniqueItems: true })),
  },
  { additionalProperties: false },
);
export type CreateCustomerBody = Static<typeof CreateCustomerBody>;

/** Fields left out stay as they are; `phones` is the whole new list; `idNumber: null` removes it. */
export const UpdateCustomerBody = Type.Object(
  {
    version: Version,
    kind: Type.Optional(CustomerFields.kind),
    name: Type.Optional(CustomerFields.name),
    /** The whole new list: new numbers as `{ phone }`, stored ones as `{ keep: index }` (masked to the caller). */
    phones: Type.Optional(Type.Array(Type.Union([PhoneEntry, KeptPhone]), { maxItems: 5 })),
    idType: Type.Optional(CustomerFields.idType),
    idNumber: Type.Optional(CustomerFields.idNumber),
    emergencyName: Type.Optional(CustomerFields.emergencyName),
    emergencyPhone: Type.Optional(CustomerFields.emergencyPhone),
    valueLevel: Type.Optional(CustomerFields.valueLevel),
    notes: Type.Optional(CustomerFields.notes),
    tagIds: Type.Optional(Type.Array(Id, { maxItems: 20, uniqueItems: true })),
  },
  { additionalProperties: false },
);
export type UpdateCustomerBody = Static<typeof UpdateCustomerBody>;

export const AddRelationBody = HouseLink;
export type AddRelationBody = Static<typeof AddRelationBody>;

export const UpdateRelationBody = Type.Object(
  { since: Type.Optional(Nullable(DateOnly)), until: Type.Optional(Nullable(DateOnly)) },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateRelationBody = Static<typeof UpdateRelationBody>;

export const RelationParams = Type.Object({ id: Id, relationId: Id });
export type RelationParams = Static<typeof RelationParams>;

export const RevealBody = Type.Object(
  {
    field: Enum(REVEALABLE_FIELDS),
    /** Which phone, when the customer has several (0 = the first). */
    index: Type.Optional(Type.Integer({ minimum: 0, maximum: 4 })),
  },
  { additionalProperties: false },
);
export type RevealBody = Static<typeof RevealBody>;

export const RevealResponse = Type.Object({ field: Enum(REVEALABLE_FIELDS), value: Type.String() });
export type RevealResponse = Static<typeof RevealResponse>;

export const CustomerContact = Type.Object({
  id: Id,
  at: Timestamp,
  channel: Enum(CONTACT_CHANNELS),
  topic: Enum(CONTACT_TOPICS),
  summary: Type.String(),
  staffName: Type.String(),
});
export type CustomerContact = Static<typeof CustomerContact>;

export const CreateContactBody = Type.Object(
  {
    channel: Enum(CONTACT_CHANNELS),
    topic: Enum(CONTACT_TOPICS),
    summary: Type.String({ minLength: 1, maxLength: 1000, pattern: '\\S' }),
  },
  { additionalProperties: false },
);
export type CreateContactBody = Static<typeof CreateContactBody>;

export const CustomerDocument = Type.Object({
  id: Id,
  purpose: Enum(DOCUMENT_PURPOSES),
  stampText: Type.String(),
  mime: Type.String(),
  sizeBytes: Type.Integer(),
  width: Type.Integer(),
  height: Type.Integer(),
  uploadedBy: Type.String(),
  createdAt: Timestamp,
});
export type CustomerDocument = Static<typeof CustomerDocument>;

export const DocumentParams = Type.Object({ id: Id, documentId: Id });
export type DocumentParams = Static<typeof DocumentParams>;

export const Coresident = Type.Object({
  customerId: Id,
  name: Type.String(),
  role: Enum(RELATION_ROLES),
  phone: Nullable(Type.String({ description: 'masked' })),
});

/** A part of the 360 view that a later module fills; `available: false` until it exists. */
const Slot = Type.Object({
  available: Type.Boolean(),
  total: Type.Integer(),
  items: Type.Array(Type.Record(Type.String(), Type.Unknown())),
});

export const CustomerOverview = Type.Object({
  customer: Customer,
  segments: Segments,
  households: Type.Array(Type.Object({ house: CustomerHouse, coResidents: Type.Array(Coresident) })),
  contacts: Type.Array(CustomerContact),
  documents: Type.Array(CustomerDocument),
  /** How to serve this customer, derived from their segments and history (e.g. a frequent critic: be direct). */
  hints: Type.Array(Type.String({ description: 'hint code; the console shows its label' })),
  requests: Slot,
  complaints: Slot,
  visits: Slot,
  bills: Slot,
  notices: Slot,
});
export type CustomerOverview = Static<typeof CustomerOverview>;

export const ImportKindParams = Type.Object({ kind: Enum(IMPORT_KINDS) });
export type ImportKindParams = Static<typeof ImportKindParams>;

export const ImportRowProblem = Type.Object({
  row: Nullable(Type.Integer()),
  column: Nullable(Type.String()),
  reason: Type.String(),
});
export type ImportRowProblem = Static<typeof ImportRowProblem>;

export const ImportResult = Type.Object({
  imported: Type.Integer({ description: 'rows read and applied' }),
  created: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
});
export type ImportResult = Static<typeof ImportResult>;

export const ExportQuery = Type.Object({
  projectId: Type.Optional(Id),
  buildingId: Type.Optional(Id),
});
export type ExportQuery = Static<typeof ExportQuery>;
