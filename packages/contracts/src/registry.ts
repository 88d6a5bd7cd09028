import { Type, type Static } from 'typebox';
import {
  AREA_CATEGORIES,
  AREA_KINDS,
  HOUSE_STATES,
  HOUSE_USES,
  PROJECT_TYPES,
  RELATION_ROLES,
} from './archive-codes.ts';
import { Enum, Id, Nullable, PageQuery, Timestamp, Version } from './common.ts';

/** Codes typed by people (project, building, unit, area codes): letters, digits, - and _. */
export const RegistryCode = Type.String({
  minLength: 1,
  maxLength: 32,
  pattern: '^[A-Za-z0-9\\u4e00-\\u9fa5][A-Za-z0-9_\\-\\u4e00-\\u9fa5]*$',
});
const Name = Type.String({ minLength: 1, maxLength: 100 });

export const UpdateProjectBody = Type.Object(
  {
    name: Type.Optional(Name),
    type: Type.Optional(Enum(PROJECT_TYPES)),
    address: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateProjectBody = Static<typeof UpdateProjectBody>;

export const UpdateBuildingBody = Type.Object({ name: Name }, { additionalProperties: false });
export type UpdateBuildingBody = Static<typeof UpdateBuildingBody>;

export const Unit = Type.Object({
  id: Id,
  projectId: Id,
  buildingId: Id,
  code: Type.String(),
  name: Type.String(),
  houseCount: Type.Integer(),
  createdAt: Timestamp,
});
export type Unit = Static<typeof Unit>;

export const CreateUnitBody = Type.Object(
  { code: RegistryCode, name: Type.Optional(Name) },
  { additionalProperties: false },
);
export type CreateUnitBody = Static<typeof CreateUnitBody>;

export const UpdateUnitBody = Type.Object({ name: Name }, { additionalProperties: false });
export type UpdateUnitBody = Static<typeof UpdateUnitBody>;

/** A building in the console tree, with its units and the counts shown beside each node. */
export const TreeBuilding = Type.Object({
  id: Id,
  code: Type.String(),
  name: Type.String(),
  houseCount: Type.Integer(),
  customerCount: Type.Integer(),
  areaCount: Type.Integer(),
  units: Type.Array(Unit),
  /** Houses of the building that belong to no unit (shops, parking). */
  housesWithoutUnit: Type.Integer(),
});
export type TreeBuilding = Static<typeof TreeBuilding>;

export const ProjectTree = Type.Object({
  projectId: Id,
  houseCount: Type.Integer(),
  customerCount: Type.Integer(),
  /** Public areas and facilities of the project itself (not of one building). */
  areaCount: Type.Integer(),
  buildings: Type.Array(TreeBuilding),
});
export type ProjectTree = Static<typeof ProjectTree>;

/** Area in m² with at most two decimals, e.g. 89.56. */
export const AreaSqm = Type.Number({ minimum: 0, maximum: 1_000_000, multipleOf: 0.01 });

export const HouseOccupant = Type.Object({
  relationId: Id,
  customerId: Id,
  name: Type.String(),
  role: Enum(RELATION_ROLES),
  phone: Nullable(Type.String({ description: 'masked' })),
});
export type HouseOccupant = Static<typeof HouseOccupant>;

export const House = Type.Object({
  id: Id,
  projectId: Id,
  projectName: Type.String(),
  buildingId: Id,
  buildingName: Type.String(),
  unitId: Nullable(Id),
  unitName: Nullable(Type.String()),
  roomNo: Type.String(),
  roomLabel: Type.String({ description: 'building-unit-room, e.g. 3-2-1502' }),
  floor: Nullable(Type.Integer()),
  area: Nullable(Type.Number({ description: 'building area, m²' })),
  use: Enum(HOUSE_USES),
  state: Enum(HOUSE_STATES),
  occupants: Type.Array(HouseOccupant),
  version: Type.Integer(),
  updatedAt: Timestamp,
});
export type House = Static<typeof House>;

export const HouseListQuery = Type.Object({
  projectId: Type.Optional(Id),
  buildingId: Type.Optional(Id),
  unitId: Type.Optional(Id),
  use: Type.Optional(Enum(HOUSE_USES)),
  state: Type.Optional(Enum(HOUSE_STATES)),
  q: Type.Optional(Type.String({ maxLength: 50, description: 'room label (3-2-1502) or room number' })),
  ...PageQuery,
});
export type HouseListQuery = Static<typeof HouseListQuery>;

export const CreateHouseBody = Type.Object(
  {
    buildingId: Id,
    unitId: Type.Optional(Nullable(Id)),
    roomNo: RegistryCode,
    floor: Type.Optional(Nullable(Type.Integer({ minimum: -10, maximum: 200 }))),
    area: Type.Optional(Nullable(AreaSqm)),
    use: Enum(HOUSE_USES),
    state: Enum(HOUSE_STATES),
  },
  { additionalProperties: false },
);
export type CreateHouseBody = Static<typeof CreateHouseBody>;

export const UpdateHouseBody = Type.Object(
  {
    version: Version,
    floor: Type.Optional(Nullable(Type.Integer({ minimum: -10, maximum: 200 }))),
    area: Type.Optional(Nullable(AreaSqm)),
    use: Type.Optional(Enum(HOUSE_USES)),
    state: Type.Optional(Enum(HOUSE_STATES)),
  },
  { additionalProperties: false },
);
export type UpdateHouseBody = Static<typeof UpdateHouseBody>;

export const Area = Type.Object({
  id: Id,
  projectId: Id,
  buildingId: Nullable(Id),
  kind: Enum(AREA_KINDS),
  category: Enum(AREA_CATEGORIES),
  code: Type.String(),
  name: Type.String(),
  location: Nullable(Type.String()),
  updatedAt: Timestamp,
});
export type Area = Static<typeof Area>;

export const AreaListQuery = Type.Object({
  projectId: Type.Optional(Id),
  buildingId: Type.Optional(Id),
  kind: Type.Optional(Enum(AREA_KINDS)),
  q: Type.Optional(Type.String({ maxLength: 50 })),
  ...PageQuery,
});
export type AreaListQuery = Static<typeof AreaListQuery>;

export const CreateAreaBody = Type.Object(
  {
    projectId: Id,
    buildingId: Type.Optional(Nullable(Id)),
    kind: Enum(AREA_KINDS),
    category: Enum(AREA_CATEGORIES),
    code: RegistryCode,
    name: Name,
    location: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  },
  { additionalProperties: false },
);
export type CreateAreaBody = Static<typeof CreateAreaBody>;

export const UpdateAreaBody = Type.Object(
  {
    category: Type.Optional(Enum(AREA_CATEGORIES)),
    name: Type.Optional(Name),
    location: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateAreaBody = Static<typeof UpdateAreaBody>;
