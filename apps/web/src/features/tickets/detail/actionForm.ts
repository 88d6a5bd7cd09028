import type {
  ConfirmationMethod,
  HoldReason,
  LinkKind,
  TicketAction,
  TicketType,
  Urgency,
} from '@steward/contracts/catalogues';
import type { Ticket, TicketActionBodies } from '@steward/contracts';

/** Actions that need something said or chosen; the others are one click. */
export const FORM_ACTIONS = [
  'dispatch',
  'decline',
  'hold',
  'complete',
  'confirm',
  'visit',
  'reopen',
  'cancel',
  'escalate',
  'link',
  'reclassify',
] as const satisfies readonly TicketAction[];
export type FormAction = (typeof FORM_ACTIONS)[number];

export function isFormAction(action: TicketAction): action is FormAction {
  return (FORM_ACTIONS as readonly TicketAction[]).includes(action);
}

export interface ActionValues {
  byRules?: boolean;
  departmentId?: string;
  assigneeId?: string | null;
  note?: string;
  reason?: string;
  holdReason?: HoldReason;
  method?: ConfirmationMethod;
  rating?: number;
  satisfied?: boolean;
  score?: number;
  targetId?: string;
  kind?: LinkKind;
  type?: TicketType;
  categoryId?: string;
  urgency?: Urgency;
}

const text = (value: string | undefined) => value?.trim() || undefined;

/** The body of an action from the form, with the version the agent was looking at. */
export function actionBody(
  action: FormAction,
  ticket: Ticket,
  version: number,
  v: ActionValues,
): TicketActionBodies[FormAction] {
  switch (action) {
    case 'dispatch':
      return v.byRules
        ? { version, ...(text(v.note) ? { note: text(v.note) } : {}) }
        : {
            version,
            departmentId: v.departmentId,
            assigneeId: v.assigneeId ?? null,
            ...(text(v.note) ? { note: text(v.note) } : {}),
          };
    case 'decline':
    case 'reopen':
    case 'cancel':
      return { version, reason: v.reason!.trim() };
    case 'hold':
      return { version, reason: v.holdReason!, ...(text(v.note) ? { note: text(v.note) } : {}) };
    case 'complete':
      return { version, note: v.note!.trim() };
    case 'confirm': {
      const signature = [...ticket.attachments].reverse().find((a) => a.stage === 'signature');
      return {
        version,
        method: v.method!,
        ...(v.rating ? { rating: v.rating } : {}),
        ...(text(v.note) ? { comment: text(v.note) } : {}),
        ...(v.method === 'signature' && signature ? { signatureAttachmentId: signature.id } : {}),
      };
    }
    case 'visit':
      return {
        version,
        satisfied: v.satisfied!,
        score: v.score!,
        ...(text(v.note) ? { note: text(v.note) } : {}),
      };
    case 'escalate':
      return { version, note: v.note!.trim() };
    case 'link':
      return { version, targetId: v.targetId!, kind: v.kind! };
    case 'reclassify':
      return {
        version,
        ...(v.type && v.type !== ticket.type ? { type: v.type } : {}),
        ...(v.categoryId && v.categoryId !== ticket.categoryId ? { categoryId: v.categoryId } : {}),
        ...(v.urgency && v.urgency !== ticket.urgency ? { urgency: v.urgency } : {}),
        ...(text(v.note) ? { note: text(v.note) } : {}),
      };
  }
}
