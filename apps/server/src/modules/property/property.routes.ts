import {
  Building,
  BuildingList,
  CreateBuildingBody,
  CreateProjectBody,
  IdParams,
  Page,
  Project,
  ProjectListQuery,
} from '@steward/contracts';
import { actorOf, idempotencyOf } from '../../platform/http.ts';
import { errorResponses, type App } from '../../platform/routes.ts';
import * as service from './property.service.ts';

export async function propertyRoutes(app: App, deps: service.PropertyDeps): Promise<void> {
  const tags = ['property'];

  app.get('/api/v1/projects', {
    config: { access: { permission: 'projects.read' } },
    schema: {
      tags,
      summary: 'Projects in the caller’s scope',
      querystring: ProjectListQuery,
      response: { 200: Page(Project), ...errorResponses },
    },
    handler: (request) => service.listProjects(deps, actorOf(request), request.query),
  });

  app.post('/api/v1/projects', {
    config: { access: { permission: 'projects.manage' } },
    schema: {
      tags,
      summary: 'Create a project (小区)',
      body: CreateProjectBody,
      response: { 201: Project, ...errorResponses },
    },
    handler: async (request, reply) => {
      const project = await service.createProject(
        deps,
        actorOf(request),
        request.body,
        idempotencyOf(request),
      );
      return reply.status(201).send(project);
    },
  });

  app.get('/api/v1/projects/:id', {
    config: { access: { permission: 'projects.read' } },
    schema: { tags, summary: 'One project', params: IdParams, response: { 200: Project, ...errorResponses } },
    handler: (request) => service.getProject(deps, actorOf(request), request.params.id),
  });

  app.get('/api/v1/projects/:id/buildings', {
    config: { access: { permission: 'projects.read' } },
    schema: {
      tags,
      summary: 'Buildings of a project within the caller’s scope',
      params: IdParams,
      response: { 200: BuildingList, ...errorResponses },
    },
    handler: async (request) => ({
      items: await service.listBuildings(deps, actorOf(request), request.params.id),
    }),
  });

  app.post('/api/v1/projects/:id/buildings', {
    config: { access: { permission: 'projects.manage' } },
    schema: {
      tags,
      summary: 'Add a building (楼栋)',
      params: IdParams,
      body: CreateBuildingBody,
      response: { 201: Building, ...errorResponses },
    },
    handler: async (request, reply) => {
      const building = await service.createBuilding(
        deps,
        actorOf(request),
        request.params.id,
        request.body,
        idempotencyOf(request),
      );
      return reply.status(201).send(building);
    },
  });
}
