import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from './errors.js';

/**
 * Optimistic concurrency for editable records: each carries a version, sent
 * as an ETag; a write names the version it was made on in If-Match, and a
 * stale one gets 412 (nothing is overwritten that she never saw).
 */

export const ifMatchHeaders = z.object({ 'if-match': z.string().max(40).optional() }).loose();

/**
 * The version named by If-Match (`"3"`, or `W/"3"`): 428 without the
 * header, so nobody overwrites a change she never saw.
 */
export function expectedVersion(request: FastifyRequest): number {
  const header = request.headers['if-match'];
  if (header === undefined || header === '') throw new AppError('precondition_required');
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(String(header).trim());
  // An unreadable tag matches no version: stale by definition.
  return match ? Number(match[1]) : -1;
}

/** Tags an answer with the version the client must send back in If-Match. */
export function withEtag<T extends { version: number }>(reply: FastifyReply, body: T): T {
  reply.header('etag', `"${body.version}"`);
  return body;
}
