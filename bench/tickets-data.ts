import { randomBytes } from 'node:crypto';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import type { Database } from '@steward/server';
import { searchTerms } from '@steward/server';

/**
 * Service records in bulk for the queue benchmark: N tickets over the last three years, each with
 * its search words (ticket_terms) and one `created` timeline entry, spread over every house of a
 * demo archive, written straight into the tables with prepared multi-row INSERTs inside large
 * transactions (better-sqlite3 / a pg client of their own). Rows have the shape createTicket
 * writes: numbers per type and day, deadlines, a status that fits the record's age (recent ones
 * open, old ones closed), department and assignee, masked-reporter data from the customer's phone.
 */

// ---------------------------------------------------------------------------------------------
// What the records are about: category, type and descriptions, with a weight.

interface Topic {
  category: string;
  type: string;
  weight: number;
  urgency?: 'emergency' | 'special';
  texts: readonly string[];
}

const TOPICS: readonly Topic[] = [
  {
    category: 'WATER-LEAK',
    type: 'repair',
    weight: 14,
    texts: [
      '卫生间漏水，楼下天花板在滴水',
      '厨房水槽下面的管子漏水，柜子底板泡了',
      '阳台洗衣机水管接口漏水',
      '外墙渗水，卧室墙角发霉',
      '空调冷凝水管漏水，滴到楼下阳台',
      '楼上漏水，我家天花板有水渍',
    ],
  },
  {
    category: 'WATER-DRAIN',
    type: 'repair',
    weight: 9,
    texts: [
      '厨房下水道堵塞，水排不下去',
      '卫生间马桶堵了，冲水漫出来',
      '阳台地漏反水',
      '洗手盆下水很慢还有异味',
    ],
  },
  {
    category: 'WATER-TAP',
    type: 'repair',
    weight: 6,
    texts: ['水龙头关不紧一直滴水', '角阀坏了关不住水', '热水器进水阀滴水'],
  },
  {
    category: 'WATER-BURST',
    type: 'repair',
    weight: 1,
    urgency: 'emergency',
    texts: ['卫生间水管爆裂，水漫到客厅', '水表后面的阀门爆了，正在喷水'],
  },
  { category: 'POWER-OUT', type: 'repair', weight: 4, texts: ['家里跳闸，总闸合不上', '整层楼突然停电了'] },
  {
    category: 'POWER-SOCKET',
    type: 'repair',
    weight: 5,
    texts: ['厨房插座没电', '客厅吸顶灯不亮', '开关面板松动发热'],
  },
  {
    category: 'DOOR-LOCK',
    type: 'repair',
    weight: 4,
    texts: ['入户门锁芯坏了，钥匙转不动', '单元门禁刷卡没反应'],
  },
  {
    category: 'DOOR-WINDOW',
    type: 'repair',
    weight: 3,
    texts: ['窗户推拉很费劲，关不严', '纱窗破了想换新的'],
  },
  {
    category: 'LIFT-FAULT',
    type: 'repair',
    weight: 3,
    texts: ['电梯运行时有异响', '电梯门关不上，反复开合', '电梯按钮失灵'],
  },
  {
    category: 'LIGHT',
    type: 'repair',
    weight: 4,
    texts: ['楼道灯不亮，晚上看不见', '地下车库照明灯坏了好几盏', '单元门口路灯不亮'],
  },
  {
    category: 'NOISE',
    type: 'complaint',
    weight: 5,
    texts: ['楼上噪音扰民，半夜还在拖动家具', '隔壁装修电钻声早上七点就开始', '楼下商铺音响声音太大'],
  },
  { category: 'PARKING', type: 'complaint', weight: 3, texts: ['车位被外来车辆占用', '消防通道有车辆乱停'] },
  {
    category: 'CLEAN-GARBAGE',
    type: 'complaint',
    weight: 3,
    texts: ['垃圾桶没有及时清运，气味很大', '楼道里堆放装修垃圾没人清理'],
  },
  { category: 'CLEAN-PUBLIC', type: 'complaint', weight: 2, texts: ['电梯厅地面很脏', '楼梯扶手积灰很厚'] },
  { category: 'STAFF', type: 'complaint', weight: 1, texts: ['前台工作人员态度冷淡', '保安夜间巡逻不到位'] },
  {
    category: 'SAFETY-INCIDENT',
    type: 'complaint',
    weight: 1,
    texts: ['电动车在楼道充电，有火灾隐患', '小区里有陌生人挨家挨户推销'],
  },
  {
    category: 'FEE',
    type: 'inquiry',
    weight: 6,
    texts: ['物业费咨询：今年的收费标准是多少', '停车月卡怎么办理', '水电费账单有疑问'],
  },
  {
    category: 'INFO',
    type: 'inquiry',
    weight: 6,
    texts: ['请问停水检修的具体时间', '快递柜在哪里', '装修申请要准备什么材料'],
  },
  {
    category: 'GREEN',
    type: 'suggestion',
    weight: 3,
    texts: ['建议中心花园增加儿童游乐设施', '建议修剪挡住窗户的树枝'],
  },
  {
    category: 'STAFF',
    type: 'praise',
    weight: 3,
    texts: ['表扬保安热心帮忙搬东西', '表扬保洁阿姨楼道打扫得很干净', '表扬维修师傅认真负责'],
  },
  {
    category: 'OTHER',
    type: 'help',
    weight: 4,
    texts: ['老人行动不便，请帮忙把快递搬上楼', '忘带钥匙，请帮忙联系开锁'],
  },
  {
    category: 'OTHER',
    type: 'special_service',
    weight: 4,
    urgency: 'special',
    texts: ['预约家政保洁', '预约疏通下水道', '预约清洗油烟机'],
  },
  {
    category: 'OTHER',
    type: 'other',
    weight: 2,
    texts: ['小区流浪猫太多，晚上叫', '快递员把车停在单元门口'],
  },
];
const SUFFIXES = [
  '',
  '，麻烦尽快处理',
  '，已经两天了',
  '，请派师傅来看看',
  '，家里有老人',
  '，下午在家',
  '，急',
];
const CHANNELS: readonly [string, number][] = [
  ['phone', 45],
  ['wechat', 25],
  ['portal', 10],
  ['visit', 8],
  ['inspection', 4],
  ['household_visit', 3],
  ['email', 2],
  ['letter', 1],
  ['meeting', 1],
  ['internal', 1],
];
const PREFIX: Record<string, string> = {
  repair: 'BX',
  complaint: 'TS',
  inquiry: 'ZX',
  suggestion: 'JY',
  praise: 'BY',
  help: 'QZ',
  special_service: 'TY',
  other: 'QT',
};
const OPEN: readonly [string, number][] = [
  ['received', 15],
  ['dispatched', 30],
  ['accepted', 20],
  ['arrived', 5],
  ['in_progress', 20],
  ['on_hold', 10],
];
const RECENTLY_CLOSED: readonly [string, number][] = [
  ['completed', 30],
  ['confirmed', 50],
  ['visited', 10],
  ['cancelled', 10],
];
const LONG_CLOSED: readonly [string, number][] = [
  ['archived', 65],
  ['visited', 12],
  ['confirmed', 12],
  ['completed', 3],
  ['cancelled', 8],
];

