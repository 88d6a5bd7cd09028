import { AuthResponse, SetupBody, SetupStatus } from '@steward/contracts';
import { requestMeta } from '../../platform/http.ts';
import { errorResponses, type App } from '../../platform/routes.ts';
import { setSessionCookie } from '../auth/index.ts';
import * as service from './setup.service.ts';

export async function setupRoutes(app: App, deps: service.SetupDeps): Promise<void> {
  const tags = ['setup'];

  app.get('/api/v1/setup', {
    config: { access: { public: true } },
    schema: {
      tags,
      summary: 'Whether this installation still needs its first-run setup',
      response: { 200: SetupStatus },
    },
    handler: () => service.setupStatus(deps),
  });

  app.post('/api/v1/setup', {
    config: { access: { public: true } },
    schema: {
      tags,
      summary: 'First run: create the organisation and its administrator (only while none exists)',
      body: SetupBody,
      response: { 201: AuthResponse, ...errorResponses },
    },
    handler: async (request, reply) => {
      const result = await service.runSetup(deps, request.body, requestMeta(request));
      setSessionCookie(request, reply, result);
      return reply.status(201).send(result.response);
    },
  });
}
