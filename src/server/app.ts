import { createReadStream, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import type { AppContext } from './context.js';
import { accessGuard, type RouteAccessEntry } from './access/guard.js';
import { auditDeniedResources } from './audit/audit.denied.js';
import type { RouteAccess } from './access/policy.js';
import { authRoutes } from './access/auth.routes.js';
import { registerProblemHandlers, registerSecurityHeaders, sendProblem } from './platform/http.js';
import { registerTextCheck } from './platform/text.js';
import { defineRetentionJobs, instanceRoutes, jobsAdminRoutes } from './modules/instance/index.js';
import { organisationsRoutes } from './modules/organisations/index.js';
import { accountsRoutes } from './modules/accounts/index.js';
import { auditRoutes } from './audit/audit.routes.js';
import { routingRoutes, routingTokenRoutes } from './modules/routing/index.js';
import { comuniRoutes, defineDirectoryJobs, directoryIoRoutes, directoryRoutes, standardsFindingsRoutes } from './modules/directory/index.js';
import { helpRoutes } from './modules/help/index.js';
import { caseSheetRoutes, casesRoutes, defineReminderJobs } from './modules/cases/index.js';
import { riskRoutes } from './modules/risk/index.js';
import { reviewsRoutes } from './modules/reviews/index.js';
import { autonomyProjectsRoutes } from './modules/autonomy/index.js';
import { defineReferralJobs, referralStatsRoutes, referralsRoutes } from './modules/referrals/index.js';
import { boardCache, boardRoutes, structuresRoutes } from './modules/shelters/index.js';
import { authorisationsRoutes, defineShelterAuthorisationJobs, staysRoutes } from './modules/shelters/index.js';
import { defineHoldJobs, shelterRequestsRoutes } from './modules/shelters/index.js';
import { programmesRoutes } from './modules/autonomy/index.js';
import { intakeRoutes } from './modules/intake/index.js';
import { redditoRoutes } from './modules/autonomy/index.js';
import { autonomyActionsRoutes, defineFollowUpJobs } from './modules/autonomy/index.js';
import { fundsRoutes } from './modules/autonomy/index.js';
import { notificationsRoutes } from './modules/notifications/index.js';
import { policy } from './policies.js';

export const webRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');

/** Marks every route registered inside this context with the same public access (third-party plugins). */
function publicContext(app: FastifyInstance, reason: string): void {
  const access: RouteAccess = { public: true, reason };
  app.addHook('onRoute', (route) => {
    route.config = { ...(route.config ?? {}), access };
  });
}

export interface BuiltApp {
  app: FastifyInstance;
  /** Route × access table, complete once `app.ready()` resolved. */
  routes: RouteAccessEntry[];
}

/**
 * Builds the Fastify application on an already-migrated database. Used by
 * the server, the CLI-free tests (`app.inject()`) and the benchmark.
 */
export interface BuildOptions {
  logger?: Logger;
  /** Serve the built web app from dist/web (default: when it exists). */
  serveWeb?: boolean;
  /** Extra routes registered like any other (tests: the startup check, unexpected errors). */
  extraRoutes?: (app: FastifyInstance) => void | Promise<void>;
}

export async function buildApp(ctx: AppContext, options: BuildOptions = {}): Promise<BuiltApp> {
  const app = Fastify({
    loggerInstance: (options.logger ?? ctx.log) as FastifyBaseLogger,
    bodyLimit: ctx.config.bodyLimit,
    trustProxy: ctx.config.trustProxy,
    exposeHeadRoutes: false,
    genReqId: () => crypto.randomUUID(),
    // In development a request is a debug line (see below), not two info lines: the console stays readable.
    logController: new LogController({ disableRequestLogging: ctx.config.env === 'development' }),
    routerOptions: { ignoreTrailingSlash: true },
    // A path that does not decode (bad percent-encoding, a lone surrogate) is a problem like any other, never echoed.
    frameworkErrors: (_err, _request, reply) => sendProblem(reply, 'bad_request'),
  });
  if (ctx.config.env === 'development') {
    app.addHook('onResponse', async (request, reply) => {
      request.log.debug({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed');
    });
  }
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerProblemHandlers(app);
  registerSecurityHeaders(app);
  registerTextCheck(app);
  // A change answered by this server to what the board reads (the shelters' places and structures, the
  // networks' members, an imported directory) drops its kept vacancy board before the answer leaves, after its
  // commit, without waiting for the database's notice (modules/shelters/board.cache.ts); any other change
  // still reaches it by the notice. Before any route: hooks added later do not reach the routes of plugins
  // already registered.
  const board = boardCache(ctx);
  const boardWrites = /^\/api\/(shelters|organisations|networks|directory)\//;
  app.addHook('onSend', async (request, _reply, payload) => {
    if (request.method !== 'GET' && request.method !== 'HEAD' && boardWrites.test(request.url)) board.changed();
    return payload;
  });

  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Trama API',
        version: ctx.config.version,
        description:
          'API of Trama, the platform of the reti territoriali antiviolenza. Errors are RFC 9457 problem+json; ' +
          'state-changing requests need the x-csrf-token header returned by the login steps.',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'trama_session' } } },
    },
    transform: jsonSchemaTransform,
  });

  const routes: RouteAccessEntry[] = [];
  await app.register(accessGuard, { ctx, policy, routes });
  // A resource out of scope answers 404 and is audited as denied (audit/audit.denied).
  auditDeniedResources(app, ctx.database.db);

  await app.register(async (docs) => {
    publicContext(docs, 'API documentation, no data');
    await docs.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
    docs.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  });

  await app.register(instanceRoutes(ctx));
  await app.register(authRoutes(ctx, policy));
  await app.register(organisationsRoutes(ctx));
  await app.register(accountsRoutes(ctx));
  await app.register(auditRoutes(ctx));
  await app.register(routingRoutes(ctx));
  await app.register(helpRoutes(ctx));
  await app.register(directoryRoutes(ctx));
  await app.register(comuniRoutes(ctx));
  await app.register(directoryIoRoutes(ctx));
  await app.register(routingTokenRoutes(ctx, policy));
  await app.register(casesRoutes(ctx));
  await app.register(caseSheetRoutes(ctx));
  await app.register(riskRoutes(ctx));
  await app.register(reviewsRoutes(ctx));
  await app.register(autonomyProjectsRoutes(ctx));
  await app.register(referralsRoutes(ctx));
  await app.register(referralStatsRoutes(ctx));
  await app.register(intakeRoutes(ctx));
  await app.register(programmesRoutes(ctx));
  await app.register(structuresRoutes(ctx));
  await app.register(boardRoutes(ctx));
  await app.register(staysRoutes(ctx));
  await app.register(authorisationsRoutes(ctx));
  await app.register(shelterRequestsRoutes(ctx));
  await app.register(redditoRoutes(ctx));
  await app.register(autonomyActionsRoutes(ctx));
  await app.register(fundsRoutes(ctx));
  await app.register(jobsAdminRoutes(ctx));
  await app.register(standardsFindingsRoutes(ctx));
  // Modules' background jobs, defined before the app is ready (the jobs platform starts then).
  defineDirectoryJobs(ctx);
  defineReminderJobs(ctx);
  defineReferralJobs(ctx);
  defineRetentionJobs(ctx);
  defineShelterAuthorisationJobs(ctx);
  defineHoldJobs(ctx);
  defineFollowUpJobs(ctx);
  await app.register(notificationsRoutes(ctx));

  if (options.extraRoutes) await app.register(async (extra) => options.extraRoutes!(extra));

  // The jobs the modules defined while registering start once the app is ready, and stop when it closes
  // (before the database does: main.ts and the tests close the app first).
  app.addHook('onReady', async () => ctx.jobs.start());
  app.addHook('onClose', async () => ctx.jobs.stop());
  // Sessions and accounts kept between requests, dropped on every change any server makes (access/principal-cache.ts).
  await ctx.sessions.principals.start(ctx.database);
  app.addHook('onClose', async () => ctx.sessions.principals.stop());
  // The vacancy board kept per set of networks, dropped on every change any server makes (shelters/board.cache.ts).
  await board.start(ctx.database);
  app.addHook('onClose', async () => board.stop());

  const serveWeb = options.serveWeb ?? existsSync(path.join(webRoot, 'index.html'));
  if (serveWeb) {
    await app.register(async (web) => {
      publicContext(web, 'the web application bundle (static files, no data)');
      await web.register(fastifyStatic, { root: webRoot, wildcard: false, index: false, maxAge: '1h' });
    });
  }

  app.setNotFoundHandler((request, reply) => {
    // The single-page app owns every non-API path the browser asks for.
    const wantsPage = request.method === 'GET' && !request.url.startsWith('/api/') && serveWeb;
    if (wantsPage) {
      return reply.header('cache-control', 'no-store').type('text/html; charset=utf-8').send(createReadStream(path.join(webRoot, 'index.html')));
    }
    return sendProblem(reply, 'not_found');
  });

  return { app, routes };
}
