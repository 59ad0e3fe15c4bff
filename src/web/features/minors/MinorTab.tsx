import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { MinorFields, MinorOut } from '../../../shared/minors.api';
import { Loading } from '../../ui/Loading';
import { ProblemAlert, SuccessAlert } from '../../ui/ProblemAlert';
import { casesKey, caseKey } from '../cases/cases.api';
import { formatDayLong } from '../cases/cases.format';
import { useCaseLabels } from '../cases/cases.labels';
import { isStale } from '../cases/cases.write';
import { StaleCaseNotice } from '../cases/StaleCaseNotice';
import { usePartEditor } from '../cases/usePartEditor';
import { minorKey, saveMinor, useMinor } from './minor.api';
import { MinorForm } from './MinorForm';

/**
 * The Minorenne tab (docs/minors.md): who holds parental responsibility
 * (and whether the author), the mandatory report and the referral to the
 * child-protection service with their days. The owning organisation edits
 * it; a member of another organisation whose share names it reads it.
 */
export function MinorTab({ caseId, mayEdit }: { caseId: string; mayEdit: boolean }) {
  const { t } = useTranslation();
  const minor = useMinor(caseId);
  const client = useQueryClient();
  const { editing, message, open, close, done } = usePartEditor(() => save.reset());
  const save = useMutation({
    mutationFn: (v: { version: number; fields: MinorFields }) => saveMinor(caseId, v.version, v.fields),
    onSuccess: (saved) => {
      client.setQueryData(minorKey(caseId), saved);
      // The profile's age class and the tasks' deadlines follow.
      void client.invalidateQueries({ queryKey: caseKey(caseId), exact: true });
      void client.invalidateQueries({ queryKey: [...casesKey, 'tasks'] });
    },
    onError: (err) => {
      if (isStale(err)) void client.invalidateQueries({ queryKey: minorKey(caseId) });
    },
  });
  const data = minor.data;

  return (
    <section aria-labelledby="case-minor-title">
      <h2 id="case-minor-title" className="h5">
        {t('minors.title')}
      </h2>
      {message ? <SuccessAlert>{message}</SuccessAlert> : null}
      <StaleCaseNotice error={save.error} />
      {save.error && !isStale(save.error) ? <ProblemAlert error={save.error} /> : null}
      {minor.isPending ? <Loading /> : null}
      <ProblemAlert error={minor.error} />
      {data?.motherCase ? (
        <p>
          {t('minors.motherCase')} <Link to={`/percorsi/${data.motherCase.id}?scheda=figli`}>{data.motherCase.code}</Link>
        </p>
      ) : null}
      {data && editing === 'minor' ? (
        <MinorForm
          key={data.version}
          current={data.record}
          pending={save.isPending}
          error={save.error}
          onCancel={() => close('minor-edit')}
          onSubmit={(fields) => save.mutate({ version: data.version, fields }, { onSuccess: () => done(t('minors.saved'), 'minor-edit') })}
        />
      ) : data ? (
        <>
          {data.record ? <MinorRecord record={data.record} /> : <p>{data.minorByProfile ? t('minors.noneYetProfile') : t('minors.noneYet')}</p>}
          {mayEdit ? (
            <button id="minor-edit" type="button" className="btn btn-outline-primary" onClick={() => open('minor')}>
              {data.record ? t('minors.edit') : t('minors.start')}
            </button>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

function MinorRecord({ record }: { record: NonNullable<MinorOut['record']> }) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const day = (d: string) => formatDayLong(d, labels.lang);
  const yesNo = (v: boolean | null) => (v === true ? t('cases.yes') : v === false ? t('cases.no') : t('cases.notKnown'));
  return (
    <>
      <dl className="case-facts">
        <dt>{t('minors.ageToday')}</dt>
        <dd>{t('minors.years', { count: record.ageToday })}</dd>
        <dt>{t('minors.knownOn')}</dt>
        <dd>{day(record.knownOn)}</dd>
        <dt>{t('minors.report')}</dt>
        <dd>
          {record.report
            ? t('minors.reportMade', { date: day(record.report.on), to: labels.label('minorReportTo', record.report.to) }) + (record.report.reference ? ` — ${record.report.reference}` : '') + (record.report.by ? ` — ${record.report.by}` : '')
            : t('minors.dueBy', { date: day(record.reportDueOn) })}
        </dd>
        <dt>{t('minors.referral')}</dt>
        <dd>
          {record.referral
            ? t('minors.referralMade', { date: day(record.referral.on) }) + (record.referral.service ? ` — ${record.referral.service}` : '') + (record.referral.reference ? ` — ${record.referral.reference}` : '')
            : t('minors.dueBy', { date: day(record.referralDueOn) })}
        </dd>
        {record.notes ? (
          <>
            <dt>{t('minors.notes')}</dt>
            <dd>{record.notes}</dd>
          </>
        ) : null}
      </dl>
      <h3 className="h6">{t('minors.holders')}</h3>
      {record.holders.length ? (
        <ul>
          {record.holders.map((h) => (
            <li key={h.id}>
              {labels.label('holderRelation', h.relation)}
              {h.name ? ` — ${h.name}` : ''}
              {h.contact ? ` (${h.contact})` : ''}
              {' — '}
              {h.isAuthor ? <strong>{t('minors.isAuthor')}</strong> : t('minors.notAuthor')}
              {' — '}
              {t('minors.informedIs', { value: yesNo(h.informed) })}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('minors.noHolders')}</p>
      )}
      <p className="small">{t('minors.consentRule')}</p>
    </>
  );
}
