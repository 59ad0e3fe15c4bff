import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * Paths never written to a log, in any environment. Requests are logged by
 * method, route pattern and status only (see `requestSerializers`), so bodies,
 * query strings and headers do not reach the log; this list is the second net.
 */
export const redactPaths = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.newPassword',
  '*.code',
  '*.secret',
  '*.totpSecret',
  '*.token',
  '*.csrfToken',
  '*.name',
  '*.firstName',
  '*.lastName',
  '*.displayName',
  '*.phone',
  '*.email',
  '*.address',
  '*.notes',
  'body',
  'query',
  'params',
];

interface RawRequest {
  id?: string;
  method?: string;
  routeOptions?: { url?: string };
}

/** Logs carry ids, never people: the route pattern, not the URL with its query. */
export const requestSerializers = {
  req(req: RawRequest) {
    return { id: req.id, method: req.method, route: req.routeOptions?.url ?? '(unmatched)' };
  },
  res(res: { statusCode?: number }) {
    return { statusCode: res.statusCode };
  },
  err(err: Error & { code?: string; statusCode?: number }) {
    // The message can quote input (e.g. a duplicate key value, or the driver's
    // "params: …" line of a failed query) and can span several lines: keep only
    // the error's kind and the `at …` frames, never its message.
    const frames = (err.stack ?? '')
      .split('\n')
      .filter((line) => /^\s+at /.test(line))
      .slice(0, 7)
      .join('\n');
    // `errorCode`, not `code`: that key is redacted everywhere (TOTP codes).
    return { type: err.name, errorCode: err.code, statusCode: err.statusCode, frames };
  },
};

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      redact: { paths: redactPaths, censor: '[redacted]' },
      serializers: requestSerializers,
      base: { service: 'trama' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
