import dayjs, { type Dayjs } from 'dayjs';
import type { Category, CreateTicketBody } from '@steward/contracts';
import type { Channel, TicketType, Urgency } from '@steward/contracts/catalogues';
import type { Locale } from '@steward/contracts';
import type { TFunction } from '../../app/i18n/types.ts';

/**
 * Pure rules of the intake screen: spotting emergencies in what the caller says, the category
 * tree, the promised reply time, and the sentence the agent reads back (复述确认).
 */

/**
 * Words that mean someone is in danger or property is being damaged right now (跑水, 电梯困人 …).
 * The server decides urgency from the category; these only prompt the agent to switch.
 */
export const EMERGENCY_WORDS = [
  '跑水',
  '爆管',
  '水管爆裂',
  '爆裂',
  '水淹',
  '淹水',
  '电梯困人',
  '困人',
  '被困',
  '着火',
  '起火',
  '火警',
  '冒烟',
  '燃气',
  '煤气',
  '漏气',
  '漏电',
  '触电',
  '坍塌',
  '倒塌',
  'burst pipe',
  'flooding',
  'trapped',
  'fire',
  'smoke',
  'gas leak',
  'electric shock',
] as const;

/** The emergency words found in a text, longest first and without words inside others (困人 in 电梯困人). */
export function findEmergencyWords(text: string): string[] {
  const lower = text.toLowerCase();
  const found = EMERGENCY_WORDS.filter((word) => lower.includes(word));
  const sorted = [...found].sort((a, b) => b.length - a.length);
  return sorted.filter((word, i) => !sorted.slice(0, i).some((longer) => longer.includes(word)));
}

/** A category's name in the UI language: the English name where one is given. */
export function categoryLabel(category: Pick<Category, 'name' | 'nameEn'>, locale: Locale): string {
  return locale === 'en-US' && category.nameEn ? category.nameEn : category.name;
}

export interface CategoryNode {
  value: string;
  title: string;
  /** The whole path (水电 / 漏水渗水), shown once chosen. */
  path: string;
  /** What a search matches: names in both languages and the code. */
  searchText: string;
  defaultUrgency: Urgency;
  children?: CategoryNode[];
}

/**
 * The active categories as a tree, in their configured order. A category under an inactive parent
 * is left out with it: nobody should file a record where the tree no longer shows a branch.
 */
export function buildCategoryTree(categories: readonly Category[], locale: Locale): CategoryNode[] {
  const active = categories.filter((c) => c.active);
  const byParent = new Map<string | null, Category[]>();
  for (const category of active) {
    const siblings = byParent.get(category.parentId) ?? [];
    siblings.push(category);
    byParent.set(category.parentId, siblings);
  }
  const build = (parentId: string | null, seen: Set<string>, above: string[]): CategoryNode[] =>
    (byParent.get(parentId) ?? [])
      .filter((c) => !seen.has(c.id))
      .sort((a, b) => a.sortOrder - b.sortOrder || a.code.localeCompare(b.code))
      .map((c) => {
        const title = categoryLabel(c, locale);
        const children = build(c.id, new Set([...seen, c.id]), [...above, title]);
        return {
          value: c.id,
          title,
          path: [...above, title].join(' / '),
          searchText: [c.name, c.nameEn ?? '', c.code].join(' ').toLowerCase(),
          defaultUrgency: c.defaultUrgency,
          ...(children.length ? { children } : {}),
        };
      });
  return build(null, new Set(), []);
}

/** Category id → its path of names (水电 / 漏水渗水), for the read-back and summaries. */
export function categoryPaths(categories: readonly Category[], locale: Locale): Map<string, string[]> {
  const byId = new Map(categories.map((c) => [c.id, c]));
  const paths = new Map<string, string[]>();
  for (const category of categories) {
    const path: string[] = [];
    let node: Category | undefined = category;
    const seen = new Set<string>();
    while (node && !seen.has(node.id)) {
      seen.add(node.id);
      path.unshift(categoryLabel(node, locale));
      node = node.parentId ? byId.get(node.parentId) : undefined;
    }
    paths.set(category.id, path);
  }
  return paths;
}

