import { Type, type Static } from 'typebox';
import { Enum, Id, Nullable, PageQuery, Timestamp, Version } from './common.ts';
import { TicketClock, TicketPromise } from './time-standards.ts';
import {
  ATTACHMENT_STAGES,
  CLOCK_OUTCOMES,
  CLOCKS,
  DUE_STATES,
  CHANNELS,
  CONFIRMATION_METHODS,
  DISPATCH_BASES,
  HOLD_REASONS,
  LINE_KINDS,
  LINK_KINDS,
  TICKET_ACTIONS,
  TICKET_STATUSES,
  TICKET_TYPES,
  TIMELINE_KINDS,
  TIMELINE_VISIBILITIES,
  URGENCIES,
} from './ticket-codes.ts';

const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength });
const Phone = Type.String({ minLength: 3, maxLength: 40, description: 'any common notation; normalised' });

/** The five clocks of a record (issue "time standards" fills them from policies). */
export const TicketDeadlines = Type.Object({
  dispatchBy: Nullable(Timestamp),
  acceptBy: Nullable(Timestamp),
  arriveBy: Nullable(Timestamp),
  completeBy: Nullable(Timestamp),
  feedbackBy: Nullable(Timestamp),
});
export type TicketDeadlines = Static<typeof TicketDeadlines>;

export const StaffRef = Type.Object({ id: Id, name: Type.String() });
export type StaffRef = Static<typeof StaffRef>;

/** A row of a queue: what an agent scans, without the timeline or lines. */
export const TicketSummary = Type.Object({
  id: Id,
  number: Type.String({ description: 'e.g. BX-20261122-0007' }),
  type: Enum(TICKET_TYPES),
  channel: Enum(CHANNELS),
  urgency: Enum(URGENCIES),
  status: Enum(TICKET_STATUSES),
  categoryId: Id,
  categoryName: Type.String({ description: 'path, e.g. 水电 / 漏水' }),
  projectId: Id,
  projectName: Type.String(),
  buildingId: Nullable(Id),
  houseId: Nullable(Id),
  areaId: Nullable(Id),
  location: Type.String({ description: 'room label or public area name' }),
  customerId: Nullable(Id),
  reporterName: Nullable(Type.String()),
  reporterPhone: Nullable(Type.String({ description: 'masked' })),
  description: Type.String({ description: 'the first 140 characters' }),
  department: Nullable(StaffRef),
  assignee: Nullable(StaffRef),
  receivedAt: Timestamp,
  promisedReplyAt: Nullable(Timestamp),
  /** The deadline of the stage clock running now (queues sort by it). */
  nextDueAt: Nullable(Timestamp),
  /** When that clock's warning falls (即将超时 from then on); the countdown colours from it. */
  nextWarnAt: Nullable(Timestamp),
  /** When that clock started, so a countdown can show the share left. */
  clockStartedAt: Nullable(Timestamp),
  escalationLevel: Type.Integer(),
  reopenCount: Type.Integer(),
  version: Type.Integer(),
});
export type TicketSummary = Static<typeof TicketSummary>;

export const TicketLink = Type.Object({
  ticketId: Id,
  number: Type.String(),
  status: Enum(TICKET_STATUSES),
  kind: Enum(LINK_KINDS),
  /** master: the other record is this one's master; duplicate: the other is a duplicate of this one. */
  role: Enum(['master', 'duplicate', 'related'] as const),
});
export type TicketLink = Static<typeof TicketLink>;

export const TicketLine = Type.Object({
  id: Id,
  kind: Enum(LINE_KINDS),
  priceItemId: Nullable(Id),
  name: Type.String(),
  unit: Type.String(),
  quantity: Type.Number(),
  unitPriceFen: Type.Integer({ description: 'fen; 0 for materials not charged' }),
  amountFen: Type.Integer(),
  addedBy: StaffRef,
  addedAt: Timestamp,
});
export type TicketLine = Static<typeof TicketLine>;

export const TicketAttachment = Type.Object({
  id: Id,
  stage: Enum(ATTACHMENT_STAGES),
  fileName: Type.String(),
  contentType: Type.String(),
  size: Type.Integer(),
  hasThumbnail: Type.Boolean(),
  createdBy: Type.String(),
  createdAt: Timestamp,
});
export type TicketAttachment = Static<typeof TicketAttachment>;

