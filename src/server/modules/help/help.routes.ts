import { readFileSync } from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type PublicLanguage, helplineLanguages, publicLanguages } from '../../../shared/directory.js';
import { organisationTypes } from '../../../shared/domain.js';
import { searchKey } from '../../../shared/text.js';
import type { AppContext } from '../../context.js';
import { AppError } from '../../platform/errors.js';
import { CSS_PATH, JS_PATH, PAGE_PATH, type PageInput, type PageState, renderPage } from './help.page.js';
import { searchComuni } from '../directory/index.js';
import { publicHelp } from './help.service.js';

/** Limits of the public area, per client address (tests shrink them). */
export interface HelpOptions {
  rateLimit?: { max?: number; timeWindowMs?: number };
}

const istat = z.string().regex(/^\d{6}$/);
/** An instant with its offset or Z, in a sensible range ("2026-11-23T10:00:00+01:00"). */
const instant = z.iso
  .datetime({ offset: true })
  .transform((v) => new Date(v))
  .refine((d) => !Number.isNaN(d.getTime()) && d.getUTCFullYear() >= 2000 && d.getUTCFullYear() < 2100, { message: 'out_of_range' });
const comuneQuery = z
  .string()
  .trim()
  .min(2)
  .max(100)
  .refine((v) => searchKey(v).length >= 2, { message: 'min_letters' });

const place = z.object({
  name: z.string(),
  organisation: z.object({ name: z.string(), type: z.enum(organisationTypes) }),
  address: z.string().nullable(),
  comune: z.object({ istatCode: z.string(), name: z.string() }),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  distanceKm: z.number(),
  phones: z.array(z.string()),
  email: z.string().nullable(),
  openingHours: z.string().nullable(),
  phoneHours: z.string().nullable(),
  h24: z.boolean(),
  openNow: z.boolean(),
  closesAt: z.date().nullable(),
  nextOpening: z.date().nullable(),
  phoneOpenNow: z.boolean(),
  languages: z.array(z.string()),
  services: z.array(z.string()),
  accessibility: z.array(z.string()),
});

const helpAnswer = z.object({
  comune: z.object({ istatCode: z.string(), name: z.string(), provinceSigla: z.string() }),
  at: z.date(),
  lang: z.enum(publicLanguages),
  helpline: z.object({
    number: z.literal('1522'),
    free: z.literal(true),
    h24: z.literal(true),
    anonymous: z.literal(true),
    languages: z.array(z.enum(helplineLanguages)),
    chat: z.string(),
    text: z.string(),
  }),
  emergency: z.object({ number: z.literal('112'), text: z.string() }),
  network: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  nearestNetwork: z.object({ id: z.uuid(), name: z.string(), distanceKm: z.number() }).nullable(),
  referent: place.nullable(),
  nextOpening: z.object({ at: z.date(), sportello: z.object({ name: z.string() }), kind: z.literal('in_person') }).nullable(),
  sportelli: z.array(place),
});

const asset = (name: string) => readFileSync(new URL(`./help.assets/${name}`, import.meta.url), 'utf8');

/** The first value of a query parameter the page received (a repeated one counts once). */
function first(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return undefined;
}

const isLanguage = (v: string | undefined): v is PublicLanguage => (publicLanguages as readonly string[]).includes(v ?? '');

/**
 * The public "Trova aiuto" area: its API, its server-rendered page and the
 * page's own CSS and JS. No session, no cookie; rate-limited per address
 * (the limiter is registered in this plugin only, not for the whole app).
 */
export function helpRoutes(ctx: AppContext, options: HelpOptions = {}) {
  const limit = { max: options.rateLimit?.max ?? ctx.config.publicRateLimitPerMinute, timeWindow: options.rateLimit?.timeWindowMs ?? 60_000 };
  const css = asset('help.css');
  const js = asset('help.js');
  const { db } = ctx.database;

  return async (app: FastifyInstance) => {
    await app.register(rateLimit, {
      global: false,
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
          querystring: z.object({ comune: istat, at: instant.optional(), lang: z.enum(publicLanguages).default('it') }),
          response: { 200: helpAnswer },
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
          querystring: z.object({ q: comuneQuery, limit: z.coerce.number().int().min(1).max(10).default(10) }),
          response: {
            200: z.array(z.object({ istatCode: z.string(), name: z.string(), nameAlt: z.string().nullable(), provinceSigla: z.string(), regionName: z.string() })),
          },
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
          const at = params.at ? instant.safeParse(params.at) : null;
          if (!istat.safeParse(params.comune).success || (at && !at.success)) {
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
          const q = comuneQuery.safeParse(params.q);
          if (q.success) state = { kind: 'results', matches: await searchComuni(db, q.data, 10) };
          else [state, status] = [{ kind: 'tooShort' }, 400];
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
