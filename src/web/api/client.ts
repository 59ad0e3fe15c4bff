import { problems, type FieldError, type Problem, type ProblemCode } from '../../shared/problems';
import { currentLanguage } from '../i18n';
import { getCsrfToken } from './csrf';
import { canReauthenticate, noteServerContact, reauthenticate, resumable } from './reauth';

/**
 * An RFC 9457 problem answered by the server (or made up here when the
 * server could not be reached), carried as an exception so TanStack Query
 * and forms can show its already-localised `title` and field errors.
 */
export class ApiError extends Error {
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.title);
    this.name = 'ApiError';
    this.problem = problem;
  }

  get status(): number {
    return this.problem.status;
  }

  get code(): ProblemCode {
    return this.problem.code;
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  body?: unknown;
  query?: Record<string, QueryValue>;
  signal?: AbortSignal;
  /** Extra request headers, e.g. If-Match for a conditional write. */
  headers?: Record<string, string>;
  /** Sent again after signing in again: never wait a second time. */
  resumed?: boolean;
}

/** Builds `path?a=1&b=2`, leaving out empty values so filters stay optional. */
export function withQuery(path: string, query?: Record<string, QueryValue>): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/** A problem built locally, titled from the shared table in the UI language. */
function localProblem(code: ProblemCode, status?: number): Problem {
  const entry = problems[code];
  return {
    type: `urn:trama:problem:${code}`,
    title: entry[currentLanguage()],
    status: status ?? entry.status,
    code,
  };
}

function isProblem(value: unknown): value is Problem {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.title === 'string' && typeof v.code === 'string' && typeof v.status === 'number';
}

async function toApiError(res: Response): Promise<ApiError> {
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      const body: unknown = await res.json();
      if (isProblem(body)) return new ApiError(body);
    } catch {
      // Not JSON after all: fall through to a generic problem.
    }
  }
  // A proxy or a crash answered something that is not a problem document.
  if (res.status === 404) return new ApiError(localProblem('not_found'));
  if (res.status === 429) return new ApiError(localProblem('rate_limited'));
  if (res.status === 502 || res.status === 503 || res.status === 504) {
    return new ApiError(localProblem('unavailable', res.status));
  }
  return new ApiError(localProblem('internal', res.status));
}

/**
 * The one way the app talks to the server: same origin, cookie session,
 * `Accept-Language` matching the UI so problem titles come back in the
 * right language, and the CSRF header on every state-changing request.
 */
export async function request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json, application/problem+json',
    'Accept-Language': currentLanguage(),
    ...options.headers,
  };
  const init: RequestInit = { method, headers, credentials: 'same-origin' };
  if (options.signal) init.signal = options.signal;
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }
  if (method !== 'GET') {
    const token = getCsrfToken();
    if (token) headers['x-csrf-token'] = token;
  }

  let res: Response;
  try {
    res = await fetch(withQuery(path, options.query), init);
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(localProblem('unavailable', 0));
  }
  if (!res.ok) {
    const err = await toApiError(res);
    // Refused only because the session ended: nothing was done. Once she has signed in again, send it again.
    if (resumesAfterSignIn(err) && resumable(path) && canReauthenticate() && !options.resumed) {
      await reauthenticate().catch(() => {
        throw err;
      });
      return request<T>(method, path, { ...options, resumed: true });
    }
    throw err;
  }
  if (!path.startsWith('/api/public/')) noteServerContact();
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  if (!type.includes('json')) return undefined as T;
  return (await res.json()) as T;
}

export const api = {
  get: <T>(path: string, options?: Omit<RequestOptions, 'body'>) => request<T>('GET', path, options),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body }),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, { body }),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, { body }),
  delete: <T>(path: string) => request<T>('DELETE', path),
};

/** 401 codes that mean "no usable session any more": back to the login page. */
export const sessionEndingCodes: readonly ProblemCode[] = ['unauthenticated', 'session_expired', 'mfa_required'];

/**
 * The session timed out or is gone, or is a new one still waiting for its
 * second factor (she is signing in again in place: a poll that went out
 * between her password and her code): signing in again resumes the work.
 * Left to fail, that last one would forget the new session's CSRF token and
 * her code would be refused (an e2e failure, test/e2e/session.e2e.ts).
 */
function resumesAfterSignIn(err: ApiError): boolean {
  return err.status === 401 && (err.code === 'session_expired' || err.code === 'unauthenticated' || err.code === 'mfa_required');
}

export function isSessionEnded(err: unknown): err is ApiError {
  return err instanceof ApiError && err.status === 401 && sessionEndingCodes.includes(err.code);
}

/**
 * Field errors of a `validation_failed` problem keyed by field name:
 * `/body/networkIds/0` becomes `networkIds` (the first segment after the
 * request part), which is how forms name their inputs.
 */
export function fieldErrorsOf(err: unknown): Record<string, FieldError> {
  const out: Record<string, FieldError> = {};
  if (!(err instanceof ApiError) || !err.problem.errors) return out;
  for (const e of err.problem.errors) {
    const segments = e.pointer.split('/').filter(Boolean);
    const field = segments[1] ?? segments[0];
    if (field && !(field in out)) out[field] = e;
  }
  return out;
}
