import { randomUUID } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { DocumentMimeType } from '../../../shared/cases.js';
import type { documentUpload } from '../../../shared/documents.api.js';
import type { FieldIssue } from '../../../shared/problems.js';
import { users } from '../../access/access.tables.js';
import type { Scope } from '../../access/scope.js';
import type { AppContext } from '../../context.js';
import type { Tx } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { markChanged, onCase } from './cases.run.js';
import { inOrder, seal, unseal } from './cases.seal.js';
import { caseDocuments } from './cases.tables.js';
import { looksLikeMarkup, safeDocumentName } from './documents.files.js';

/**
 * Documents of a case (signed consents, reports, medical records…). The
 * file is checked against its declared type by its first bytes, limited in
 * size, and stored only sealed with the owning organisation's key, name
 * included. Files are assumed to have been scanned for viruses before
 * upload: no scanner is bundled (docs/cases.md).
 */

/** The first bytes each accepted type must start with. */
const SIGNATURES: Record<Exclude<DocumentMimeType, 'text/plain'>, number[]> = {
  'application/pdf': [0x25, 0x50, 0x44, 0x46, 0x2d], // %PDF-
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  'image/jpeg': [0xff, 0xd8, 0xff],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': [0x50, 0x4b, 0x03, 0x04], // a zip
  'application/vnd.oasis.opendocument.text': [0x50, 0x4b, 0x03, 0x04],
};

/**
 * True when the bytes are what the declared type says (plain text: valid
 * UTF-8 without NUL) and nothing a browser could take for a page (HTML or
 * SVG as text, a PDF/HTML polyglot: documents.files.ts).
 */
export function contentMatches(mimeType: DocumentMimeType, bytes: Buffer): boolean {
  if (mimeType === 'text/plain') {
    if (bytes.includes(0)) return false;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return false;
    }
    return !looksLikeMarkup(mimeType, bytes);
  }
  const signature = SIGNATURES[mimeType];
  return bytes.length >= signature.length && signature.every((b, i) => bytes[i] === b) && !looksLikeMarkup(mimeType, bytes);
}

export type DocumentUpload = z.output<typeof documentUpload>;

/** Empty, too large, or not what its type says: every problem at once. */
function checkFile(ctx: AppContext, input: DocumentUpload, bytes: Buffer): void {
  const errors: FieldIssue[] = [];
  if (bytes.length === 0) errors.push({ pointer: '/body/contentBase64', code: 'empty_file' });
  if (bytes.length > ctx.config.documentMaxBytes) {
    errors.push({ pointer: '/body/contentBase64', code: 'file_too_large', params: { maxBytes: ctx.config.documentMaxBytes } });
  }
  if (bytes.length && !contentMatches(input.mimeType, bytes)) {
    errors.push({ pointer: '/body/mimeType', code: 'content_type_mismatch' });
  }
  if (errors.length) throw new AppError('validation_failed', { errors });
}

export function createDocument(ctx: AppContext, scope: Scope, caseId: string, input: DocumentUpload, requestId: string) {
  return onCase(ctx, scope, caseId, requestId, 'case.document_create', 'documents', async (tx, access) => {
    // Checked after access: for a case she cannot reach the answer is 404, whatever the file.
    const bytes = Buffer.from(input.contentBase64, 'base64');
    checkFile(ctx, input, bytes);
    const id = randomUUID();
    const owner = access.row;
    await tx.insert(caseDocuments).values({
      id,
      caseId,
      kind: input.kind,
      mimeType: input.mimeType,
      sizeBytes: bytes.length,
      // Stored under a name ending as its checked type says ("x.html" uploaded as a PDF is "x.pdf").
      nameSealed: (await seal(ctx.crypto, tx, owner, 'case_document.name', id, safeDocumentName(input.name, input.mimeType)))!,
      contentSealed: (await seal(ctx.crypto, tx, owner, 'case_document.content', id, bytes.toString('base64')))!,
      organisationId: scope.principal.organisation!.id,
      uploadedBy: scope.principal.userId,
    });
    await markChanged(tx, caseId);
    return { id };
  });
}

export function listDocuments(ctx: AppContext, scope: Scope, caseId: string, requestId: string) {
  return onCase(ctx, scope, caseId, requestId, 'case.documents_read', 'documents', async (tx) => {
    const rows = await tx
      .select({ id: caseDocuments.id, kind: caseDocuments.kind, mimeType: caseDocuments.mimeType, sizeBytes: caseDocuments.sizeBytes, nameSealed: caseDocuments.nameSealed, uploadedBy: users.displayName, createdAt: caseDocuments.createdAt })
      .from(caseDocuments)
      .leftJoin(users, eq(users.id, caseDocuments.uploadedBy))
      .where(eq(caseDocuments.caseId, caseId))
      .orderBy(desc(caseDocuments.createdAt));
    // Names stored before the naming rule are shown as they download.
    return inOrder(rows, async ({ nameSealed, ...r }) => ({ ...r, name: safeDocumentName((await unseal<string>(ctx.crypto, tx, 'case_document.name', r.id, nameSealed)) ?? '', r.mimeType) }));
  });
}

export function readDocument(ctx: AppContext, scope: Scope, caseId: string, documentId: string, requestId: string) {
  return onCase(ctx, scope, caseId, requestId, 'case.document_read', 'documents', async (tx) => {
    const [row] = await tx.select().from(caseDocuments).where(and(eq(caseDocuments.id, documentId), eq(caseDocuments.caseId, caseId)));
    if (!row) throw new AppError('not_found');
    const content = await unseal<string>(ctx.crypto, tx, 'case_document.content', row.id, row.contentSealed);
    return {
      name: safeDocumentName((await unseal<string>(ctx.crypto, tx, 'case_document.name', row.id, row.nameSealed)) ?? '', row.mimeType),
      mimeType: row.mimeType,
      bytes: Buffer.from(content ?? '', 'base64'),
    };
  });
}

/** A document of the case, for a consent that cites it (null when there is none). */
export async function documentOfCase(tx: Tx, caseId: string, documentId: string) {
  const [row] = await tx.select({ id: caseDocuments.id }).from(caseDocuments).where(and(eq(caseDocuments.id, documentId), eq(caseDocuments.caseId, caseId)));
  return row ?? null;
}
