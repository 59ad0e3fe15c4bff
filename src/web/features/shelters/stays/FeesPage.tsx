import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../../ui/DataTable';
import { TextField } from '../../../ui/fields';
import { Loading } from '../../../ui/Loading';
import { PageHeading } from '../../../ui/PageHeading';
import { ProblemAlert } from '../../../ui/ProblemAlert';
import { useShelterLabels } from '../structures/shelters.labels';
import { feesXlsxHref, useFees } from './stays.api';

const euro = (cents: number, lang: string) => new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'it-IT', { style: 'currency', currency: 'EUR' }).format(cents / 100);
const thisMonth = () => new Date().toISOString().slice(0, 7);

/** Rette: a month's fees per stay and payer, and the XLSX for the payer's offices. No name, no address. */
export function FeesPage() {
  const { t } = useTranslation();
  const labels = useShelterLabels();
  const [month, setMonth] = useState(thisMonth());
  const valid = /^\d{4}-(0[1-9]|1[0-2])$/.test(month);
  const fees = useFees(valid ? month : thisMonth());
  return (
    <>
      <PageHeading>{t('shelterFees.page.title')}</PageHeading>
      <p>{t('shelterFees.page.intro')}</p>
      <TextField id="fees-month" type="month" label={t('shelterFees.page.month')} value={month} onChange={(e) => setMonth(e.target.value)} />
      {valid ? (
        <p>
          <a href={feesXlsxHref(month)} download className="btn btn-outline-primary">
            {t('shelterFees.page.download')}
          </a>
        </p>
      ) : null}
      {fees.isPending ? <Loading /> : null}
      <ProblemAlert error={fees.error} />
      {fees.data && fees.data.rows.length === 0 ? <p>{t('shelterFees.page.none')}</p> : null}
      {fees.data && fees.data.rows.length > 0 ? (
        <DataTable caption={t('shelterFees.page.caption', { month: fees.data.month })}>
          <thead>
            <tr>
              <th scope="col">{t('shelterStays.fields.structure')}</th>
              <th scope="col">{t('shelterStays.fields.reference')}</th>
              <th scope="col">{t('shelterStays.fields.days')}</th>
              <th scope="col">{t('shelterStays.fields.fee')}</th>
              <th scope="col">{t('shelterFees.page.amount')}</th>
              <th scope="col">{t('shelterStays.fields.payer')}</th>
              <th scope="col">{t('shelterFees.page.contribution')}</th>
            </tr>
          </thead>
          <tbody>
            {fees.data.rows.map((r) => (
              <tr key={r.stayReference}>
                <td>{`${r.structure.name} — ${labels.label('level', r.structure.level)}`}</td>
                <td>{r.stayReference}</td>
                <td>{r.days}</td>
                <td>{euro(r.dailyFeeCents, labels.lang)}</td>
                <td>{euro(r.amountCents, labels.lang)}</td>
                <td>{r.payer.name}</td>
                <td>{r.contributionCents === null ? '—' : euro(r.contributionCents, labels.lang)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={4}>
                {t('shelterFees.page.total')}
              </th>
              <td>{euro(fees.data.totalCents, labels.lang)}</td>
              <td colSpan={2} />
            </tr>
          </tfoot>
        </DataTable>
      ) : null}
    </>
  );
}
