import pino, { type DestinationStream, type Logger } from 'pino';
import pretty from 'pino-pretty';

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

/**
 * The process's logger. JSON lines, one per event, for a log collector; in
 * development (`human`) one short readable line per event on the console,
 * so the start-up messages and the demo accounts do not scroll away. The
 * redaction and the serializers are the same either way.
 */
export function createLogger(level: string, destination?: DestinationStream, options: { human?: boolean } = {}): Logger {
  const out =
    destination ??
    (options.human
      ? pretty({ sync: true, singleLine: true, colorize: Boolean(process.stdout.isTTY), translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,service' })
      : undefined);
  return pino(
    {
      level,
      redact: { paths: redactPaths, censor: '[redacted]' },
      serializers: requestSerializers,
      base: { service: 'trama' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    out,
  );
}
