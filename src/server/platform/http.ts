import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { Lang } from '../../shared/labels.js';
import { codeOfIssue, fieldErrorText, limitParamsOf } from '../../shared/field-errors.js';
import { type FieldError, type FieldIssue, type Problem, type ProblemCode, problemType, problems } from '../../shared/problems.js';
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

/** Field errors from Zod issues — codes and limits, never the value received. */
function fieldErrors(err: FastifyError & { validation: { instancePath: string; keyword: string; message?: string; params: Record<string, unknown> }[] }): FieldIssue[] {
  const where = err.validationContext ?? 'body';
  return err.validation.map((v) => {
    const path = v.instancePath === '/' ? '' : v.instancePath;
    const params = limitParamsOf({ ...v.params, code: v.keyword });
    return { pointer: `/${where}${path}`, code: codeOfIssue(v.keyword, v.message), ...(params ? { params } : {}) };
  });
}

/** Field issues as answered: each with the text of its code in the answer's language. */
export function withDetails(errors: readonly FieldIssue[], lang: Lang): FieldError[] {
  return errors.map((e) => ({ ...e, detail: fieldErrorText(e.code, lang, e.params) }));
}

export function problemBody(code: ProblemCode, lang: Lang, extra: Partial<Problem> = {}): Problem {
  const def = problems[code];
  return { type: problemType(code), title: def[lang], status: def.status, code, ...extra };
}

export function sendProblem(
  reply: FastifyReply,
  code: ProblemCode,
  extra: Partial<Omit<Problem, 'errors'>> & { errors?: readonly FieldIssue[] | undefined } = {},
  headers: Record<string, string> = {},
): FastifyReply {
  const lang = negotiateLang(reply.request.headers['accept-language']);
  const { errors, ...rest } = extra;
  const body = problemBody(code, lang, { instance: reply.request.id, ...rest, ...(errors ? { errors: withDetails(errors, lang) } : {}) });
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
    if (err instanceof AppError) {
      return sendProblem(reply, err.code, { detail: err.options.detail, errors: err.options.errors }, err.options.headers);
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      return sendProblem(reply, 'validation_failed', { errors: fieldErrors(err as never) });
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
