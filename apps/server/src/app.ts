import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import { systemClock, type Clock } from './platform/clock.ts';
import { platformError } from './platform/errors.ts';
import { errorBody, httpPlatform, requestIdFrom } from './platform/http.ts';
import { pickLocale } from './platform/i18n.ts';
import { validatorCompiler } from './platform/validation.ts';
import { createEventBus, type EventBus } from './platform/events.ts';
import { eventsRoutes } from './platform/events.routes.ts';
import type { PiiCipher } from './platform/pii/cipher.ts';
import { openKeyring } from './platform/pii/keyring.ts';
import { accessRoutes } from './modules/access/index.ts';
import { auditRoutes } from './modules/audit/index.ts';
import { authRoutes } from './modules/auth/index.ts';
import { propertyRoutes } from './modules/property/index.ts';
import { customersRoutes } from './modules/customers/index.ts';
import { archiveRoutes } from './modules/archive/index.ts';
import { servicedeskRoutes } from './modules/servicedesk/index.ts';
import { timeDashboardRoutes, timestandardsRoutes } from './modules/timestandards/index.ts';
import { alertsRoutes } from './modules/alerts/index.ts';
import { startSweeper } from './modules/timestandards/sweeper.ts';
import { ticketsRoutes } from './modules/tickets/index.ts';
import { setupRoutes } from './modules/setup/index.ts';

export interface AppDeps {
  config: Config;
  database: Database;
  clock?: Clock;
  /** false silences request logs (tests); otherwise pino JSON at config.logLevel. */
  logger?: boolean;
  /** The personal-data cipher, when the caller opened it already (the CLI does, to load demo data). */
  cipher?: PiiCipher;
  /** Live updates; by default one of the app's own, closed with it. */
  events?: EventBus;
}

export const API_VERSION = '0.1.0';

/** Builds the whole server: platform first, then every module. Does not listen. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config, database } = deps;
  const clock = deps.clock ?? systemClock;
  // Before anything listens: a missing or wrong key must stop the start, not garble data later.
  const cipher = deps.cipher ?? (await openKeyring({ db: database.db, clock, config }));
  const app = Fastify({
    logger:
      deps.logger === false
        ? false
        : {
            level: config.logLevel,
            redact: [
              'req.headers.authorization',
              'req.headers.cookie',
              'req.headers["x-csrf-token"]',
              'res.headers["set-cookie"]',
            ],
          },
    genReqId: (req) => requestIdFrom(req.headers['x-request-id']),
    // Requests Fastify cannot route (a malformed %-escape in the path) still get the error model.
    frameworkErrors: (_error, request, reply) => {
      const body = errorBody(
        platformError('BAD_URL'),
        pickLocale(request.headers['accept-language']),
        String(request.id),
      );
      void (reply as FastifyReply).status(400).send(body);
    },
    bodyLimit: config.bodyLimit,
    // A hop count trusts the n proxies nearest to us (Fastify's own rule for numbers, which its
    // typings omit); addresses trust exactly those proxies.
    trustProxy: typeof config.trustProxy === 'number' ? hopsTrusted(config.trustProxy) : config.trustProxy,
    return503OnClosing: true,
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(validatorCompiler());

  await app.register(cookie);
  // Uploads (imports, ID copies) are read by platform/upload.ts with per-route limits.
  await app.register(multipart, { limits: { fileSize: config.importLimit, files: 1 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Steward API (物业客服管家平台)',
        version: API_VERSION,
        description:
          'Errors: { "error": { "code", "message", "details" } }; messages follow Accept-Language (zh-CN, en-US).',
      },
      components: {
        securitySchemes: {
          session: {
            type: 'apiKey',
            in: 'cookie',
            name: 'steward_sid',
            description: 'writes also need the x-csrf-token header',
          },
          bearer: { type: 'http', scheme: 'bearer', description: 'API token created by an administrator' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
  });
  await app.register(httpPlatform, { db: database.db, clock, config });

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) =>
    (await database.ping()) ? { status: 'ready' } : reply.status(503).send({ status: 'unavailable' }),
  );
  app.get('/api/v1/openapi.json', {
    config: { access: { public: true } },
    schema: { hide: true, response: { 200: Type.Object({}, { additionalProperties: true }) } },
    handler: async () => app.swagger(),
  });

  const events = deps.events ?? (await createEventBus(database, app.log));
  if (!deps.events) app.addHook('onClose', () => events.close());
  const moduleDeps = { db: database.db, clock, config, cipher, events };
  await app.register(async (scope) => {
    await setupRoutes(scope, moduleDeps);
    await authRoutes(scope, moduleDeps);
    await accessRoutes(scope, moduleDeps);
    await propertyRoutes(scope, moduleDeps);
    await customersRoutes(scope, moduleDeps);
    await archiveRoutes(scope, moduleDeps);
    await servicedeskRoutes(scope, moduleDeps);
    await timestandardsRoutes(scope, moduleDeps);
    await timeDashboardRoutes(scope, moduleDeps);
    await ticketsRoutes(scope, moduleDeps);
    await alertsRoutes(scope, moduleDeps);
    await auditRoutes(scope, moduleDeps);
    await eventsRoutes(scope, moduleDeps);
  });

  // Warnings, breaches and escalations of time standards, sent by a background sweeper in every
  // process (they coordinate through the database).
  if (config.sweepMs > 0) {
    const sweeper = startSweeper(
      { db: database.db, engine: database.engine, clock, events },
      config.sweepMs,
      app.log,
    );
    app.addHook('onClose', () => sweeper.stop());
  }

  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  await registerConsole(app, config.webDir);
  return app;
}

function hopsTrusted(hops: number): (address: string, hop: number) => boolean {
  return (_address, hop) => hop < hops;
}

/** Serves the built web console from the same port, with client-side routes falling back to index.html. */
async function registerConsole(app: FastifyInstance, webDir: string | null): Promise<void> {
  const hasConsole = webDir !== null && fs.existsSync(path.join(webDir, 'index.html'));
  if (hasConsole) {
    await app.register(fastifyStatic, {
      root: webDir,
      // Look files up per request (not a list taken at start): a rebuilt console is served at
      // once; a missing file falls through to the not-found handler below (SPA fallback).
      wildcard: true,
      // The build writes .br and .gz beside each asset (apps/web/vite.config.ts); send those to
      // browsers that accept them.
      preCompressed: true,
      setHeaders: (reply, file) => {
        // Vite fingerprints assets, so they never change; index.html must always be fresh.
        reply.header(
          'cache-control',
          file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
  }
  app.setNotFoundHandler(async (request, reply) => {
    const locale = pickLocale(request.headers['accept-language']);
    const isApi = request.url.startsWith('/api/');
    if (!isApi && (request.method === 'GET' || request.method === 'HEAD')) {
      if (hasConsole)
        return reply.type('text/html').header('cache-control', 'no-cache').sendFile('index.html');
      return reply
        .type('text/plain; charset=utf-8')
        .send('Steward API is running. The web console is not built: run `npm run build:web`.');
    }
    const error = platformError('ROUTE_NOT_FOUND', undefined, {
      method: request.method,
      url: request.url.split('?')[0],
    });
    return reply.status(404).send(errorBody(error, locale, String(request.id)));
  });
}
