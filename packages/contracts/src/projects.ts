import { Type, type Static } from 'typebox';
import { Id, Nullable, PageQuery, Timestamp } from './common.ts';

export const ProjectType = Type.Union([
  Type.Literal('residential'),
  Type.Literal('commercial'),
  Type.Literal('office'),
  Type.Literal('institution'),
]);
export type ProjectType = Static<typeof ProjectType>;

export const Project = Type.Object({
  id: Id,
  code: Type.String(),
  name: Type.String(),
  type: ProjectType,
  address: Nullable(Type.String()),
  buildingCount: Type.Integer(),
  createdAt: Timestamp,
});
export type Project = Static<typeof Project>;

export const ProjectListQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100 })),
  ...PageQuery,
});
export type ProjectListQuery = Static<typeof ProjectListQuery>;

const Code = Type.String({ minLength: 1, maxLength: 32, pattern: '^[A-Za-z0-9][A-Za-z0-9_-]*$' });

export const CreateProjectBody = Type.Object(
  {
    code: Code,
    name: Type.String({ minLength: 1, maxLength: 100 }),
    type: ProjectType,
    address: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  },
  { additionalProperties: false },
);
export type CreateProjectBody = Static<typeof CreateProjectBody>;

export const Building = Type.Object({
  id: Id,
  projectId: Id,
  code: Type.String(),
  name: Type.String(),
  createdAt: Timestamp,
});
export type Building = Static<typeof Building>;

export const BuildingList = Type.Object({ items: Type.Array(Building) });
export type BuildingList = Static<typeof BuildingList>;

export const CreateBuildingBody = Type.Object(
  { code: Code, name: Type.String({ minLength: 1, maxLength: 100 }) },
  { additionalProperties: false },
);
export type CreateBuildingBody = Static<typeof CreateBuildingBody>;
