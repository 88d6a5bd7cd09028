import type {
  Area,
  AreaListQuery,
  Building,
  BuildingList,
  CreateAreaBody,
  CreateBuildingBody,
  CreateHouseBody,
  CreateProjectBody,
  CreateUnitBody,
  House,
  HouseListQuery,
  PageOf,
  Project,
  ProjectListQuery,
  ProjectTree,
  Unit,
  UpdateAreaBody,
  UpdateBuildingBody,
  UpdateHouseBody,
  UpdateProjectBody,
  UpdateUnitBody,
} from '@steward/contracts';
import { api } from './client.ts';

export const listProjects = (query: ProjectListQuery) =>
  api.get<PageOf<Project>>('/api/v1/projects', { ...query });

/** Every project in the caller's scope, following the cursor to the end (for pickers and name look-ups). */
export async function listAllProjects(): Promise<Project[]> {
  const all: Project[] = [];
  let cursor: string | undefined;
  do {
    const page = await listProjects({ limit: 200, cursor });
    all.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return all;
}

export const createProject = (body: CreateProjectBody) => api.post<Project>('/api/v1/projects', body);

export const listBuildings = async (projectId: string): Promise<Building[]> =>
  (await api.get<BuildingList>(`/api/v1/projects/${projectId}/buildings`)).items;

export const createBuilding = (projectId: string, body: CreateBuildingBody) =>
  api.post<Building>(`/api/v1/projects/${projectId}/buildings`, body);

export const getProject = (id: string) => api.get<Project>(`/api/v1/projects/${id}`);

export const updateProject = (id: string, body: UpdateProjectBody) =>
  api.patch<Project>(`/api/v1/projects/${id}`, body);

export const getProjectTree = (projectId: string) =>
  api.get<ProjectTree>(`/api/v1/projects/${projectId}/tree`);

export const updateBuilding = (id: string, body: UpdateBuildingBody) =>
  api.patch<Building>(`/api/v1/buildings/${id}`, body);

export const createUnit = (buildingId: string, body: CreateUnitBody) =>
  api.post<Unit>(`/api/v1/buildings/${buildingId}/units`, body);

export const updateUnit = (id: string, body: UpdateUnitBody) => api.patch<Unit>(`/api/v1/units/${id}`, body);

export const listHouses = (query: HouseListQuery) => api.get<PageOf<House>>('/api/v1/houses', { ...query });

export const getHouse = (id: string) => api.get<House>(`/api/v1/houses/${id}`);

export const createHouse = (body: CreateHouseBody) => api.post<House>('/api/v1/houses', body);

export const updateHouse = (id: string, body: UpdateHouseBody) =>
  api.patch<House>(`/api/v1/houses/${id}`, body);

export const listAreas = (query: AreaListQuery) => api.get<PageOf<Area>>('/api/v1/areas', { ...query });

export const createArea = (body: CreateAreaBody) => api.post<Area>('/api/v1/areas', body);

export const updateArea = (id: string, body: UpdateAreaBody) => api.patch<Area>(`/api/v1/areas/${id}`, body);
