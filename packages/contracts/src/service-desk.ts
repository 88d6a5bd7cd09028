import { Type, type Static } from 'typebox';
import { Enum, Id, Nullable, Timestamp } from './common.ts';
import { BUILDING_DUTIES, DEPARTMENT_KINDS, SKILLS, URGENCIES } from './ticket-codes.ts';

/**
 * The service desk's configuration: departments and their people, the category tree, building
 * duties, the duty roster and the price list of paid services (有偿服务收费标准).
 */
const Name = Type.String({ minLength: 1, maxLength: 50 });
const Code = Type.String({ minLength: 1, maxLength: 32, pattern: '^[A-Za-z0-9][A-Za-z0-9_\\-]*$' });

/* ------------------------------------------------------------------ departments */

export const Department = Type.Object({
  id: Id,
  code: Type.String(),
  name: Type.String(),
  kind: Enum(DEPARTMENT_KINDS),
  active: Type.Boolean(),
  memberCount: Type.Integer(),
});
export type Department = Static<typeof Department>;

export const DepartmentList = Type.Object({ items: Type.Array(Department) });
export type DepartmentList = Static<typeof DepartmentList>;

export const CreateDepartmentBody = Type.Object(
  { code: Code, name: Name, kind: Enum(DEPARTMENT_KINDS) },
  { additionalProperties: false },
);
export type CreateDepartmentBody = Static<typeof CreateDepartmentBody>;

export const UpdateDepartmentBody = Type.Object(
  {
    name: Type.Optional(Name),
    kind: Type.Optional(Enum(DEPARTMENT_KINDS)),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateDepartmentBody = Static<typeof UpdateDepartmentBody>;

/* ------------------------------------------------------------------ staff profiles */

export const BuildingDutyRef = Type.Object({
  buildingId: Id,
  buildingName: Type.String(),
  projectId: Id,
  duty: Enum(BUILDING_DUTIES),
});

/** A staff member as dispatch sees them: department, skills, buildings looked after. */
export const StaffProfile = Type.Object({
  userId: Id,
  name: Type.String(),
  username: Type.String(),
  departmentId: Nullable(Id),
  skills: Type.Array(Enum(SKILLS)),
  duties: Type.Array(BuildingDutyRef),
  openLoad: Type.Integer(),
  onDutyNow: Type.Boolean(),
});
export type StaffProfile = Static<typeof StaffProfile>;

export const StaffList = Type.Object({ items: Type.Array(StaffProfile) });
export type StaffList = Static<typeof StaffList>;

export const StaffListQuery = Type.Object({ departmentId: Type.Optional(Id) });
export type StaffListQuery = Static<typeof StaffListQuery>;

export const UpdateStaffBody = Type.Object(
  {
    departmentId: Nullable(Id),
    skills: Type.Array(Enum(SKILLS), { maxItems: SKILLS.length, uniqueItems: true }),
    duties: Type.Array(
      Type.Object({ buildingId: Id, duty: Enum(BUILDING_DUTIES) }, { additionalProperties: false }),
      { maxItems: 200 },
    ),
  },
  { additionalProperties: false },
);
export type UpdateStaffBody = Static<typeof UpdateStaffBody>;

/* ------------------------------------------------------------------ duty roster */

export const DutyShift = Type.Object({
  id: Id,
  userId: Id,
  userName: Type.String(),
  departmentId: Nullable(Id),
  startsAt: Timestamp,
  endsAt: Timestamp,
});
export type DutyShift = Static<typeof DutyShift>;

export const DutyShiftList = Type.Object({ items: Type.Array(DutyShift) });
export type DutyShiftList = Static<typeof DutyShiftList>;

export const DutyShiftQuery = Type.Object({
  from: Timestamp,
  to: Timestamp,
  departmentId: Type.Optional(Id),
});
export type DutyShiftQuery = Static<typeof DutyShiftQuery>;

export const CreateDutyShiftBody = Type.Object(
  { userId: Id, startsAt: Timestamp, endsAt: Timestamp },
  { additionalProperties: false },
);
export type CreateDutyShiftBody = Static<typeof CreateDutyShiftBody>;

/* ------------------------------------------------------------------ categories */

export const Category = Type.Object({
  id: Id,
  parentId: Nullable(Id),
  code: Type.String(),
  name: Type.String(),
  nameEn: Nullable(Type.String()),
  /** The department records of this category go to (inherited from the parent when null). */
  departmentId: Nullable(Id),
  skill: Nullable(Enum(SKILLS)),
  /** Urgency an intake of this category starts with (电梯困人 → emergency). */
  defaultUrgency: Enum(URGENCIES),
  active: Type.Boolean(),
  sortOrder: Type.Integer(),
});
export type Category = Static<typeof Category>;

export const CategoryList = Type.Object({ items: Type.Array(Category) });
export type CategoryList = Static<typeof CategoryList>;

export const CreateCategoryBody = Type.Object(
  {
    parentId: Type.Optional(Nullable(Id)),
    code: Code,
    name: Name,
    nameEn: Type.Optional(Nullable(Name)),
    departmentId: Type.Optional(Nullable(Id)),
    skill: Type.Optional(Nullable(Enum(SKILLS))),
    defaultUrgency: Type.Optional(Enum(URGENCIES)),
    sortOrder: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000 })),
  },
  { additionalProperties: false },
);
export type CreateCategoryBody = Static<typeof CreateCategoryBody>;

export const UpdateCategoryBody = Type.Object(
  {
    /** Moves the category under another parent (null: to the top level); a cycle is refused. */
    parentId: Type.Optional(Nullable(Id)),
    name: Type.Optional(Name),
    nameEn: Type.Optional(Nullable(Name)),
    departmentId: Type.Optional(Nullable(Id)),
    skill: Type.Optional(Nullable(Enum(SKILLS))),
    defaultUrgency: Type.Optional(Enum(URGENCIES)),
    sortOrder: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000 })),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateCategoryBody = Static<typeof UpdateCategoryBody>;

/* ------------------------------------------------------------------ price list */

/** Money: integer fen. */
export const Fen = Type.Integer({ minimum: 0, maximum: 100_000_000 });

export const PriceItem = Type.Object({
  id: Id,
  code: Type.String(),
  name: Type.String(),
  unit: Type.String({ description: '次, 个, 米, 小时 …' }),
  priceFen: Type.Integer(),
  categoryId: Nullable(Id),
  active: Type.Boolean(),
});
export type PriceItem = Static<typeof PriceItem>;

export const PriceItemList = Type.Object({ items: Type.Array(PriceItem) });
export type PriceItemList = Static<typeof PriceItemList>;

export const CreatePriceItemBody = Type.Object(
  {
    code: Code,
    name: Name,
    unit: Type.String({ minLength: 1, maxLength: 10 }),
    priceFen: Fen,
    categoryId: Type.Optional(Nullable(Id)),
  },
  { additionalProperties: false },
);
export type CreatePriceItemBody = Static<typeof CreatePriceItemBody>;

export const UpdatePriceItemBody = Type.Object(
  {
    name: Type.Optional(Name),
    unit: Type.Optional(Type.String({ minLength: 1, maxLength: 10 })),
    priceFen: Type.Optional(Fen),
    categoryId: Type.Optional(Nullable(Id)),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdatePriceItemBody = Static<typeof UpdatePriceItemBody>;
