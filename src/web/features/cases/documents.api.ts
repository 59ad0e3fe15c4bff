import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { caseKey, casePath } from './cases.api';
import type { CaseDocument, DocumentUpload } from './cases.parts.types';

/** Documents of a case (src/server/modules/cases/documents.routes.ts). */

export function useDocuments(id: string, enabled = true) {
  return useQuery({
    queryKey: [...caseKey(id), 'documents'],
    queryFn: ({ signal }) => api.get<CaseDocument[]>(`${casePath(id)}/documents`, { signal }),
    enabled,
  });
}

export function uploadDocument(id: string, body: DocumentUpload): Promise<{ id: string }> {
  return api.post<{ id: string }>(`${casePath(id)}/documents`, body);
}

/**
 * Where a document downloads from: a plain link (the session cookie
 * authenticates it; the server answers an attachment, never shown inline).
 * Only ids in the address, never her name or the file's.
 */
export function documentHref(caseId: string, documentId: string): string {
  return `${casePath(caseId)}/documents/${encodeURIComponent(documentId)}`;
}
