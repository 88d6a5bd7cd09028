import { Type } from 'typebox';
import {
  AddRelationBody,
  CreateContactBody,
  CreateCustomerBody,
  CreateTagBody,
  Customer,
  CustomerContact,
  CustomerDocument,
  CustomerListQuery,
  CustomerOverview,
  DOCUMENT_PURPOSES,
  type DocumentPurpose,
  DocumentParams,
  IdParams,
  Page,
  RelationParams,
  RevealBody,
  RevealResponse,
  Tag,
  TagList,
  UpdateCustomerBody,
  UpdateRelationBody,
} from '@steward/contracts';
import { actorOf, idempotencyOf, requestMeta, namedPlace } from '../../platform/http.ts';
import { errorResponses, type App } from '../../platform/routes.ts';
import { readUpload } from '../../platform/upload.ts';
import { customersError } from './customers.errors.ts';
import * as service from './customers.service.ts';
import * as documents from './documents.service.ts';
import { customerOverview } from './overview.service.ts';

export async function customersRoutes(app: App, deps: documents.DocumentsDeps): Promise<void> {
  const tags = ['customers'];
  const withUpload = { ...errorResponses, 413: errorResponses[400] };

  app.get('/api/v1/customers', {
    config: { access: { permission: 'customers.read' }, reach: 'scope' },
    schema: {
      tags,
      summary:
        'Customers in the caller’s scope; q matches name, phone (any format or last 4 digits), room label',
      querystring: CustomerListQuery,
      response: { 200: Page(Customer), ...errorResponses },
    },
    handler: (request) => service.listCustomers(deps, actorOf(request), request.query),
  });

  app.post('/api/v1/customers', {
    config: { access: { permission: 'customers.manage' }, reach: namedPlace('HOUSE_UNAVAILABLE') },
    schema: {
      tags,
      summary: 'Register a customer',
      body: CreateCustomerBody,
      response: { 201: Customer, ...errorResponses },
    },
    handler: async (request, reply) => {
      const customer = await service.createCustomer(
        deps,
        actorOf(request),
        requestMeta(request),
        request.body,
        idempotencyOf(request),
      );
      return reply.status(201).send(customer);
    },
  });

  app.get('/api/v1/customers/:id', {
    config: { access: { permission: 'customers.read' }, reach: 'scope' },
    schema: {
      tags,
      summary: 'One customer with houses; personal data masked',
      params: IdParams,
      response: { 200: Customer, ...errorResponses },
    },
    handler: (request) => service.getCustomer(deps, actorOf(request), request.params.id),
  });

  app.patch('/api/v1/customers/:id', {
    config: { access: { permission: 'customers.manage' }, reach: 'scope' },
    schema: {
      tags,
      summary: 'Update a customer',
      params: IdParams,
      body: UpdateCustomerBody,
      response: { 200: Customer, ...errorResponses },
    },
    handler: (request) =>
      service.updateCustomer(deps, actorOf(request), requestMeta(request), request.params.id, request.body),
  });

  app.get('/api/v1/customers/:id/overview', {
    config: { access: { permission: 'customers.read' }, reach: 'scope' },
    schema: {
      tags,
      summary: 'The customer 360 view',
      params: IdParams,
      response: { 200: CustomerOverview, ...errorResponses },
    },
    handler: (request) => customerOverview(deps, actorOf(request), request.params.id),
  });

  app.post('/api/v1/customers/:id/reveal', {
    config: { access: { permission: 'customers.reveal' }, reach: 'scope' },
    schema: {
      tags,
      summary: 'The full value of a masked field; written to the audit log',
      params: IdParams,
      body: RevealBody,
      response: { 200: RevealResponse, ...errorResponses },
    },
    handler: (request) =>
      service.reveal(deps, actorOf(request), requestMeta(request), request.params.id, request.body),
  });

  app.post('/api/v1/customers/:id/houses', {
    config: { access: { permission: 'customers.manage' }, reach: 'scope' },
    schema: {
      tags,
      summary: 'Relate the customer to a house',
      params: IdParams,
      body: AddRelationBody,
      response: { 200: Customer, ...errorResponses },
    },
    handler: (request) => service.addRelation(deps, actorOf(request), request.params.id, request.body),
  });

  app.patch('/api/v1/customers/:id/houses/:relationId', {
    config: { access: { permission: 'customers.manage' }, reach: 'scope' },
    schema: {
      tags,
      summary: 'Change the dates of a relation (e.g. moving out)',
      params: RelationParams,
      body: UpdateRelationBody,
      response: { 200: Customer, ...errorResponses },
    },
    handler: (request) =>
      service.updateRelation(
        deps,
        actorOf(request),
        request.params.id,
        request.params.relationId,
        request.body,
      ),
  });

  app.delete('/api/v1/customers/:id/houses/:relationId', {
    config: { access: { permission: 'customers.manage' }, reach: 'scope' },
    schema: {
      tags,
      summary: 'Remove a relation entered by mistake',
      params: RelationParams,
      response: { 200: Customer, ...errorResponses },
    },
    handler: (request) =>
      service.removeRelation(deps, actorOf(request), request.params.id, request.params.relationId),
  });

  app.post('/api/v1/customers/:id/contacts', {
    config: { access: { permission: 'customers.manage' }, reach: 'scope' },
    schema: {
      tags,
      summary: 'Log a contact with the customer',
      params: IdParams,
      body: CreateContactBody,
      response: { 201: CustomerContact, ...errorResponses },
    },
    handler: async (request, reply) =>
      reply
        .status(201)
        .send(await service.addContact(deps, actorOf(request), request.params.id, request.body)),
  });

  app.post('/api/v1/customers/:id/documents', {
    config: { access: { permission: 'customers.manage' }, reach: 'scope' },
    schema: {
      tags,
      summary:
        'Upload an ID-document copy (multipart: purpose, purposeText?, file); stamped with its purpose before it is stored',
      consumes: ['multipart/form-data'],
      params: IdParams,
      response: { 201: CustomerDocument, ...withUpload },
    },
    handler: async (request, reply) => {
      const upload = await readUpload(request, documents.DOCUMENT_LIMIT_BYTES, ['purpose', 'purposeText']);
      const purpose = upload.fields.purpose as DocumentPurpose | undefined;
      if (!purpose || !DOCUMENT_PURPOSES.includes(purpose))
        throw customersError('DOCUMENT_FORM', { field: 'body.purpose' });
      const document = await documents.addDocument(
        deps,
        actorOf(request),
        requestMeta(request),
        request.params.id,
        {
          purpose,
          purposeText: upload.fields.purposeText,
          image: upload.data,
        },
      );
      return reply.status(201).send(document);
    },
  });

  app.get('/api/v1/customers/:id/documents/:documentId/file', {
    config: { access: { permission: 'customers.reveal' }, reach: 'scope' },
    schema: {
      tags,
      summary: 'The stamped ID copy (image/jpeg); every view is audited',
      params: DocumentParams,
      response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }), ...errorResponses },
    },
    handler: async (request, reply) => {
      const file = await documents.readDocument(
        deps,
        actorOf(request),
        requestMeta(request),
        request.params.id,
        request.params.documentId,
      );
      return reply.type(file.mime).header('content-disposition', 'inline').send(file.data);
    },
  });

  app.delete('/api/v1/customers/:id/documents/:documentId', {
    config: { access: { permission: 'customers.manage' }, reach: 'scope' },
    schema: {
      tags,
      summary: 'Delete an ID copy',
      params: DocumentParams,
      response: { 204: Type.Null(), ...errorResponses },
    },
    handler: async (request, reply) => {
      await documents.deleteDocument(
        deps,
        actorOf(request),
        requestMeta(request),
        request.params.id,
        request.params.documentId,
      );
      return reply.status(204).send(null);
    },
  });

  app.get('/api/v1/tags', {
    config: { access: { permission: 'customers.read' }, reach: 'org' },
    schema: { tags, summary: 'Customer tags', response: { 200: TagList, ...errorResponses } },
    handler: async (request) => ({ items: await service.listTags(deps, actorOf(request)) }),
  });

  app.post('/api/v1/tags', {
    config: { access: { permission: 'customers.manage' }, reach: 'org' },
    schema: {
      tags,
      summary: 'Create a customer tag',
      body: CreateTagBody,
      response: { 201: Tag, ...errorResponses },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await service.createTag(deps, actorOf(request), request.body)),
  });
}
