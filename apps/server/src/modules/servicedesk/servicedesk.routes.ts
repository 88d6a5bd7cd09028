import {
  Category,
  CategoryList,
  CreateCategoryBody,
  CreateDepartmentBody,
  CreateDutyShiftBody,
  CreatePriceItemBody,
  Department,
  DepartmentList,
  DutyShift,
  DutyShiftList,
  DutyShiftQuery,
  IdParams,
  OkResponse,
  PriceItem,
  PriceItemList,
  StaffList,
  StaffListQuery,
  StaffProfile,
  UpdateCategoryBody,
  UpdateDepartmentBody,
  UpdatePriceItemBody,
  UpdateStaffBody,
} from '@steward/contracts';
import { actorOf, idempotencyOf, requestMeta } from '../../platform/http.ts';
import { errorResponses, type App } from '../../platform/routes.ts';
import * as service from './servicedesk.service.ts';
import * as staff from './staff.service.ts';

/**
 * Reading the configuration is part of working records; changing it is a separate permission. Both
 * are organisation-wide (reach 'org'), except a person's building duties (see PUT /staff/:id).
 */
const read = { access: { permission: 'tickets.read' }, reach: 'org' } as const;
const configure = { access: { permission: 'servicedesk.configure' }, reach: 'org' } as const;

export async function servicedeskRoutes(app: App, deps: staff.StaffDeps): Promise<void> {
  const tags = ['service desk configuration'];

  app.get('/api/v1/categories', {
    config: read,
    schema: {
      tags,
      summary: 'The category tree (服务类别), deactivated categories included, flat with parentId',
      response: { 200: CategoryList, ...errorResponses },
    },
    handler: async (request) => ({ items: await service.listCategories(deps, actorOf(request)) }),
  });

  app.post('/api/v1/categories', {
    config: configure,
    schema: {
      tags,
      summary: 'Add a category; department and skill left empty are inherited from the parent',
      body: CreateCategoryBody,
      response: { 201: Category, ...errorResponses },
    },
    handler: async (request, reply) =>
      reply
        .status(201)
        .send(
          await service.createCategory(
            deps,
            actorOf(request),
            requestMeta(request),
            request.body,
            idempotencyOf(request),
          ),
        ),
  });

  app.patch('/api/v1/categories/:id', {
    config: configure,
    schema: {
      tags,
      summary: 'Change, move or deactivate a category (categories are never deleted)',
      params: IdParams,
      body: UpdateCategoryBody,
      response: { 200: Category, ...errorResponses },
    },
    handler: (request) =>
      service.updateCategory(deps, actorOf(request), requestMeta(request), request.params.id, request.body),
  });

  app.get('/api/v1/departments', {
    config: read,
    schema: {
      tags,
      summary: 'Departments with their number of active members',
      response: { 200: DepartmentList, ...errorResponses },
    },
    handler: async (request) => ({ items: await service.listDepartments(deps, actorOf(request)) }),
  });

  app.post('/api/v1/departments', {
    config: configure,
    schema: {
      tags,
      summary: 'Add a department',
      body: CreateDepartmentBody,
      response: { 201: Department, ...errorResponses },
    },
    handler: async (request, reply) =>
      reply
        .status(201)
        .send(
          await service.createDepartment(
            deps,
            actorOf(request),
            requestMeta(request),
            request.body,
            idempotencyOf(request),
          ),
        ),
  });

  app.patch('/api/v1/departments/:id', {
    config: configure,
    schema: {
      tags,
      summary: 'Rename or deactivate a department (not while active categories go to it)',
      params: IdParams,
      body: UpdateDepartmentBody,
      response: { 200: Department, ...errorResponses },
    },
    handler: (request) =>
      service.updateDepartment(deps, actorOf(request), requestMeta(request), request.params.id, request.body),
  });

  app.get('/api/v1/staff', {
    config: read,
    schema: {
      tags,
      summary: 'People with department, skills, building duties, open load and whether on duty now',
      querystring: StaffListQuery,
      response: { 200: StaffList, ...errorResponses },
    },
    handler: async (request) => ({ items: await staff.listStaff(deps, actorOf(request), request.query) }),
  });

  app.put('/api/v1/staff/:id', {
    config: {
      ...configure,
      reach: {
        kind: 'scope',
        outOfScope: { status: 403, code: 'DUTY_OUTSIDE_SCOPE' },
        because:
          'the person is listed organisation-wide; only duties on buildings beyond the caller are refused',
      },
    },
    schema: {
      tags,
      summary: 'Set a person’s department, skills and building duties (duties within the caller’s scope)',
      params: IdParams,
      body: UpdateStaffBody,
      response: { 200: StaffProfile, ...errorResponses },
    },
    handler: (request) =>
      staff.updateStaff(deps, actorOf(request), requestMeta(request), request.params.id, request.body),
  });

  app.get('/api/v1/duty-shifts', {
    config: read,
    schema: {
      tags,
      summary: 'Duty shifts overlapping [from, to) (at most 62 days), optionally of one department',
      querystring: DutyShiftQuery,
      response: { 200: DutyShiftList, ...errorResponses },
    },
    handler: async (request) => ({ items: await staff.listShifts(deps, actorOf(request), request.query) }),
  });

  app.post('/api/v1/duty-shifts', {
    config: configure,
    schema: {
      tags,
      summary: 'Add a shift of at most 24 hours; overlapping another of the same person is 409',
      body: CreateDutyShiftBody,
      response: { 201: DutyShift, ...errorResponses },
    },
    handler: async (request, reply) =>
      reply
        .status(201)
        .send(
          await staff.createShift(
            deps,
            actorOf(request),
            requestMeta(request),
            request.body,
            idempotencyOf(request),
          ),
        ),
  });

  app.delete('/api/v1/duty-shifts/:id', {
    config: configure,
    schema: {
      tags,
      summary: 'Remove a shift that has not ended yet',
      params: IdParams,
      response: { 200: OkResponse, ...errorResponses },
    },
    handler: (request) => staff.deleteShift(deps, actorOf(request), requestMeta(request), request.params.id),
  });

  app.get('/api/v1/price-items', {
    config: read,
    schema: {
      tags,
      summary: 'The price list of paid services (有偿服务收费标准), prices in fen',
      response: { 200: PriceItemList, ...errorResponses },
    },
    handler: async (request) => ({ items: await service.listPriceItems(deps, actorOf(request)) }),
  });

  app.post('/api/v1/price-items', {
    config: configure,
    schema: {
      tags,
      summary: 'Add a price item (price in integer fen)',
      body: CreatePriceItemBody,
      response: { 201: PriceItem, ...errorResponses },
    },
    handler: async (request, reply) =>
      reply
        .status(201)
        .send(
          await service.createPriceItem(
            deps,
            actorOf(request),
            requestMeta(request),
            request.body,
            idempotencyOf(request),
          ),
        ),
  });

  app.patch('/api/v1/price-items/:id', {
    config: configure,
    schema: {
      tags,
      summary: 'Change or deactivate a price item; lines already charged keep their price',
      params: IdParams,
      body: UpdatePriceItemBody,
      response: { 200: PriceItem, ...errorResponses },
    },
    handler: (request) =>
      service.updatePriceItem(deps, actorOf(request), requestMeta(request), request.params.id, request.body),
  });
}
