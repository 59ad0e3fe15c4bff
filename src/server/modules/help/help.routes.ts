import { readFileSync } from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { type PublicLanguage, publicLanguages } from '../../../shared/directory.js';
import { comuneMatches, comuneSearchQuery, helpAnswerOut, helpQuery } from '../../../shared/help.api.js';
import type { AppContext } from '../../context.js';
import { AppError } from '../../platform/errors.js';
import { sharedRateLimitStore } from '../../platform/limits.counters.js';
import { CSS_PATH, JS_PATH, PAGE_PATH, type PageInput, type PageState, renderPage } from './help.page.js';
import { searchComuni } from '../directory/index.js';
import { publicHelp } from './help.service.js';
import { searchKey } from '../../../shared/text.js';

/** Limits of the public area, per client address (tests shrink them). */
export interface HelpOptions {
  rateLimit?: { max?: number; timeWindowMs?: number };
}

/** The page checks its query with the API's own fields. */
const pageFields = { comune: helpQuery.shape.comune, at: helpQuery.shape.at.unwrap(), q: comuneSearchQuery.shape.q };

const asset = (name: string) => readFileSync(new URL(`./help.assets/${name}`, import.meta.url), 'utf8');

/** The first value of a query parameter the page received (a repeated one counts once). */
function first(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return undefined;
}

/** The comune she meant, when the name leaves no doubt: the only match, or the only one named exactly so. */
function unambiguous<T extends { name: string; nameAlt: string | null }>(matches: T[], q: string): T | null {
  if (matches.length === 1) return matches[0]!;
  const key = searchKey(q);
  const exact = matches.filter((m) => searchKey(m.name) === key || (m.nameAlt !== null && searchKey(m.nameAlt) === key));
  return exact.length === 1 ? exact[0]! : null;
}

const isLanguage = (v: string | undefined): v is PublicLanguage => (publicLanguages as readonly string[]).includes(v ?? '');

/**
 * The public "Trova aiuto" area: its API, its server-rendered page and the
 * page's own CSS and JS. No session, no cookie; rate-limited per address
 * (the limiter is registered in this plugin only, not for the whole app;
 * its counters are shared by every server).
 */
