import {
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
  IdParams,
  Page,
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
import { actorOf, idempotencyOf, type Reach } from '../../platform/http.ts';
import { errorResponses, type App } from '../../platform/routes.ts';
import * as service from './property.service.ts';
import * as registry from './registry.service.ts';

/**
 * The project itself, and areas of the whole project, are changed only by someone holding the
 * whole project: a caller limited to some of its buildings gets 403 PROJECT_SCOPE_REQUIRED (not the
 * permission gate's FORBIDDEN: they hold the permission).
 */
const wholeProject: Reach = {
  kind: 'scope',
  partialScope: { status: 403, code: 'PROJECT_SCOPE_REQUIRED' },
  because: 'the project and its project-wide areas belong to whoever holds every building of it',
};

export async function propertyRoutes(app: App, deps: service.PropertyDeps): Promise<void> {
  const tags = ['property'];

  app.get('/api/v1/projects', {
    config: { access: { permission: 'projects.read' }, reach: 'scope' },
    schema: {
      tags,
      summary: 'Projects in the caller’s scope',
      querystring: ProjectListQuery,
      response: { 200: Page(Project), ...errorResponses },
    },
    handler: (request) => service.listProjects(deps, actorOf(request), request.query),
  });

  app.post('/api/v1/projects', {
    config: { access: { permission: 'projects.manage' }, reach: 'org' },
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
    config: { access: { permission: 'projects.read' }, reach: 'scope' },
    schema: { tags, summary: 'One project', params: IdParams, response: { 200: Project, ...errorResponses } },
    handler: (request) => service.getProject(deps, actorOf(request), request.params.id),
  });

  app.get('/api/v1/projects/:id/buildings', {
    config: { access: { permission: 'projects.read' }, reach: 'scope' },
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
    config: { access: { permission: 'projects.manage' }, reach: wholeProject },
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

  app.patch('/api/v1/projects/:id', {
    config: { access: { permission: 'projects.manage' }, reach: wholeProject },
    schema: {
      tags,
      summary: 'Change a project (whole-project scope only)',
      params: IdParams,
      body: UpdateProjectBody,
      response: { 200: Project, ...errorResponses },
    },
    handler: (request) => service.updateProject(deps, actorOf(request), request.params.id, request.body),
  });

  app.get('/api/v1/projects/:id/tree', {
    config: { access: { permission: 'projects.read' }, reach: 'scope' },
    schema: {
      tags,
      summary: 'Buildings and units of a project with house, customer and area counts (caller’s scope)',
      params: IdParams,
      response: { 200: ProjectTree, ...errorResponses },
    },
    handler: (request) => service.getProjectTree(deps, actorOf(request), request.params.id),
  });

  app.patch('/api/v1/buildings/:id', {
    config: { access: { permission: 'projects.manage' }, reach: 'scope' },
    schema: {
      tags,
      summary: 'Rename a building',
      params: IdParams,
      body: UpdateBuildingBody,
      response: { 200: Building, ...errorResponses },
    },
    handler: (request) => service.updateBuilding(deps, actorOf(request), request.params.id, request.body),
  });

  app.post('/api/v1/buildings/:id/units', {
    config: { access: { permission: 'projects.manage' }, reach: 'scope' },
    schema: {
      tags,
      summary: 'Add a unit (单元) to a building',
      params: IdParams,
      body: CreateUnitBody,
      response: { 201: Unit, ...errorResponses },
    },
    handler: async (request, reply) => {
      const unit = await registry.createUnit(
        deps,
        actorOf(request),
        request.params.id,
        request.body,
        idempotencyOf(request),
      );
      return reply.status(201).send(unit);
    },
  });

  app.patch('/api/v1/units/:id', {
    config: { access: { permission: 'projects.manage' }, reach: 'scope' },
    schema: {
      tags,
      summary: 'Rename a unit',
      params: IdParams,
      body: UpdateUnitBody,
      response: { 200: Unit, ...errorResponses },
    },
    handler: (request) => registry.updateUnit(deps, actorOf(request), request.params.id, request.body),
  });

  app.get('/api/v1/houses', {
    config: { access: { permission: 'projects.read' }, reach: 'scope' },
    schema: {
      tags,
      summary: 'Houses in the caller’s scope, by building, unit and room; q finds 3-2-1502 or 1502',
      querystring: HouseListQuery,
      response: { 200: Page(House), ...errorResponses },
    },
    handler: (request) => registry.listHouses(deps, actorOf(request), request.query),
  });

  app.post('/api/v1/houses', {
    config: { access: { permission: 'projects.manage' }, reach: 'scope' },
    schema: {
      tags,
      summary: 'Add a house (房屋)',
      body: CreateHouseBody,
      response: { 201: House, ...errorResponses },
    },
    handler: async (request, reply) => {
      const house = await registry.createHouse(deps, actorOf(request), request.body, idempotencyOf(request));
      return reply.status(201).send(house);
    },
  });

  app.get('/api/v1/houses/:id', {
    config: { access: { permission: 'projects.read' }, reach: 'scope' },
    schema: {
      tags,
      summary: 'One house with its current occupants',
      params: IdParams,
      response: { 200: House, ...errorResponses },
    },
    handler: (request) => registry.getHouse(deps, actorOf(request), request.params.id),
  });

  app.patch('/api/v1/houses/:id', {
    config: { access: { permission: 'projects.manage' }, reach: 'scope' },
    schema: {
      tags,
      summary: 'Change a house (names the version it read)',
      params: IdParams,
      body: UpdateHouseBody,
      response: { 200: House, ...errorResponses },
    },
    handler: (request) => registry.updateHouse(deps, actorOf(request), request.params.id, request.body),
  });

  app.get('/api/v1/areas', {
    config: { access: { permission: 'projects.read' }, reach: 'scope' },
    schema: {
      tags,
      summary: 'Public areas and facilities in the caller’s scope',
      querystring: AreaListQuery,
      response: { 200: Page(Area), ...errorResponses },
    },
    handler: (request) => registry.listAreas(deps, actorOf(request), request.query),
  });

  app.post('/api/v1/areas', {
    config: { access: { permission: 'projects.manage' }, reach: wholeProject },
    schema: {
      tags,
      summary: 'Add a public area or facility (公共区域/设施)',
      body: CreateAreaBody,
      response: { 201: Area, ...errorResponses },
    },
    handler: async (request, reply) => {
      const area = await registry.createArea(deps, actorOf(request), request.body, idempotencyOf(request));
      return reply.status(201).send(area);
    },
  });

  app.patch('/api/v1/areas/:id', {
    config: { access: { permission: 'projects.manage' }, reach: wholeProject },
    schema: {
      tags,
      summary: 'Change a public area or facility',
      params: IdParams,
      body: UpdateAreaBody,
      response: { 200: Area, ...errorResponses },
    },
    handler: (request) => registry.updateArea(deps, actorOf(request), request.params.id, request.body),
  });
}