export const TicketConfirmation = Type.Object({
  method: Enum(CONFIRMATION_METHODS),
  at: Timestamp,
  rating: Nullable(Type.Integer({ minimum: 1, maximum: 5 })),
  comment: Nullable(Type.String()),
  signatureAttachmentId: Nullable(Id),
});

/** One record with everything the detail page shows, and the actions this caller may take now. */
export const Ticket = Type.Object({
  ...TicketSummary.properties,
  description: Type.String(),
  categoryPath: Type.Array(Type.String()),
  buildingName: Nullable(Type.String()),
  roomLabel: Nullable(Type.String()),
  areaName: Nullable(Type.String()),
  receivedBy: StaffRef,
  deadlines: TicketDeadlines,
  holdReason: Nullable(Enum(HOLD_REASONS)),
  masterId: Nullable(Id),
  parentIncidentId: Nullable(Id),
  acceptedAt: Nullable(Timestamp),
  arrivedAt: Nullable(Timestamp),
  completedAt: Nullable(Timestamp),
  completionNote: Nullable(Type.String()),
  confirmation: Nullable(TicketConfirmation),
  closedAt: Nullable(Timestamp),
  links: Type.Array(TicketLink),
  lines: Type.Array(TicketLine),
  chargeTotalFen: Type.Integer(),
  attachments: Type.Array(TicketAttachment),
  /** The clocks of the current cycle, with the policy version that set each. */
  clocks: Type.Array(TicketClock),
  promises: Type.Array(TicketPromise),
  allowedActions: Type.Array(Enum(TICKET_ACTIONS)),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Ticket = Static<typeof Ticket>;

export const DispatchChoice = Type.Object(
  {
    departmentId: Id,
    assigneeId: Type.Optional(Nullable(Id)),
  },
  { additionalProperties: false },
);

export const CreateTicketBody = Type.Object(
  {
    type: Enum(TICKET_TYPES),
    channel: Enum(CHANNELS),
    urgency: Enum(URGENCIES),
    categoryId: Id,
    description: Text(2000),
    houseId: Type.Optional(Id),
    areaId: Type.Optional(Id),
    /** A request about a whole project (a suggestion, an anonymous call) names only the project. */
    projectId: Type.Optional(Id),
    customerId: Type.Optional(Id),
    reporterName: Type.Optional(Text(50)),
    reporterPhone: Type.Optional(Phone),
    /** What the agent told the caller; defaults to the time standard's reply time. */
    promisedReplyAt: Type.Optional(Timestamp),
    /** Rules decide by default; a department (and person) by hand; or leave it for the dispatcher. */
    dispatch: Type.Optional(Type.Union([Type.Literal('auto'), Type.Literal('none'), DispatchChoice])),
    /** An inquiry answered during the call: recorded and closed in the same step. */
    answeredOnSpot: Type.Optional(Type.Object({ reply: Text(2000) }, { additionalProperties: false })),
    duplicateOf: Type.Optional(Id),
  },
  { additionalProperties: false },
);
export type CreateTicketBody = Static<typeof CreateTicketBody>;

export const TICKET_QUEUES = ['unassigned', 'mine', 'department', 'all'] as const;
export type TicketQueue = (typeof TICKET_QUEUES)[number];

export const TicketListQuery = Type.Object({
  queue: Type.Optional(Enum(TICKET_QUEUES, { description: '待派工, 我的, 部门, 全部 (within scope)' })),
  status: Type.Optional(Enum(TICKET_STATUSES)),
  open: Type.Optional(Type.Boolean({ description: 'only records still being worked on' })),
  type: Type.Optional(Enum(TICKET_TYPES)),
  urgency: Type.Optional(Enum(URGENCIES)),
  channel: Type.Optional(Enum(CHANNELS)),
  categoryId: Type.Optional(Id),
  assigneeId: Type.Optional(Id),
  departmentId: Type.Optional(Id),
  projectId: Type.Optional(Id),
  buildingId: Type.Optional(Id),
  houseId: Type.Optional(Id),
  customerId: Type.Optional(Id),
  q: Type.Optional(
    Type.String({ maxLength: 100, description: 'text (Chinese words), number, phone or room label' }),
  ),
  sort: Type.Optional(Enum(['newest', 'due'] as const)),
  due: Type.Optional(
    Enum(DUE_STATES, { description: '即将超时 (past the warning) or 已超时 (past the deadline)' }),
  ),
  /** Dashboard drill-down: records received in [receivedFrom, receivedTo) whose clock ended so. */
  receivedFrom: Type.Optional(Timestamp),
  receivedTo: Type.Optional(Timestamp),
  clock: Type.Optional(Enum(CLOCKS)),
  clockOutcome: Type.Optional(Enum(CLOCK_OUTCOMES)),
  completed: Type.Optional(
    Type.Boolean({ description: 'only records whose work was completed (at any later status)' }),
  ),
  undispatched: Type.Optional(Type.Boolean({ description: 'only records no department has (未派工)' })),
  ...PageQuery,
});
export type TicketListQuery = Static<typeof TicketListQuery>;

/* ------------------------------------------------------------------ actions */

const WithVersion = { version: Version };
const Note = Type.Optional(Text(2000));

export const TICKET_ACTION_BODIES = {
  dispatch: Type.Object(
    {
      ...WithVersion,
      /** Absent: the dispatch rules decide. */
      departmentId: Type.Optional(Id),
      assigneeId: Type.Optional(Nullable(Id)),
      note: Note,
    },
    { additionalProperties: false },
  ),
  accept: Type.Object({ ...WithVersion }, { additionalProperties: false }),
  decline: Type.Object({ ...WithVersion, reason: Text(500) }, { additionalProperties: false }),
  arrive: Type.Object({ ...WithVersion }, { additionalProperties: false }),
  start: Type.Object({ ...WithVersion }, { additionalProperties: false }),
  hold: Type.Object(
    { ...WithVersion, reason: Enum(HOLD_REASONS), note: Note },
    { additionalProperties: false },
  ),
  resume: Type.Object({ ...WithVersion, note: Note }, { additionalProperties: false }),
  complete: Type.Object({ ...WithVersion, note: Text(2000) }, { additionalProperties: false }),
  confirm: Type.Object(
    {
      ...WithVersion,
      method: Enum(CONFIRMATION_METHODS),
      rating: Type.Optional(Type.Integer({ minimum: 1, maximum: 5 })),
      comment: Note,
      signatureAttachmentId: Type.Optional(Id),
    },
    { additionalProperties: false },
  ),
  visit: Type.Object(
    {
      ...WithVersion,
      satisfied: Type.Boolean(),
      score: Type.Integer({ minimum: 1, maximum: 5 }),
      note: Note,
    },
    { additionalProperties: false },
  ),
  reopen: Type.Object({ ...WithVersion, reason: Text(500) }, { additionalProperties: false }),
  cancel: Type.Object({ ...WithVersion, reason: Text(500) }, { additionalProperties: false }),
  archive: Type.Object({ ...WithVersion }, { additionalProperties: false }),
  escalate: Type.Object({ ...WithVersion, note: Text(1000) }, { additionalProperties: false }),
  link: Type.Object(
    { ...WithVersion, targetId: Id, kind: Enum(LINK_KINDS) },
    { additionalProperties: false },
  ),
  reclassify: Type.Object(
    {
      ...WithVersion,
      type: Type.Optional(Enum(TICKET_TYPES)),
      categoryId: Type.Optional(Id),
      urgency: Type.Optional(Enum(URGENCIES)),
      note: Note,
    },
    { additionalProperties: false, minProperties: 2 },
  ),
} as const;

export type TicketActionBodies = {
  [K in keyof typeof TICKET_ACTION_BODIES]: Static<(typeof TICKET_ACTION_BODIES)[K]>;
};

export const TicketActionParams = Type.Object({ id: Id });

/* ------------------------------------------------------------------ timeline, comments, lines */

export const TimelineActor = Type.Object({
  kind: Enum(['staff', 'resident', 'system'] as const),
  id: Nullable(Id),
  name: Type.String(),
});

export const TimelineEntry = Type.Object({
  id: Id,
  kind: Enum(TIMELINE_KINDS),
  visibility: Enum(TIMELINE_VISIBILITIES),
  actor: TimelineActor,
  body: Nullable(Type.String()),
  /** What changed: before/after values, reasons, dispatch basis, line or attachment ids. */
  data: Type.Record(Type.String(), Type.Unknown()),
  createdAt: Timestamp,
});
export type TimelineEntry = Static<typeof TimelineEntry>;

export const TimelineQuery = Type.Object({
  visibility: Type.Optional(Enum(TIMELINE_VISIBILITIES)),
  ...PageQuery,
});
export type TimelineQuery = Static<typeof TimelineQuery>;

export const CreateCommentBody = Type.Object(
  { visibility: Enum(TIMELINE_VISIBILITIES), body: Text(4000) },
  { additionalProperties: false },
);
export type CreateCommentBody = Static<typeof CreateCommentBody>;

/** Quantities to two decimals (1.5 m of pipe, 2 hours). */
export const Quantity = Type.Number({ exclusiveMinimum: 0, maximum: 100_000, multipleOf: 0.01 });

export const CreateLineBody = Type.Union([
  Type.Object(
    { kind: Type.Literal('charge'), priceItemId: Id, quantity: Quantity },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      kind: Type.Literal('material'),
      name: Text(100),
      unit: Text(20),
      quantity: Quantity,
      priceItemId: Type.Optional(Id),
    },
    { additionalProperties: false },
  ),
]);
export type CreateLineBody = Static<typeof CreateLineBody>;

export const VoidLineBody = Type.Object({ reason: Text(500) }, { additionalProperties: false });
export type VoidLineBody = Static<typeof VoidLineBody>;

export const TicketLineParams = Type.Object({ id: Id, lineId: Id });

/* ------------------------------------------------------------------ intake and dispatch helpers */

export const IntakeQuery = Type.Object({
  q: Type.String({ minLength: 1, maxLength: 50, description: 'phone, phone tail, room label or name' }),
});
export type IntakeQuery = Static<typeof IntakeQuery>;

export const IntakeHouse = Type.Object({
  id: Id,
  projectId: Id,
  projectName: Type.String(),
  buildingId: Id,
  roomLabel: Type.String(),
});

export const IntakeCustomer = Type.Object({
  id: Id,
  name: Type.String(),
  phones: Type.Array(Type.String({ description: 'masked' })),
  valueLevel: Type.String(),
  hints: Type.Array(Type.String()),
  houses: Type.Array(Type.Object({ ...IntakeHouse.properties, role: Type.String() })),
});

/** What pops up while the agent types a caller's phone or room: people, houses, their open and recent records. */
export const IntakeLookup = Type.Object({
  customers: Type.Array(IntakeCustomer),
  houses: Type.Array(
    Type.Object({
      ...IntakeHouse.properties,
      occupants: Type.Array(Type.Object({ customerId: Id, name: Type.String(), role: Type.String() })),
    }),
  ),
  openTickets: Type.Array(TicketSummary),
  recentTickets: Type.Array(TicketSummary),
});
export type IntakeLookup = Static<typeof IntakeLookup>;

export const CandidateQuery = Type.Object({
  categoryId: Type.Optional(Id),
  departmentId: Type.Optional(Id),
  houseId: Type.Optional(Id),
  areaId: Type.Optional(Id),
  projectId: Type.Optional(Id),
});
export type CandidateQuery = Static<typeof CandidateQuery>;

export const DispatchCandidate = Type.Object({
  userId: Id,
  name: Type.String(),
  departmentId: Id,
  openLoad: Type.Integer({ description: 'records assigned and still open' }),
  onDuty: Type.Boolean(),
  hasSkill: Type.Boolean(),
  buildingDuty: Nullable(Type.String()),
});
export type DispatchCandidate = Static<typeof DispatchCandidate>;

/** The people who could take a record, and what the rules would choose. */
export const DispatchSuggestion = Type.Object({
  departmentId: Nullable(Id),
  departmentName: Nullable(Type.String()),
  assigneeId: Nullable(Id),
  basis: Enum(DISPATCH_BASES),
  candidates: Type.Array(DispatchCandidate),
});
export type DispatchSuggestion = Static<typeof DispatchSuggestion>;

export const AttachmentParams = Type.Object({ id: Id });
export const AttachmentQuery = Type.Object({ size: Type.Optional(Enum(['full', 'thumb'] as const)) });