export function helpRoutes(ctx: AppContext, options: HelpOptions = {}) {
  const limit = { max: options.rateLimit?.max ?? ctx.config.publicRateLimitPerMinute, timeWindow: options.rateLimit?.timeWindowMs ?? 60_000 };
  const css = asset('help.css');
  const js = asset('help.js');
  const { db } = ctx.database;

  return async (app: FastifyInstance) => {
    await app.register(rateLimit, {
      global: false,
      // Counted in the database: every server of the instance shares the limit (platform/limits.counters).
      store: sharedRateLimitStore(db, ctx.limitKeys),
      // The error handler turns it into a rate_limited problem with Retry-After.
      errorResponseBuilder: (_request, context) =>
        new AppError('rate_limited', { headers: { 'retry-after': String(Math.max(1, Math.ceil(context.ttl / 1000))) } }),
    });
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['public'];

    r.get(
      '/api/public/help',
      {
        schema: {
          tags,
          summary: 'Help for a comune: 1522 and 112, the network, its public referent and public sportelli with their state at an instant',
          querystring: helpQuery,
          response: { 200: helpAnswerOut },
        },
        config: { access: { public: true, reason: 'the public "Trova aiuto" answer: only public directory data' }, rateLimit: limit },
      },
      async (request, reply) => {
        const { comune, at, lang } = request.query;
        const { answer } = await publicHelp(db, { comune, at: at ?? new Date(), lang });
        reply.header('content-language', lang);
        return answer;
      },
    );

    r.get(
      '/api/public/comuni',
      {
        schema: {
          tags,
          summary: 'Comuni by name, accent-insensitive (exact, then prefix, then word prefix; larger first)',
          querystring: comuneSearchQuery,
          response: { 200: comuneMatches },
        },
        config: { access: { public: true, reason: 'autocomplete over the ISTAT list of comuni (public reference data)' }, rateLimit: limit },
      },
      async (request) => searchComuni(db, request.query.q, request.query.limit),
    );

    const pageLang = (request: FastifyRequest): PublicLanguage => {
      const lang = first((request.query as Record<string, unknown> | undefined)?.lang);
      return isLanguage(lang) ? lang : 'it';
    };
    const sendPage = (reply: FastifyReply, status: number, lang: PublicLanguage, params: PageInput['params'], state: PageState) =>
      reply
        .code(status)
        .header('cache-control', 'no-store')
        .header('x-robots-tag', 'noindex, nofollow')
        .header('content-language', lang)
        .type('text/html; charset=utf-8')
        .send(renderPage({ lang, quickExitUrl: ctx.config.quickExitUrl, params, state }));

    r.get(
      PAGE_PATH,
      {
        schema: { hide: true },
        config: { access: { public: true, reason: 'the public "Trova aiuto" page (server-rendered, only public data)' }, rateLimit: limit },
        // Even when limited or failing, she gets the page with 1522 and 112, never a JSON error.
        errorHandler: (err, request, reply) => {
          const limited = err instanceof AppError && err.code === 'rate_limited';
          // Invalid text in the query (the edge check, platform/text.ts): the page for a bad request.
          const invalid = err instanceof AppError && err.code === 'validation_failed';
          if (!limited && !invalid) request.log.error({ err }, 'public page error');
          if (limited && err.options.headers) reply.headers(err.options.headers);
          if (invalid) return sendPage(reply, 400, pageLang(request), {}, { kind: 'invalid' });
          return sendPage(reply, limited ? 429 : 500, pageLang(request), {}, { kind: limited ? 'limited' : 'unavailable' });
        },
      },
      async (request, reply) => {
        // Parsed here rather than by a schema: a bad value still gets the page (with 1522 and 112).
        const query = request.query as Record<string, unknown>;
        const lang = pageLang(request);
        const params = { q: first(query.q), comune: first(query.comune)?.trim(), at: first(query.at) };
        let state: PageState = { kind: 'start' };
        let status = 200;
        if (params.comune) {
          const at = params.at ? pageFields.at.safeParse(params.at) : null;
          if (!pageFields.comune.safeParse(params.comune).success || (at && !at.success)) {
            [state, status] = [{ kind: 'invalid' }, 400];
          } else {
            try {
              state = { kind: 'answer', view: await publicHelp(db, { comune: params.comune, at: at?.data ?? new Date(), lang }, { week: true }) };
            } catch (err) {
              if (!(err instanceof AppError && err.code === 'comune_not_found')) throw err;
              [state, status] = [{ kind: 'notFound' }, 404];
            }
          }
        } else if (params.q !== undefined) {
          const q = pageFields.q.safeParse(params.q);
          if (!q.success) [state, status] = [{ kind: 'tooShort' }, 400];
          else {
            const matches = await searchComuni(db, q.data, 10);
            // One comune only (or the only one with exactly that name): straight to its answer, no list to pick from.
            const only = unambiguous(matches, q.data);
            state = only ? { kind: 'answer', view: await publicHelp(db, { comune: only.istatCode, at: new Date(), lang }, { week: true }) } : { kind: 'results', matches };
          }
        }
        return sendPage(reply, status, lang, params, state);
      },
    );

    // The page's own files. Not cached: nothing of the visit should stay in the browser.
    const assetAccess = { access: { public: true as const, reason: 'stylesheet and script of the public page (static, no data)' } };
    r.get(CSS_PATH, { schema: { hide: true }, config: assetAccess }, async (_request, reply) =>
      reply.header('cache-control', 'no-store').type('text/css; charset=utf-8').send(css),
    );
    r.get(JS_PATH, { schema: { hide: true }, config: assetAccess }, async (_request, reply) =>
      reply.header('cache-control', 'no-store').type('text/javascript; charset=utf-8').send(js),
    );
  };
}
