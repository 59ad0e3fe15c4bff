import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../ui/DataTable';
import { FieldIssuesTable } from '../../ui/FieldIssuesTable';
import { PageHeading } from '../../ui/PageHeading';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { directoryKey, importDirectory, type ImportReport } from './directory.api';
import { DirectoryTabs } from './DirectoryTabs';
import './directory.css';

const kinds = ['networks', 'organisations', 'sportelli'] as const;

function ReportTable({ report }: { report: ImportReport }) {
  const { t } = useTranslation();
  return (
    <DataTable caption={t(report.dryRun ? 'directory.import.dryRunCaption' : 'directory.import.doneCaption')}>
      <thead>
        <tr>
          <th scope="col">{t('directory.import.kind')}</th>
          <th scope="col" className="text-end">{t('directory.import.created')}</th>
          <th scope="col" className="text-end">{t('directory.import.updated')}</th>
          <th scope="col" className="text-end">{t('directory.import.unchanged')}</th>
        </tr>
      </thead>
      <tbody>
        {kinds.map((k) => (
          <tr key={k}>
            <th scope="row" className="fw-normal">{t(`directory.import.kinds.${k}`)}</th>
            <td className="text-end">{report.created[k]}</td>
            <td className="text-end">{report.updated[k]}</td>
            <td className="text-end">{report.unchanged[k]}</td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}

/**
 * Import of a directory file (trama-directory/1): first a dry run that
 * says what would change, then the import itself. A file with any error
 * is refused as a whole, every error listed.
 */
export function ImportPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [file, setFile] = useState<{ name: string; content: unknown } | null>(null);
  const [readError, setReadError] = useState('');
  const run = useMutation({
    mutationFn: ({ content, dryRun }: { content: unknown; dryRun: boolean }) => importDirectory(content, dryRun),
    onSuccess: (report) => {
      if (!report.dryRun) void client.invalidateQueries({ queryKey: directoryKey });
    },
  });

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const chosen = e.currentTarget.files?.[0];
    run.reset();
    setFile(null);
    setReadError('');
    if (!chosen) return;
    try {
      setFile({ name: chosen.name, content: JSON.parse(await chosen.text()) as unknown });
    } catch {
      setReadError(t('directory.import.notJson'));
    }
  };
  const report = run.data;

  return (
    <>
      <PageHeading>{t('directory.import.title')}</PageHeading>
      <DirectoryTabs />
      <p>{t('directory.import.intro')}</p>
      <p>
        <a href="/api/schemas/directory-import.json">{t('directory.import.schema')}</a>
      </p>
      <div className="form-group">
        <label htmlFor="import-file" className="active d-block">
          {t('directory.import.file')}
        </label>
        <input id="import-file" type="file" accept=".json,application/json" className="form-control" aria-describedby="import-file-hint" onChange={(e) => void onFile(e)} />
        <small id="import-file-hint" className="form-text d-block">
          {t('directory.import.fileHint')}
        </small>
        {readError ? (
          <div className="invalid-feedback d-block" role="alert">
            {readError}
          </div>
        ) : null}
      </div>
      <div className="d-flex flex-wrap gap-3 mb-4">
        <button type="button" className="btn btn-outline-primary" disabled={!file || run.isPending} onClick={() => file && run.mutate({ content: file.content, dryRun: true })}>
          {t('directory.import.check')}
        </button>
        {report?.dryRun ? (
          <button type="button" className="btn btn-primary" disabled={!file || run.isPending} onClick={() => file && run.mutate({ content: file.content, dryRun: false })}>
            {t('directory.import.confirm')}
          </button>
        ) : null}
      </div>
      <div aria-live="polite">
        {report ? <p className="fw-semibold">{t(report.dryRun ? 'directory.import.dryRunDone' : 'directory.import.done', { file: file?.name ?? '' })}</p> : null}
      </div>
      {report ? <ReportTable report={report} /> : null}
      <ProblemAlert error={run.error} />
      <FieldIssuesTable error={run.error} caption={(count) => t('directory.import.errorsCaption', { count })} first={{ header: t('directory.import.item'), cell: (e) => e.item ?? '—' }} />
    </>
  );
}
