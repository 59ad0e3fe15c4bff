/**
 * A one-line description of an error that is safe for a console: a failed
 * query's message quotes its parameters (names, hashes), so database errors
 * are described by their kind and SQLSTATE only.
 */
export function describeError(err: unknown): string {
  if (!(err instanceof Error)) return 'unknown error';
  const code = (err as { code?: unknown }).code ?? (err.cause as { code?: unknown } | undefined)?.code;
  const fromDatabase = 'query' in err || 'params' in err || /failed query/i.test(err.message);
  if (fromDatabase) return `${err.name}: database query failed${code ? ` (SQLSTATE ${String(code)})` : ''}`;
  return `${err.name}: ${err.message.split('\n')[0]}`;
}
