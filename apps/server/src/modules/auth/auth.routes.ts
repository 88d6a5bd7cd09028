import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthResponse, ChangePasswordBody, LoginBody, OkResponse } from '@steward/contracts';
import { actorOf, clearSessionCookie, requestMeta } from '../../platform/http.ts';
import { errorResponses, type App } from '../../platform/routes.ts';
import { SESSION_COOKIE } from '../../platform/auth/tokens.ts';
import * as service from './auth.service.ts';

/** Sets the session cookie: httpOnly, SameSite=Lax, Secure whenever the request came over https. */
export function setSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  result: service.LoginResult,
): void {
  reply.setCookie(SESSION_COOKIE, result.sessionSecret, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: request.protocol === 'https',
    maxAge: result.maxAgeSeconds,
  });
}

export async function authRoutes(app: App, deps: service.AuthDeps): Promise<void> {
  const tags = ['auth'];

  app.post('/api/v1/auth/login', {
    config: { access: { public: true } },
    schema: {
      tags,
      summary: 'Staff sign-in; sets the session cookie',
      body: LoginBody,
      response: { 200: AuthResponse, ...errorResponses },
    },
    handler: async (request, reply) => {
      const result = await service.login(deps, request.body, requestMeta(request));
      setSessionCookie(request, reply, result);
      return result.response;
    },
  });

  app.post('/api/v1/auth/logout', {
    config: { access: { authenticated: true, duringPasswordChange: true }, reach: 'self' },
    schema: { tags, summary: 'End this session', response: { 200: OkResponse, ...errorResponses } },
    handler: async (request, reply) => {
      await service.logout(deps, actorOf(request), requestMeta(request));
      clearSessionCookie(reply);
      return { ok: true as const };
    },
  });

  app.get('/api/v1/auth/me', {
    config: { access: { authenticated: true, duringPasswordChange: true }, reach: 'self' },
    schema: {
      tags,
      summary: 'The signed-in user and the CSRF token of this session',
      response: { 200: AuthResponse, ...errorResponses },
    },
    handler: async (request) => service.me(actorOf(request)),
  });

  app.post('/api/v1/auth/password', {
    config: { access: { authenticated: true, duringPasswordChange: true }, reach: 'self' },
    schema: {
      tags,
      summary: 'Change my password (signs out my other sessions)',
      body: ChangePasswordBody,
      response: { 200: AuthResponse, ...errorResponses },
    },
    handler: (request) => service.changePassword(deps, actorOf(request), requestMeta(request), request.body),
  });
}
