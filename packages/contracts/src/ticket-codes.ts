/**
 * Code values of the service desk (API.md "Code values"), free of schema code so the console can
 * import them. The console shows their zh-CN/en-US labels.
 */
export const TICKET_TYPES = [
  'repair',
  'complaint',
  'inquiry',
  'suggestion',
  'praise',
  'help',
  'special_service',
  'other',
] as const;
export type TicketType = (typeof TICKET_TYPES)[number];

/** Ticket numbers start with the type's initials in pinyin: BX-20261122-0007 is a repair (报修). */
export const TICKET_NUMBER_PREFIX: Record<TicketType, string> = {
  repair: 'BX',
  complaint: 'TS',
  inquiry: 'ZX',
  suggestion: 'JY',
  praise: 'BY',
  help: 'QZ',
  special_service: 'TY',
  other: 'QT',
};

export const CHANNELS = [
  'visit',
  'phone',
  'letter',
  'wechat',
  'portal',
  'email',
  'inspection',
  'household_visit',
  'meeting',
  'internal',
] as const;
export type Channel = (typeof CHANNELS)[number];

export const URGENCIES = ['general', 'special', 'emergency'] as const;
export type Urgency = (typeof URGENCIES)[number];

export const TICKET_STATUSES = [
  'received',
  'dispatched',
  'accepted',
  'arrived',
  'in_progress',
  'on_hold',
  'completed',
  'confirmed',
  'visited',
  'archived',
  'cancelled',
] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** Statuses in which work is still owed to the customer (queues, open load, "open records"). */
export const OPEN_STATUSES: readonly TicketStatus[] = [
  'received',
  'dispatched',
  'accepted',
  'arrived',
  'in_progress',
  'on_hold',
];

/** Lifecycle actions (POST /tickets/{id}/actions/{action}). */
export const TICKET_ACTIONS = [
  'dispatch',
  'accept',
  'decline',
  'arrive',
  'start',
  'hold',
  'resume',
  'complete',
  'confirm',
  'visit',
  'reopen',
  'cancel',
  'archive',
  'escalate',
  'link',
  'reclassify',
] as const;
export type TicketAction = (typeof TICKET_ACTIONS)[number];

export const HOLD_REASONS = ['parts', 'customer', 'other'] as const;
export type HoldReason = (typeof HOLD_REASONS)[number];

export const TIMELINE_VISIBILITIES = ['internal', 'public'] as const;
export type TimelineVisibility = (typeof TIMELINE_VISIBILITIES)[number];

/** What a timeline entry records: each action, plus notes, replies and field events. */
export const TIMELINE_KINDS = [
  'created',
  'dispatched',
  'accepted',
  'declined',
  'arrived',
  'started',
  'held',
  'resumed',
  'completed',
  'confirmed',
  'visited',
  'reopened',
  'cancelled',
  'archived',
  'escalated',
  'linked',
  'reclassified',
  'comment',
  'attachment',
  'line_added',
  'line_voided',
  'master_closed',
  // Time standards: which policy version set the clocks, a clock running out, promises to the customer.
  'clocks_set',
  'breached',
  'promise_made',
  'promise_kept',
  'promise_broken',
  'promise_withdrawn',
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export const LINK_KINDS = ['duplicate', 'related'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

/** Photos and files on a record: at intake, before and after the work, the customer's signature. */
export const ATTACHMENT_STAGES = ['intake', 'before', 'after', 'signature', 'other'] as const;
export type AttachmentStage = (typeof ATTACHMENT_STAGES)[number];

/** What a field line is: a paid-service charge from the price list, or material used. */
export const LINE_KINDS = ['charge', 'material'] as const;
export type LineKind = (typeof LINE_KINDS)[number];

/** Trades a category can require and a staff member can have (dispatch by skill). */
export const SKILLS = [
  'plumbing',
  'electrical',
  'elevator',
  'carpentry',
  'locks',
  'hvac',
  'civil',
  'cleaning',
  'greening',
  'security',
  'customer_service',
  'finance',
] as const;
export type Skill = (typeof SKILLS)[number];

export const DEPARTMENT_KINDS = [
  'customer_service',
  'engineering',
  'security',
  'cleaning',
  'greening',
  'finance',
  'other',
] as const;
export type DepartmentKind = (typeof DEPARTMENT_KINDS)[number];

/** A person's duty on a building: its butler (管家) or its technician (楼栋维修员). */
export const BUILDING_DUTIES = ['butler', 'technician'] as const;
export type BuildingDuty = (typeof BUILDING_DUTIES)[number];

/** How a dispatch was decided, shown on the timeline. */
export const DISPATCH_BASES = ['manual', 'building', 'skill', 'load', 'department'] as const;
export type DispatchBasis = (typeof DISPATCH_BASES)[number];

/** Where a customer's acceptance came from. */
export const CONFIRMATION_METHODS = ['signature', 'phone', 'portal', 'on_spot'] as const;
export type ConfirmationMethod = (typeof CONFIRMATION_METHODS)[number];

/**
 * The five clocks of a record (服务时限): forwarding 受理→派工, response 接单, arrival 到场, completion 完成,
 * and feedback to the customer 反馈.
 */
export const CLOCKS = ['dispatch', 'accept', 'arrive', 'complete', 'feedback'] as const;
export type ClockKind = (typeof CLOCKS)[number];

/** How a clock ended (or stands): met in time, breached, still running, or stopped by a cancellation. */
export const CLOCK_OUTCOMES = ['met', 'breached', 'running', 'cancelled'] as const;
export type ClockOutcome = (typeof CLOCK_OUTCOMES)[number];

/** Queue filter on the running clock: 即将超时 (past its warning) and 已超时 (past its deadline). */
export const DUE_STATES = ['soon', 'overdue'] as const;
export type DueState = (typeof DUE_STATES)[number];

/** Who an escalation rung notifies besides role codes: the person handling the clock, or its receiver. */
export const LADDER_TARGETS = ['handler', 'receiver'] as const;
export type LadderTarget = (typeof LADDER_TARGETS)[number];

/** A commitment given to a customer (承诺): to reply, to come by, to call back. */
export const PROMISE_KINDS = ['reply', 'visit', 'callback'] as const;
export type PromiseKind = (typeof PROMISE_KINDS)[number];

export const PROMISE_STATUSES = ['open', 'kept', 'broken', 'withdrawn'] as const;
export type PromiseStatus = (typeof PROMISE_STATUSES)[number];

/** In-app alerts addressed to one person. */
export const ALERT_KINDS = ['warning', 'breach', 'escalation', 'promise_warning', 'promise_broken'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** A business calendar's dated exception: a holiday, or a make-up working day (调休上班). */
export const CALENDAR_DAY_KINDS = ['holiday', 'workday'] as const;
export type CalendarDayKind = (typeof CALENDAR_DAY_KINDS)[number];
