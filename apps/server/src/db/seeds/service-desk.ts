import { sql, type Kysely } from 'kysely';
import type { DepartmentKind, Skill, Urgency } from '@steward/contracts/catalogues';
import { newId } from '../../platform/ids.ts';

/**
 * What a new organisation starts with at the service desk: the usual departments of a property
 * company, a category tree (服务类别) with each category's department and trade, and a price list of
 * common paid services (有偿服务收费标准, fen). All of it is editable in the console.
 */
interface SeedCategory {
  code: string;
  name: string;
  nameEn: string;
  department: string;
  skill?: Skill;
  urgency?: Urgency;
  children?: SeedCategory[];
}

export const DEFAULT_DEPARTMENTS: readonly { code: string; name: string; kind: DepartmentKind }[] = [
  { code: 'CS', name: '客服部', kind: 'customer_service' },
  { code: 'ENG', name: '工程部', kind: 'engineering' },
  { code: 'SEC', name: '安管部', kind: 'security' },
  { code: 'CLN', name: '保洁部', kind: 'cleaning' },
  { code: 'GRN', name: '绿化部', kind: 'greening' },
  { code: 'FIN', name: '财务部', kind: 'finance' },
];

export const DEFAULT_CATEGORIES: readonly SeedCategory[] = [
  {
    code: 'WATER',
    name: '水电',
    nameEn: 'Water and power',
    department: 'ENG',
    skill: 'plumbing',
    children: [
      {
        code: 'WATER-BURST',
        name: '水管爆裂/跑水',
        nameEn: 'Burst pipe / flooding',
        department: 'ENG',
        skill: 'plumbing',
        urgency: 'emergency',
      },
      {
        code: 'WATER-LEAK',
        name: '漏水渗水',
        nameEn: 'Leak / seepage',
        department: 'ENG',
        skill: 'plumbing',
      },
      {
        code: 'WATER-DRAIN',
        name: '下水道堵塞',
        nameEn: 'Blocked drain',
        department: 'ENG',
        skill: 'plumbing',
      },
      { code: 'WATER-TAP', name: '水龙头/阀门', nameEn: 'Tap / valve', department: 'ENG', skill: 'plumbing' },
      {
        code: 'POWER-OUT',
        name: '停电/跳闸',
        nameEn: 'Power cut / tripped switch',
        department: 'ENG',
        skill: 'electrical',
      },
      {
        code: 'POWER-SOCKET',
        name: '插座/开关/灯具',
        nameEn: 'Socket / switch / lamp',
        department: 'ENG',
        skill: 'electrical',
      },
    ],
  },
  {
    code: 'DOOR',
    name: '门窗',
    nameEn: 'Doors and windows',
    department: 'ENG',
    skill: 'carpentry',
    children: [
      {
        code: 'DOOR-LOCK',
        name: '门锁/门禁',
        nameEn: 'Lock / access control',
        department: 'ENG',
        skill: 'locks',
      },
      {
        code: 'DOOR-WINDOW',
        name: '窗户/纱窗',
        nameEn: 'Window / screen',
        department: 'ENG',
        skill: 'carpentry',
      },
    ],
  },
  {
    code: 'LIFT',
    name: '电梯',
    nameEn: 'Elevators',
    department: 'ENG',
    skill: 'elevator',
    children: [
      {
        code: 'LIFT-TRAPPED',
        name: '电梯困人',
        nameEn: 'People trapped in a lift',
        department: 'ENG',
        skill: 'elevator',
        urgency: 'emergency',
      },
      {
        code: 'LIFT-FAULT',
        name: '电梯故障',
        nameEn: 'Elevator fault',
        department: 'ENG',
        skill: 'elevator',
      },
    ],
  },
  { code: 'LIGHT', name: '公共照明', nameEn: 'Public lighting', department: 'ENG', skill: 'electrical' },
  {
    code: 'CLEAN',
    name: '保洁',
    nameEn: 'Cleaning',
    department: 'CLN',
    skill: 'cleaning',
    children: [
      {
        code: 'CLEAN-PUBLIC',
        name: '公共区域清洁',
        nameEn: 'Common-area cleaning',
        department: 'CLN',
        skill: 'cleaning',
      },
      {
        code: 'CLEAN-GARBAGE',
        name: '垃圾清运',
        nameEn: 'Rubbish removal',
        department: 'CLN',
        skill: 'cleaning',
      },
    ],
  },
  { code: 'GREEN', name: '绿化', nameEn: 'Landscaping', department: 'GRN', skill: 'greening' },
  {
    code: 'SAFETY',
    name: '安全',
    nameEn: 'Safety and security',
    department: 'SEC',
    skill: 'security',
    children: [
      {
        code: 'SAFETY-FIRE',
        name: '火警/烟雾',
        nameEn: 'Fire / smoke',
        department: 'SEC',
        skill: 'security',
        urgency: 'emergency',
      },
      {
        code: 'SAFETY-GAS',
        name: '燃气泄漏',
        nameEn: 'Gas leak',
        department: 'SEC',
        skill: 'security',
        urgency: 'emergency',
      },
      {
        code: 'SAFETY-ACCESS',
        name: '门岗/出入管理',
        nameEn: 'Gate and access',
        department: 'SEC',
        skill: 'security',
      },
      {
        code: 'SAFETY-INCIDENT',
        name: '治安事件',
        nameEn: 'Security incident',
        department: 'SEC',
        skill: 'security',
      },
    ],
  },
  { code: 'NOISE', name: '噪音', nameEn: 'Noise', department: 'CS', skill: 'customer_service' },
  { code: 'PARKING', name: '停车', nameEn: 'Parking', department: 'SEC', skill: 'security' },
  { code: 'FEE', name: '费用', nameEn: 'Fees', department: 'FIN', skill: 'finance' },
  { code: 'DECOR', name: '装修', nameEn: 'Decoration', department: 'CS', skill: 'customer_service' },
  { code: 'STAFF', name: '服务态度', nameEn: 'Staff conduct', department: 'CS', skill: 'customer_service' },
  { code: 'INFO', name: '咨询事项', nameEn: 'Information', department: 'CS', skill: 'customer_service' },
  { code: 'OTHER', name: '其他', nameEn: 'Other', department: 'CS' },
];

