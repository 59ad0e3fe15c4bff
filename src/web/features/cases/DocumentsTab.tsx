import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { permissions } from '../../api/permissions';
import { can, useMe } from '../../api/session';
import { DataTable } from '../../ui/DataTable';
import { Icon } from '../../ui/Icon';
import { Loading } from '../../ui/Loading';
import { ProblemAlert, SuccessAlert } from '../../ui/ProblemAlert';
import { formatInstant } from './cases.format';
import { useCaseLabels } from './cases.labels';
import type { DocumentUpload } from './cases.parts.types';
import type { CaseRecord } from './cases.types';
import { usePartWrite } from './cases.write';
import { documentHref, uploadDocument, useDocuments } from './documents.api';
import { formatSize, mimeLabelKey } from './documents.file';
import { DocumentUploadForm } from './DocumentUploadForm';

/**
 * Documenti: the files kept with her pathway (signed consents, reports,
 * medical records…), sealed on the server. Each is a plain download link:
 * the server answers an attachment, never shown inline, and audits it.
 */
export function DocumentsTab({ record }: { record: CaseRecord }) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const me = useMe().data;
  const documents = useDocuments(record.id);
  const [message, setMessage] = useState<string | null>(null);
  const save = usePartWrite(record.id, 'documents', (upload: DocumentUpload) => uploadDocument(record.id, upload));
  const typeOf = (mimeType: string) => {
    const key = mimeLabelKey(mimeType);
    return key ? t(`cases.documents.types.${key}`) : mimeType;
  };

  return (
    <section aria-labelledby="case-documents-title">
      <h2 id="case-documents-title" className="h5">
        {t('cases.documents.title')}
      </h2>
      <p>{t('cases.documents.intro')}</p>
      {message ? <SuccessAlert>{message}</SuccessAlert> : null}
      {documents.isPending ? <Loading /> : null}
      <ProblemAlert error={documents.error} />
      {documents.data?.length === 0 ? <p>{t('cases.documents.none')}</p> : null}
      {documents.data?.length ? (
        <DataTable caption={t('cases.documents.caption', { code: record.code })}>
          <thead>
            <tr>
              <th scope="col">{t('cases.documents.name')}</th>
              <th scope="col">{t('cases.documents.kind')}</th>
              <th scope="col">{t('cases.documents.type')}</th>
              <th scope="col">{t('cases.documents.size')}</th>
              <th scope="col">{t('cases.documents.uploadedBy')}</th>
              <th scope="col">{t('cases.documents.uploadedAt')}</th>
            </tr>
          </thead>
          <tbody data-testid="documents-list">
            {documents.data.map((d) => (
              <tr key={d.id}>
                <th scope="row" className="fw-normal">
                  <a href={documentHref(record.id, d.id)} download>
                    {d.name}
                    <span className="visually-hidden"> {t('cases.documents.downloadSuffix')}</span>
                  </a>
                </th>
                <td>{labels.label('documentKind', d.kind)}</td>
                <td>{typeOf(d.mimeType)}</td>
                <td className="text-nowrap">{formatSize(d.sizeBytes, labels.lang)}</td>
                <td>{d.uploadedBy ?? '—'}</td>
                <td>{formatInstant(d.createdAt, labels.lang)}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      ) : null}
      {can(me, permissions.caseWrite) ? (
        <div className="mt-4">
          <div className="callout note" data-testid="antivirus-note">
            <div className="callout-inner">
              <div className="callout-title">
                <Icon name="it-info-circle" />
                <span className="text">{t('cases.documents.antivirusTitle')}</span>
              </div>
              <p className="mb-0">{t('cases.documents.antivirus')}</p>
            </div>
          </div>
          {save.error ? <ProblemAlert error={save.error} /> : null}
          <DocumentUploadForm
            pending={save.isPending}
            error={save.error}
            onPick={() => {
              save.reset();
              setMessage(null);
            }}
            onSubmit={(upload, reset) => {
              setMessage(null);
              save.mutate(upload, {
                onSuccess: () => {
                  reset();
                  setMessage(t('cases.documents.uploaded', { name: upload.name }));
                },
              });
            }}
          />
        </div>
      ) : null}
    </section>
  );
}