/** How many changes a record has seen by the time it reaches a status (its version). */
const VERSION_AT: Record<string, number> = {
  received: 1,
  dispatched: 2,
  cancelled: 3,
  accepted: 3,
  arrived: 4,
  in_progress: 5,
  on_hold: 6,
  completed: 6,
  confirmed: 7,
  visited: 8,
  archived: 9,
};

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** What the server stores in next_due_at when no clock runs (so deadline queues read an index in order). */
const NO_DEADLINE = '9999-12-31T23:59:59.999Z';
/** Three years of records, the newest a minute ago. */
export const SPAN_MS = 3 * 365 * DAY;
/** Asia/Shanghai keeps no daylight saving: local time is UTC+8 all year. */
const SHANGHAI = 8 * HOUR;

// ---------------------------------------------------------------------------------------------
// Small tools

/** mulberry32, seeded: the same records on every run and engine. */
export function random(seed: number): () => number {
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function weighted<T>(items: readonly [T, number][], next: () => number): T {
  const total = items.reduce((sum, [, w]) => sum + w, 0);
  let pick = next() * total;
  for (const [item, w] of items) if ((pick -= w) < 0) return item;
  return items.at(-1)![0];
}

let pool = randomBytes(4096);
let offset = pool.length;
/** UUIDv7 for a given millisecond (as the server's ids: time-ordered, so keyset order is time order). */
export function uuid7(ms: number): string {
  if (offset + 16 > pool.length) [pool, offset] = [randomBytes(4096), 0];
  const b = Buffer.from(pool.subarray(offset, (offset += 16)));
  b.writeUIntBE(ms, 0, 6);
  b[6] = 0x70 | (b[6]! & 0x0f);
  b[8] = 0x80 | (b[8]! & 0x3f);
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

// ---------------------------------------------------------------------------------------------
// The organisation the records belong to, read once from the loaded demo.

export interface Estate {
  orgId: string;
  receivers: { id: string; name: string }[];
  houses: { id: string; projectId: string; buildingId: string; label: string; customers: string[] }[];
  firstPhone: Map<string, string>;
  categories: Map<string, { id: string; departmentId: string | null }>;
  /** People a department's records go to (engineering: the technicians; customer service: the butler). */
  assignees: Map<string, string[]>;
  counters: Map<string, number>;
}

export async function readEstate(database: Database): Promise<Estate> {
  const { db } = database;
  const users = await db
    .selectFrom('users')
    .select(['id', 'username', 'display_name', 'org_id'])
    .where('username', 'in', ['agent', 'butler', 'tech', 'tech2', 'tech3'])
    .execute();
  const user = (name: string) => users.find((u) => u.username === name)!;
  const orgId = user('agent').org_id;
  const houses = await db
    .selectFrom('houses')
    .select(['id', 'project_id', 'building_id', 'room_label'])
    .where('org_id', '=', orgId)
    .orderBy('id')
    .execute();
  const relations = await db
    .selectFrom('customer_houses')
    .select(['house_id', 'customer_id'])
    .where('org_id', '=', orgId)
    .where('until', 'is', null)
    .orderBy('id')
    .execute();
  const byHouse = new Map<string, string[]>();
  for (const r of relations) byHouse.set(r.house_id, [...(byHouse.get(r.house_id) ?? []), r.customer_id]);
  const phones = await db
    .selectFrom('customer_phones')
    .select(['customer_id', 'phone'])
    .where('org_id', '=', orgId)
    .where('position', '=', 0)
    .execute();
  const categories = await db
    .selectFrom('ticket_categories')
    .select(['id', 'code', 'department_id'])
    .where('org_id', '=', orgId)
    .execute();
  const departments = await db
    .selectFrom('departments')
    .select(['id', 'code'])
    .where('org_id', '=', orgId)
    .execute();
  const department = (code: string) => departments.find((d) => d.code === code)!.id;
  const counters = await db
    .selectFrom('counters')
    .select(['name', 'value'])
    .where('org_id', '=', orgId)
    .execute();
  return {
    orgId,
    receivers: [user('agent'), user('butler')].map((u) => ({ id: u.id, name: u.display_name })),
    houses: houses.map((h) => ({
      id: h.id,
      projectId: h.project_id,
      buildingId: h.building_id,
      label: h.room_label,
      customers: byHouse.get(h.id) ?? [],
    })),
    firstPhone: new Map(phones.map((p) => [p.customer_id, p.phone])),
    categories: new Map(categories.map((c) => [c.code, { id: c.id, departmentId: c.department_id }])),
    assignees: new Map([
      [department('ENG'), [user('tech').id, user('tech2').id, user('tech3').id]],
      [department('CS'), [user('butler').id]],
    ]),
    counters: new Map(counters.map((c) => [c.name, Number(c.value)])),
  };
}

// ---------------------------------------------------------------------------------------------
// The records

export type Row = Record<string, string | number | null>;
export interface Generated {
  ticket: Row;
  terms: readonly string[];
  event: Row;
}

/** The share of records that are questions or praise answered on the spot (never open). */
const ANSWERED =
  (0.6 *
    TOPICS.filter((t) => t.type === 'inquiry' || t.type === 'praise').reduce((sum, t) => sum + t.weight, 0)) /
  TOPICS.reduce((sum, t) => sum + t.weight, 0);

export interface GenerateOptions {
  /**
   * About this many of the records open (default: the desk's own mix — everything from the last
   * hour, half of the last day, a fifth of the two days before, 1 % of older records). More or fewer
   * older records are left stuck open to reach it; the recent ones keep their mix.
   */
  open?: number;
}

/** The i-th of n records, received in time order over SPAN_MS before `now`. */
export function* generate(
  estate: Estate,
  n: number,
  now: number,
  seed = 20261124,
  options: GenerateOptions = {},
): Generator<Generated> {
  const next = random(seed);
  const topics = TOPICS.map((t) => [t, t.weight] as [Topic, number]);
  const termsOf = new Map<string, readonly string[]>();
  const first = now - SPAN_MS;
  // Records per millisecond, the open ones expected among the last three days, and the share of
  // older records left open so that about `options.open` are.
  const rate = n / SPAN_MS;
  const recentOpen = rate * (HOUR + 0.5 * (DAY - HOUR) + 0.2 * 2 * DAY) * (1 - ANSWERED);
  const older = Math.max(1, n - rate * 3 * DAY);
  const stuckOpen =
    options.open === undefined
      ? 0.01
      : Math.min(1, Math.max(0, (options.open - recentOpen) / (older * (1 - ANSWERED))));
  for (let i = 0; i < n; i++) {
    const at = Math.floor(first + ((i + next()) * (SPAN_MS - MINUTE)) / n);
    const topic = weighted(topics, next);
    const description =
      topic.texts[Math.floor(next() * topic.texts.length)]! + SUFFIXES[Math.floor(next() * SUFFIXES.length)]!;
    let terms = termsOf.get(description);
    if (!terms) termsOf.set(description, (terms = searchTerms(description)));
    const channel = weighted(CHANNELS, next);
    const house = estate.houses[Math.floor(next() * estate.houses.length)]!;
    const category = estate.categories.get(topic.category)!;
    const urgency = topic.urgency ?? 'general';
    const staffFound = ['inspection', 'internal', 'household_visit'].includes(channel);
    const customer =
      !staffFound && house.customers.length && next() < 0.85
        ? house.customers[Math.floor(next() * house.customers.length)]!
        : null;
    const phone = customer
      ? (estate.firstPhone.get(customer) ?? null)
      : staffFound
        ? null
        : `13${String(Math.floor(next() * 1e9)).padStart(9, '0')}`;

    // Status by age: everything from the last hour is open, little from last month is.
    const age = now - at;
    const openChance = age < HOUR ? 1 : age < DAY ? 0.5 : age < 3 * DAY ? 0.2 : stuckOpen;
    const answered = (topic.type === 'inquiry' || topic.type === 'praise') && next() < 0.6;
    const status = answered
      ? age < 7 * DAY
        ? 'confirmed'
        : 'archived'
      : next() < openChance
        ? weighted(OPEN, next)
        : weighted(age < 7 * DAY ? RECENTLY_CLOSED : LONG_CLOSED, next);
    const dispatched = !answered && status !== 'received' && category.departmentId !== null;
    const people = (category.departmentId && estate.assignees.get(category.departmentId)) || [];
    const assignee =
      dispatched && people.length && next() < 0.9 ? people[Math.floor(next() * people.length)]! : null;

    const local = at + SHANGHAI;
    const day = new Date(local).toISOString().slice(0, 10).replaceAll('-', '');
    const counter = `ticket:${PREFIX[topic.type]}:${day}`;
    const seq = (estate.counters.get(counter) ?? 0) + 1;
    estate.counters.set(counter, seq);
    const emergency = urgency === 'emergency';
    const deadlines = {
      dispatch_by: at + (emergency ? 2 : 5) * MINUTE,
      accept_by: at + (emergency ? 5 * MINUTE : urgency === 'special' ? 2 * HOUR : 30 * MINUTE),
      arrive_by: urgency === 'special' ? null : at + (emergency ? 15 * MINUTE : 2 * HOUR),
      complete_by: at + (emergency ? 4 * HOUR : urgency === 'special' ? 72 * HOUR : 24 * HOUR),
      feedback_by: Math.floor(local / DAY) * DAY + DAY - SHANGHAI - 1000,
    };
    const running: Record<string, number | null> = {
      received: deadlines.dispatch_by,
      dispatched: deadlines.accept_by,
      accepted: deadlines.arrive_by ?? deadlines.complete_by,
      arrived: deadlines.complete_by,
      in_progress: deadlines.complete_by,
    };
    const reached = (s: readonly string[]) => !s.includes(status);
    const accepted = assignee !== null && reached(['received', 'dispatched', 'cancelled']);
    const done = ['completed', 'confirmed', 'visited', 'archived'].includes(status);
    const closed = done && status !== 'completed';
    const receiver = estate.receivers[next() < 0.9 ? 0 : 1]!;
    const id = uuid7(at);
    const spoken = channel === 'phone' || channel === 'visit';
    const ticket: Row = {
      id,
      org_id: estate.orgId,
      number: `${PREFIX[topic.type]}-${day}-${String(seq).padStart(4, '0')}`,
      type: topic.type,
      channel,
      urgency,
      status,
      category_id: category.id,
      project_id: house.projectId,
      building_id: house.buildingId,
      house_id: house.id,
      area_id: null,
      location: house.label,
      customer_id: customer,
      reporter_name: customer ? null : staffFound ? null : next() < 0.5 ? '王先生' : '李女士',
      reporter_phone: phone,
      description,
      department_id: dispatched ? category.departmentId : null,
      assignee_id: assignee,
      received_by: receiver.id,
      received_at: iso(at),
      promised_reply_at: iso(
        emergency
          ? at + 5 * MINUTE
          : spoken && (topic.type === 'repair' || topic.type === 'help')
            ? at + 10 * MINUTE
            : deadlines.feedback_by,
      ),
      dispatch_by: iso(deadlines.dispatch_by),
      accept_by: iso(deadlines.accept_by),
      arrive_by: iso(deadlines.arrive_by),
      complete_by: iso(deadlines.complete_by),
      feedback_by: iso(deadlines.feedback_by),
      next_due_at: running[status] ? iso(running[status]) : NO_DEADLINE,
      hold_reason: status === 'on_hold' ? 'parts' : null,
      held_from: status === 'on_hold' ? 'in_progress' : null,
      held_at: status === 'on_hold' ? iso(at + HOUR) : null,
      reopen_count: 0,
      escalation_level: 0,
      master_id: null,
      parent_incident_id: null,
      dispatched_at: dispatched ? iso(at + 3 * MINUTE) : null,
      accepted_at: accepted ? iso(at + 10 * MINUTE) : null,
      arrived_at: accepted && reached(['accepted']) ? iso(at + 40 * MINUTE) : null,
      completed_at: done ? iso(answered ? at : at + 3 * HOUR) : null,
      completion_note: done ? (answered ? '已当场答复' : '已处理完毕') : null,
      confirmation: closed
        ? JSON.stringify({
            method: answered ? 'on_spot' : 'phone',
            at: iso(at + DAY),
            rating: 5,
            comment: null,
            signatureAttachmentId: null,
          })
        : null,
      closed_at: closed || status === 'cancelled' ? iso(at + DAY) : null,
      created_at: iso(at),
      updated_at: iso(done || status === 'cancelled' ? at + DAY : at + 10 * MINUTE),
      version: VERSION_AT[status]!,
    };
    const event: Row = {
      id: uuid7(at),
      org_id: estate.orgId,
      ticket_id: id,
      kind: 'created',
      visibility: 'public',
      actor_kind: 'staff',
      actor_id: receiver.id,
      actor_name: receiver.name,
      body: null,
      data: JSON.stringify({ channel, promisedReplyAt: ticket.promised_reply_at }),
      created_at: iso(at),
    };
    yield { ticket, terms, event };
  }
}

// ---------------------------------------------------------------------------------------------
// Writers: one multi-row INSERT statement per table and batch size, prepared once.

export interface Writer {
  begin(): Promise<void>;
  commit(): Promise<void>;
  insert(table: string, columns: readonly string[], rows: readonly Row[]): Promise<void>;
  exec(statement: string): Promise<void>;
  close(): Promise<void>;
}

function insertSql(table: string, columns: readonly string[], rows: number, pgStyle: boolean): string {
  let n = 0;
  const tuple = () => `(${columns.map(() => (pgStyle ? `$${++n}` : '?')).join(',')})`;
  return `INSERT INTO ${table} (${columns.join(',')}) VALUES ${Array.from({ length: rows }, tuple).join(',')}`;
}

function flatten(columns: readonly string[], rows: readonly Row[]): (string | number | null)[] {
  const values: (string | number | null)[] = [];
  for (const row of rows) for (const c of columns) values.push(row[c] ?? null);
  return values;
}

/** A connection of its own to the SQLite file (foreign keys are per connection and off here). */
export function sqliteWriter(file: string): Writer {
  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  // A loader's settings, not the server's: a 1 GiB page cache keeps the growing indexes in
  // memory, and a crash mid-load only loses a benchmark database.
  db.pragma('cache_size = -1048576');
  db.pragma('synchronous = OFF');
  const statements = new Map<string, SQLite.Statement>();
  return {
    begin: async () => void db.exec('BEGIN'),
    commit: async () => void db.exec('COMMIT'),
    exec: async (statement) => void db.exec(statement),
    async insert(table, columns, rows) {
      const key = `${table}:${rows.length}`;
      let statement = statements.get(key);
      if (!statement)
        statements.set(key, (statement = db.prepare(insertSql(table, columns, rows.length, false))));
      statement.run(flatten(columns, rows));
    },
    close: async () => void db.close(),
  };
}

/**
 * A client of its own, with named (server-side prepared) statements. Foreign-key triggers are
 * skipped while loading when the role may (superuser): the rows point at rows that exist anyway.
 */
export async function postgresWriter(url: string): Promise<Writer> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('SET session_replication_role = replica').catch(() => undefined);
  const named = new Set<string>();
  return {
    begin: async () => void (await client.query('BEGIN')),
    commit: async () => void (await client.query('COMMIT')),
    exec: async (statement) => void (await client.query(statement)),
    async insert(table, columns, rows) {
      const name = `${table}_${rows.length}`;
      const text = named.has(name) ? '' : insertSql(table, columns, rows.length, true);
      named.add(name);
      await client.query({ name, text, values: flatten(columns, rows) });
    },
    close: () => client.end(),
  };
}

/** Rows per INSERT statement, within each engine's limit on bound values (SQLite 32 766, PostgreSQL 65 535). */
const PER_STATEMENT = { tickets: 200, ticket_terms: 2000, ticket_events: 500 } as const;
/** Records per transaction. */
const PER_TRANSACTION = 10_000;

export interface LoadResult {
  tickets: number;
  terms: number;
  events: number;
  /** Rows written for `LoadOptions.more`, per table. */
  more: Record<string, number>;
}

export interface LoadOptions extends GenerateOptions {
  /** Write each record's search words (default true; a benchmark that never searches may skip them). */
  terms?: boolean;
  /**
   * More rows of other tables for each record, written in the same transactions (multi-row INSERTs
   * within the engines' limits on bound values). It may amend the record's row first, as long as
   * every record keeps the same columns.
   */
  more?: (record: Generated) => Record<string, readonly Row[]>;
}

/** Writes n generated records, then the organisation's counters so later numbers continue. */
export async function load(
  writer: Writer,
  estate: Estate,
  n: number,
  now: number,
  engine: 'sqlite' | 'postgres',
  progress: (done: number) => void,
  options: LoadOptions = {},
): Promise<LoadResult> {
  const totals: LoadResult = { tickets: 0, terms: 0, events: 0, more: {} };
  const columns: Record<string, string[]> = { ticket_terms: ['org_id', 'term', 'ticket_id'] };
  const pending: Record<string, Row[]> = { tickets: [], ticket_terms: [], ticket_events: [] };
  const perStatement = (table: string) =>
    table in PER_STATEMENT
      ? PER_STATEMENT[table as keyof typeof PER_STATEMENT]
      : Math.max(1, Math.min(500, Math.floor(32_000 / columns[table]!.length)));
  const count = (table: string, rows: number) => {
    if (table === 'tickets') totals.tickets += rows;
    else if (table === 'ticket_terms') totals.terms += rows;
    else if (table === 'ticket_events') totals.events += rows;
    else totals.more[table] = (totals.more[table] ?? 0) + rows;
  };
  const flush = async (table: string, all: boolean) => {
    const size = perStatement(table);
    const rows = pending[table]!;
    let at = 0;
    for (; rows.length - at >= size || (all && at < rows.length); at += size) {
      const batch = rows.slice(at, at + size);
      await writer.insert(table, columns[table]!, batch);
      count(table, batch.length);
    }
    pending[table] = rows.slice(Math.min(at, rows.length));
  };
  const flushAll = async (all: boolean) => {
    for (const table of Object.keys(pending)) await flush(table, all);
  };
  let inTransaction = 0;
  await writer.begin();
  for (const record of generate(estate, n, now, undefined, options)) {
    const more = options.more?.(record) ?? {};
    const { ticket, terms, event } = record;
    columns.tickets ??= Object.keys(ticket);
    columns.ticket_events ??= Object.keys(event);
    pending.tickets!.push(ticket);
    if (options.terms !== false)
      for (const term of terms)
        pending.ticket_terms!.push({ org_id: estate.orgId, term, ticket_id: ticket.id! });
    pending.ticket_events!.push(event);
    for (const [table, rows] of Object.entries(more)) {
      if (!rows.length) continue;
      columns[table] ??= Object.keys(rows[0]!);
      (pending[table] ??= []).push(...rows);
    }
    // Records first: the rows of other tables point at them.
    if (pending.tickets!.length >= PER_STATEMENT.tickets) await flushAll(false);
    if (++inTransaction === PER_TRANSACTION) {
      await flushAll(true);
      await writer.commit();
      progress(totals.tickets);
      await writer.begin();
      inTransaction = 0;
    }
  }
  await flushAll(true);
  const greatest = engine === 'postgres' ? 'greatest' : 'max';
  for (const [name, value] of estate.counters)
    await writer.exec(
      `INSERT INTO counters (org_id, name, value) VALUES ('${estate.orgId}', '${name}', ${value})
       ON CONFLICT (org_id, name) DO UPDATE SET value = ${greatest}(counters.value, excluded.value)`,
    );
  await writer.commit();
  progress(totals.tickets);
  return totals;
}
