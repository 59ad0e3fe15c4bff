import type { z } from 'zod';
import type { documentKinds } from '../../../shared/cases';
import type { authorFields, authorsOut, childFields, childrenOut, consentCreate, consentsOut, eventCreate, eventsOut } from '../../../shared/cases.api';
import type { Json } from '../../../shared/json';
import type { documentOut, documentUpload } from '../../../shared/documents.api';
import type { EventChannel, EventType } from './cases.types';

/**
 * Shapes of the parts of a case: consent ledger, timeline, children, authors
 * (derived from src/shared/cases.api.ts), documents (documents.routes.ts on
 * the server).
 */

/** The signed form of a written consent (`documentId`) is a document of the same case. */
export type Consent = Json<z.output<typeof consentsOut>>[number];
export type ConsentInput = z.input<typeof consentCreate>;
export type CaseEvent = Json<z.output<typeof eventsOut>>['items'][number];
export type EventInput = z.input<typeof eventCreate>;
/** The form's values (every field present: what the server returns). */
export type ChildFields = z.output<typeof childFields>;
export type Child = Json<z.output<typeof childrenOut>>[number];
export type AuthorFields = z.output<typeof authorFields>;
export type Author = Json<z.output<typeof authorsOut>>[number];

export interface EventQuery {
  page: number;
  pageSize: number;
  type?: EventType | undefined;
  channel?: EventChannel | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

export type DocumentKind = (typeof documentKinds)[number];

/** A document of the case, without its content (downloaded on its own, every download audited). */
export type CaseDocument = Json<z.output<typeof documentOut>>;

export type DocumentUpload = z.output<typeof documentUpload>;
