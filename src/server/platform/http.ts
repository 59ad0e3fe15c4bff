import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { Lang } from '../../shared/labels.js';
import { type FieldError, type Problem, type ProblemCode, problemType, problems } from '../../shared/problems.js';
import { AppError } from './errors.js';

/** Italian unless the client prefers English (Accept-Language, RFC 9110 q-values). */
export function negotiateLang(header: string | undefined): Lang {
  if (!header) return 'it';
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag, q: q ? Number.parseFloat(q.slice(2)) || 0 : 1 };
    })
    .filter((l) => l.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('it')) return 'it';
    if (tag.startsWith('en')) return 'en';
  }
  return 'it';
}

const fieldMessages: Record<string, Record<Lang, string>> = {
  invalid_type: { it: 'Tipo di valore non valido o campo mancante.', en: 'Invalid type or missing field.' },
  too_small: { it: 'Valore troppo corto o troppo piccolo.', en: 'Value too short or too small.' },
  too_big: { it: 'Valore troppo lungo o troppo grande.', en: 'Value too long or too large.' },
  invalid_format: { it: 'Formato non valido.', en: 'Invalid format.' },
  invalid_value: { it: 'Valore non ammesso.', en: 'Value not allowed.' },
  unrecognized_keys: { it: 'Campo non previsto.', en: 'Unexpected field.' },
  custom: { it: 'Valore non valido.', en: 'Invalid value.' },
};

/** Field errors from Zod issues — generic messages, never the value received. */
function fieldErrors(err: FastifyError & { validation: { instancePath: string; keyword: string; params: Record<string, unknown> }[] }, lang: Lang): FieldError[] {
  const where = err.validationContext ?? 'body';
  return err.validation.map((v) => {
    const base = fieldMessages[v.keyword] ?? fieldMessages.custom!;
    const limit =
      v.keyword === 'too_small' || v.keyword === 'too_big'
        ? ` (${lang === 'it' ? 'limite' : 'limit'}: ${String(v.params.minimum ?? v.params.maximum)})`
        : '';
    const path = v.instancePath === '/' ? '' : v.instancePath;
    return { pointer: `/${where}${path}`, code: v.keyword, detail: base[lang] + limit };
  });
}

export function problemBody(code: ProblemCode, lang: Lang, extra: Partial<Problem> = {}): Problem {
  const def = problems[code];
  return { type: problemType(code), title: def[lang], status: def.status, code, ...extra };
}

export function sendProblem(
  reply: FastifyReply,
  code: ProblemCode,
  extra: Partial<Problem> = {},
  headers: Record<string, string> = {},
): FastifyReply {
  const lang = negotiateLang(reply.request.headers['accept-language']);
  const body = problemBody(code, lang, { instance: reply.request.id, ...extra });
  return reply
    .code(body.status)
    .headers(headers)
    .header('content-language', lang)
    .type('application/problem+json; charset=utf-8')
    .send(body);
}

/** Maps Fastify's own error codes to ours. */
const fastifyCodes: Record<string, ProblemCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'bad_request',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'malformed_json',
  FST_ERR_CTP_INVALID_JSON_BODY: 'malformed_json',
  FST_ERR_BAD_URL: 'bad_request',
  FST_ERR_ASYNC_CONSTRAINT: 'bad_request',
};

/**
 * Every error becomes RFC 9457 problem+json. Stack traces and messages of
 * unexpected errors go to the (redacted) log, never to the client.
 */
export function registerProblemHandlers(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const lang = negotiateLang(request.headers['accept-language']);
    if (err instanceof AppError) {
      return sendProblem(reply, err.code, { detail: err.options.detail, errors: err.options.errors }, err.options.headers);
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      return sendProblem(reply, 'validation_failed', { errors: fieldErrors(err as never, lang) });
    }
    if (err.code && fastifyCodes[err.code]) return sendProblem(reply, fastifyCodes[err.code]!);
    if (err instanceof SyntaxError && err.statusCode === 400) return sendProblem(reply, 'malformed_json');
    if (err.statusCode === 429) return sendProblem(reply, 'rate_limited', {}, { 'retry-after': String(reply.getHeader('retry-after') ?? 60) });
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      request.log.info({ err }, 'client error');
      return sendProblem(reply, err.statusCode === 404 ? 'not_found' : 'bad_request');
    }
    request.log.error({ err }, 'unexpected error');
    return sendProblem(reply, 'internal');
  });
}

/**
 * Security headers in one place: strict CSP with no third-party origins,
 * no framing, no referrer, no caching of API answers, HSTS behind TLS.
 */
export function registerSecurityHeaders(app: FastifyInstance): void {
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
  app.addHook('onSend', async (request, reply, payload) => {
    if (!reply.hasHeader('content-security-policy')) reply.header('content-security-policy', csp);
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('cross-origin-opener-policy', 'same-origin');
    reply.header('cross-origin-resource-policy', 'same-origin');
    reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=(), interest-cohort=()');
    if (request.url.startsWith('/api/') || request.url.startsWith('/healthz') || request.url.startsWith('/readyz')) {
      reply.header('cache-control', 'no-store');
    }
    if (request.protocol === 'https') {
      reply.header('strict-transport-security', 'max-age=63072000; includeSubDomains');
    }
    return payload;
  });
}
