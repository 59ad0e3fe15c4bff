import type { CaseSection, ConsentPurpose, documentKinds, DocumentMimeType } from '../../../shared/cases';
import type { AuthorRelationship, ChildNeed, ConsentForm, ContactChannel, CustodyStatus, EventChannel, EventType, Named } from './cases.types';

/** Shapes of the parts of a case: consent ledger, timeline, children, authors, documents (cases.api.ts, cases.schemas.ts, documents.routes.ts on the server). */

export interface Consent {
  id: string;
  purpose: ConsentPurpose;
  recipient: Named | null;
  sections: CaseSection[];
  channel: ContactChannel | null;
  givenOn: string;
  form: ConsentForm;
  expiresOn: string | null;
  /** The signed form of a written consent: a document of the same case. */
  documentId: string | null;
  recordedBy: string | null;
  recordedAt: string;
  revokedAt: string | null;
  active: boolean;
}

export interface ConsentInput {
  purpose: ConsentPurpose;
  recipientOrganisationId?: string;
  sections: CaseSection[];
  channel?: ContactChannel;
  givenOn: string;
  form: ConsentForm;
  expiresOn?: string;
  documentId?: string;
}

export interface CaseEvent {
  id: string;
  at: string;
  channel: EventChannel;
  type: EventType;
  durationMinutes: number | null;
  organisation: Named;
  operator: string | null;
  notes: string | null;
}

export interface EventInput {
  at: string;
  channel: EventChannel;
  type: EventType;
  durationMinutes?: number;
  notes?: string;
}

export interface EventQuery {
  page: number;
  pageSize: number;
  type?: EventType | undefined;
  channel?: EventChannel | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

export interface ChildFields {
  age: number | null;
  livesWithMother: boolean | null;
  witnessedViolence: boolean | null;
  sufferedViolence: boolean | null;
  custody: CustodyStatus | null;
  needs: ChildNeed[];
  details: { firstName?: string; birthDate?: string; school?: string; court?: string; notes?: string } | null;
}

export interface Child extends ChildFields {
  id: string;
  version: number;
  createdAt: string;
}

export interface AuthorFields {
  relationship: AuthorRelationship;
  childrenInCommon: boolean | null;
  weapons: boolean | null;
  previousReports: boolean | null;
  details: { name?: string; description?: string; notes?: string } | null;
}

export interface Author extends AuthorFields {
  id: string;
  version: number;
  createdAt: string;
}

export type DocumentKind = (typeof documentKinds)[number];

/** A document of the case, without its content (downloaded on its own, every download audited). */
export interface CaseDocument {
  id: string;
  kind: DocumentKind;
  name: string;
  mimeType: DocumentMimeType;
  sizeBytes: number;
  uploadedBy: string | null;
  createdAt: string;
}

export interface DocumentUpload {
  kind: DocumentKind;
  name: string;
  mimeType: DocumentMimeType;
  contentBase64: string;
}