/**
 * Minutes within which the desk promises a reply when the agent does not set a time: a repair
 * reported by phone gets a call back within 10 minutes (the seeds' standard). Other records take
 * the time standard the server applies.
 */
export function defaultPromiseMinutes(type: TicketType, channel: Channel): number | null {
  return type === 'repair' && channel === 'phone' ? 10 : null;
}

export type PromiseQuick = 'm10' | 'm30' | 'h2' | 'today17';

/** The time a quick button sets; null when it has already passed (今日17:00 after five). */
export function quickPromise(quick: PromiseQuick, now: Dayjs): Dayjs | null {
  switch (quick) {
    case 'm10':
      return now.add(10, 'minute');
    case 'm30':
      return now.add(30, 'minute');
    case 'h2':
      return now.add(2, 'hour');
    case 'today17': {
      const five = now.hour(17).minute(0).second(0).millisecond(0);
      return five.isAfter(now) ? five : null;
    }
  }
}

/** What the agent has promised: nothing typed (the default applies) or a time they set. */
export type PromiseChoice = { kind: 'default' } | { kind: 'at'; at: string };

/** The promise as it will be read: minutes for a near time, a clock time today, else a date and time. */
export function promisePhrase(
  choice: PromiseChoice,
  defaultMinutes: number | null,
  now: Dayjs,
  t: TFunction,
): string {
  if (choice.kind === 'default') {
    return defaultMinutes === null
      ? t('readBack.promiseStandard')
      : t('readBack.promiseMinutes', { minutes: defaultMinutes });
  }
  const at = dayjs(choice.at);
  const minutes = Math.ceil(at.diff(now, 'second') / 60);
  if (minutes > 0 && minutes <= 120) return t('readBack.promiseMinutes', { minutes });
  if (at.isSame(now, 'day')) return t('readBack.promiseToday', { time: at.format('HH:mm') });
  return t('readBack.promiseAt', { time: at.format('MM-DD HH:mm') });
}

export interface ReadBackInput {
  callerName: string | null;
  type: TicketType;
  location: string | null;
  description: string;
  /** Who will handle it, as far as the agent knows before saving. */
  handler: { department: string | null; person: string | null } | null;
  promise: string;
  answeredOnSpot: boolean;
  /** An emergency is said out loud, so the caller knows it is treated as one. */
  emergency?: boolean;
}

/** Long descriptions are cut for reading aloud; the record keeps every word. */
export const READ_BACK_DESCRIPTION_LIMIT = 60;

/** One line, cut for reading aloud, without closing punctuation (the sentence goes on after it). */
function shorten(text: string, limit: number): string {
  const flat = text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[。．.!！?？;；,，、]+$/u, '');
  return flat.length > limit ? `${flat.slice(0, limit)}…` : flat;
}

/**
 * The one sentence the agent reads to the caller before saving, e.g.
 * "王建国，您报修的是 3-2-1502 卫生间漏水，我们已安排工程部，10分钟内回复您。"
 */
