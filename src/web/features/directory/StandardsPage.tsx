import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { DataTable } from '../../ui/DataTable';
import { SelectField } from '../../ui/fields';
import { Loading } from '../../ui/Loading';
import { PageHeading } from '../../ui/PageHeading';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { useDirectoryNetworks, useStandards, type Standards } from './directory.api';
import { DirectoryTabs } from './DirectoryTabs';
import './directory.css';

const weekdays = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'] as const;
type Weekday = (typeof weekdays)[number];

function Days({ days }: { days: string[] }) {
  const { t } = useTranslation();
  const known = weekdays.filter((d) => days.includes(d));
  return <>{known.length ? known.map((d: Weekday) => t(`directory.weekdays.${d}`)).join(', ') : t('directory.standards.noDays')}</>;
}

function Row({ item }: { item: Standards['items'][number] }) {
  const { t } = useTranslation();
  const flagged = (flag: string) => item.flags.includes(flag as never);
  return (
    <tr>
      <th scope="row" className="fw-normal">
        {item.organisation.name}
      </th>
      <td>
        <Days days={item.inPersonDays} />
        <div className={flagged('in_person_days') ? 'directory-flag' : 'directory-ok'}>
          {t(flagged('in_person_days') ? 'directory.standards.inPersonFlag' : 'directory.standards.inPersonOk', { count: item.inPersonDays.length })}
        </div>
      </td>
      <td>
        <Days days={item.phoneDays} />
        <div className={flagged('phone_daily') ? 'directory-flag' : 'directory-ok'}>
          {t(flagged('phone_daily') ? 'directory.standards.phoneFlag' : 'directory.standards.phoneOk', { count: item.phoneDays.length })}
        </div>
      </td>
      <td className={flagged('link_1522') ? 'directory-flag' : 'directory-ok'}>
        {flagged('link_1522')
          ? t('directory.standards.linkFlag')
          : [item.isReferent ? t('directory.standards.isReferent') : null, item.hasTransferPhone ? t('directory.standards.hasTransfer') : null].filter(Boolean).join('; ')}
      </td>
      <td>
        <div className={flagged('emergency_links') ? 'directory-flag' : 'directory-ok'}>{t(flagged('emergency_links') ? 'directory.standards.emergencyFlag' : 'directory.standards.emergencyOk')}</div>
        <div className={flagged('women_staff') ? 'directory-flag' : 'directory-ok'}>{t(flagged('women_staff') ? 'directory.standards.womenFlag' : 'directory.standards.womenOk')}</div>
      </td>
      <td>{item.flags.length === 0 ? <span className="directory-ok">{t('directory.standards.allOk')}</span> : <span className="directory-flag">{t('directory.standards.flagged', { count: item.flags.length })}</span>}</td>
    </tr>
  );
}

/** The minimum-standard check of each CAV (Intesa Stato-Regioni 2022), measured on the next four weeks of hours. */
export function StandardsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const network = params.get('rete') ?? '';
  const networks = useDirectoryNetworks();
  const standards = useStandards(network || undefined);
  const items = standards.data?.items ?? [];
  const flagged = items.filter((i) => i.flags.length > 0).length;

  return (
    <>
      <PageHeading>{t('directory.standards.title')}</PageHeading>
      <DirectoryTabs />
      <p>{t('directory.standards.intro')}</p>
      <ul>
        <li>{t('directory.standards.rules.inPerson')}</li>
        <li>{t('directory.standards.rules.phone')}</li>
        <li>{t('directory.standards.rules.link')}</li>
        <li>{t('directory.standards.rules.emergency')}</li>
        <li>{t('directory.standards.rules.women')}</li>
      </ul>
      {(networks.data?.items.length ?? 0) > 1 || network ? (
        <div className="col-12 col-md-6">
          <SelectField
            id="standards-network"
            label={t('directory.fields.network')}
            placeholder={t('directory.sportelli.all')}
            options={(networks.data?.items ?? []).map((n) => ({ value: n.id, label: n.name }))}
            value={network}
            onChange={(e) => setParams(e.currentTarget.value ? { rete: e.currentTarget.value } : {})}
          />
        </div>
      ) : null}
      <ProblemAlert error={standards.error} />
      {standards.isPending ? <Loading /> : null}
      {standards.data ? (
        <>
          <p role="status" className="fw-semibold">
            {items.length === 0 ? t('directory.standards.none') : t('directory.standards.summary', { count: items.length, flagged, days: standards.data.days })}
          </p>
          {items.length ? (
            <DataTable caption={t('directory.standards.caption')}>
              <thead>
                <tr>
                  <th scope="col">{t('directory.fields.organisation')}</th>
                  <th scope="col">{t('directory.standards.inPerson')}</th>
                  <th scope="col">{t('directory.standards.phone')}</th>
                  <th scope="col">{t('directory.standards.link')}</th>
                  <th scope="col">{t('directory.standards.profileColumn')}</th>
                  <th scope="col">{t('directory.standards.result')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((item) => (
                  <Row key={item.organisation.id} item={item} />
                ))}
              </tbody>
            </DataTable>
          ) : null}
        </>
      ) : null}
    </>
  );
}
