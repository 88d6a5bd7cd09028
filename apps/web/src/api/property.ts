import type {
  Building,
  BuildingList,
  CreateBuildingBody,
  CreateProjectBody,
  PageOf,
  Project,
  ProjectListQuery,
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