export function readBackSentence(input: ReadBackInput, t: TFunction): string {
  const description = shorten(input.description, READ_BACK_DESCRIPTION_LIMIT);
  const subject = input.location
    ? t('readBack.subject', { location: input.location, description })
    : description;
  const parts: string[] = [];
  const what = t(`readBack.type.${input.type}`, { subject });
  parts.push(input.callerName ? t('readBack.greeting', { name: input.callerName, what }) : what);
  if (input.answeredOnSpot) {
    parts.push(t('readBack.answered'));
  } else {
    if (input.emergency) parts.push(t('readBack.emergency'));
    const { department, person } = input.handler ?? { department: null, person: null };
    if (department && person) parts.push(t('readBack.handlerPerson', { department, person }));
    else if (department) parts.push(t('readBack.handlerDepartment', { department }));
    else parts.push(t('readBack.handlerUnknown'));
    parts.push(input.promise);
  }
  const sentence = t('readBack.sentence', { body: parts.join(t('readBack.joiner')) });
  // English opens with "you reported …" when the caller gave no name.
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

/* ------------------------------------------------------------------ the form as sent */

export type LocationMode = 'house' | 'area' | 'project';
export type DispatchMode =
  | { mode: 'auto' }
  | { mode: 'none' }
  | { mode: 'manual'; departmentId: string | null; assigneeId: string | null };

/** Everything the intake form holds, before it becomes a CreateTicketBody. */
export interface IntakeDraft {
  type: TicketType;
  channel: Channel;
  urgency: Urgency;
  categoryId: string | null;
  description: string;
  customerId: string | null;
  reporterName: string;
  reporterPhone: string;
  locationMode: LocationMode;
  houseId: string | null;
  areaId: string | null;
  projectId: string | null;
  dispatch: DispatchMode;
  promise: PromiseChoice;
  answeredOnSpot: boolean;
  reply: string;
  duplicateOf: string | null;
}

export const EMPTY_DRAFT: IntakeDraft = {
  type: 'repair',
  channel: 'phone',
  urgency: 'general',
  categoryId: null,
  description: '',
  customerId: null,
  reporterName: '',
  reporterPhone: '',
  locationMode: 'house',
  houseId: null,
  areaId: null,
  projectId: null,
  dispatch: { mode: 'auto' },
  promise: { kind: 'default' },
  answeredOnSpot: false,
  reply: '',
  duplicateOf: null,
};

export type DraftProblem = 'category' | 'description' | 'location' | 'department' | 'reply';

/** Only an inquiry can be answered during the call and closed at once. */
export function isAnsweredOnSpot(draft: IntakeDraft): boolean {
  return draft.type === 'inquiry' && draft.answeredOnSpot;
}

/** What is still missing before the record can be read back (the server checks everything again). */
export function draftProblems(draft: IntakeDraft): DraftProblem[] {
  const problems: DraftProblem[] = [];
  if (!draft.categoryId) problems.push('category');
  if (!draft.description.trim()) problems.push('description');
  const located =
    draft.locationMode === 'house'
      ? Boolean(draft.houseId)
      : draft.locationMode === 'area'
        ? Boolean(draft.areaId)
        : Boolean(draft.projectId);
  if (!located) problems.push('location');
  if (isAnsweredOnSpot(draft)) {
    if (!draft.reply.trim()) problems.push('reply');
  } else if (draft.dispatch.mode === 'manual' && !draft.dispatch.departmentId) {
    problems.push('department');
  }
  return problems;
}

/** The request body; call only when draftProblems is empty. */
export function buildCreateBody(draft: IntakeDraft): CreateTicketBody {
  const onSpot = isAnsweredOnSpot(draft);
  const name = draft.reporterName.trim();
  const phone = draft.reporterPhone.trim();
  const body: CreateTicketBody = {
    type: draft.type,
    channel: draft.channel,
    urgency: draft.urgency,
    categoryId: draft.categoryId!,
    description: draft.description.trim(),
  };
  if (draft.locationMode === 'house' && draft.houseId) body.houseId = draft.houseId;
  else if (draft.locationMode === 'area' && draft.areaId) body.areaId = draft.areaId;
  else if (draft.projectId) body.projectId = draft.projectId;
  if (draft.customerId) body.customerId = draft.customerId;
  else {
    if (name) body.reporterName = name;
    if (phone) body.reporterPhone = phone;
  }
  if (draft.promise.kind === 'at' && !onSpot) body.promisedReplyAt = draft.promise.at;
  if (onSpot) body.answeredOnSpot = { reply: draft.reply.trim() };
  else if (draft.dispatch.mode === 'manual' && draft.dispatch.departmentId) {
    body.dispatch = {
      departmentId: draft.dispatch.departmentId,
      ...(draft.dispatch.assigneeId ? { assigneeId: draft.dispatch.assigneeId } : {}),
    };
  } else body.dispatch = draft.dispatch.mode === 'none' ? 'none' : 'auto';
  if (draft.duplicateOf) body.duplicateOf = draft.duplicateOf;
  return body;
}