export const DEFAULT_PRICE_ITEMS: readonly {
  code: string;
  name: string;
  unit: string;
  priceFen: number;
  category?: string;
}[] = [
  { code: 'PS-TAP', name: '更换水龙头（不含材料）', unit: '次', priceFen: 3000, category: 'WATER-TAP' },
  { code: 'PS-DRAIN', name: '疏通下水道', unit: '次', priceFen: 8000, category: 'WATER-DRAIN' },
  { code: 'PS-PIPE', name: '更换水管', unit: '米', priceFen: 3000, category: 'WATER-LEAK' },
  { code: 'PS-SOCKET', name: '更换插座/开关', unit: '个', priceFen: 2000, category: 'POWER-SOCKET' },
  { code: 'PS-LAMP', name: '更换灯具', unit: '个', priceFen: 2000, category: 'POWER-SOCKET' },
  { code: 'PS-LOCK', name: '更换门锁（不含锁具）', unit: '次', priceFen: 5000, category: 'DOOR-LOCK' },
  { code: 'PS-LABOR', name: '维修人工费', unit: '小时', priceFen: 5000 },
  { code: 'PS-HOMECLEAN', name: '家政保洁', unit: '小时', priceFen: 4000 },
];

/** Inserts the defaults for one organisation (its setup, or the migration for existing ones). */
export async function seedServiceDesk(db: Kysely<unknown>, orgId: string, now: string): Promise<void> {
  const departments = new Map<string, string>();
  for (const d of DEFAULT_DEPARTMENTS) {
    const id = newId();
    departments.set(d.code, id);
    await sql`INSERT INTO departments (id, org_id, code, name, kind, active, created_at)
      VALUES (${id}, ${orgId}, ${d.code}, ${d.name}, ${d.kind}, 1, ${now})`.execute(db);
  }
  const categories = new Map<string, string>();
  const insert = async (c: SeedCategory, parentId: string | null, order: number): Promise<void> => {
    const id = newId();
    categories.set(c.code, id);
    await sql`INSERT INTO ticket_categories
      (id, org_id, parent_id, code, name, name_en, department_id, skill, default_urgency, active, sort_order, created_at, updated_at)
      VALUES (${id}, ${orgId}, ${parentId}, ${c.code}, ${c.name}, ${c.nameEn}, ${departments.get(c.department) ?? null},
        ${c.skill ?? null}, ${c.urgency ?? 'general'}, 1, ${order}, ${now}, ${now})`.execute(db);
    let childOrder = 0;
    for (const child of c.children ?? []) await insert(child, id, (childOrder += 10));
  };
  let order = 0;
  for (const c of DEFAULT_CATEGORIES) await insert(c, null, (order += 10));
  for (const p of DEFAULT_PRICE_ITEMS)
    await sql`INSERT INTO price_items (id, org_id, code, name, unit, price_fen, category_id, active, created_at, updated_at)
      VALUES (${newId()}, ${orgId}, ${p.code}, ${p.name}, ${p.unit}, ${p.priceFen},
        ${p.category ? (categories.get(p.category) ?? null) : null}, 1, ${now}, ${now})`.execute(db);
}
