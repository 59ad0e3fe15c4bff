import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { DataTable } from '../../ui/DataTable';
import { SelectField } from '../../ui/fields';
import { formatDateTime } from '../../ui/format';
import { useLabels } from '../../ui/labels';
import { PageHeading } from '../../ui/PageHeading';
import { PagedResults } from '../../ui/PagedResults';
import { pageParam } from '../../ui/Pagination';
import { useHistory, type EntityType, type HistoryEntry } from './directory.api';
import { DirectoryTabs } from './DirectoryTabs';
import './directory.css';

const PAGE_SIZE = 25;
const entityTypes: readonly EntityType[] = ['sportello', 'organisation', 'network'];
const isEntityType = (v: string): v is EntityType => (entityTypes as readonly string[]).includes(v);

/** Field names the history may carry, translated; an unknown one is shown as it is. */
const knownFields = [
  'name', 'visibility', 'address', 'comuneCode', 'lat', 'lon', 'phones', 'email', 'transferPhone', 'openingHours', 'phoneHours', 'h24', 'closures',
  'languages', 'services', 'accessibility', 'notes', 'organisationId', 'legalName', 'albo', 'alboStatus', 'alboDate', 'phone', 'website', 'comuni',
  'referentSportelloId', 'referentOverrides', 'externalId', 'type', 'capofila', 'networks',
] as const;
type KnownField = (typeof knownFields)[number];

function isClosure(v: unknown): v is { kind: string; day?: number; month?: number; from?: string; to?: string; label: string } {
  return typeof v === 'object' && v !== null && 'kind' in v && 'label' in v;
}

/** A value of the history in words: lists joined, closures spelled out, nothing shown as raw JSON when avoidable. */
function useValueText() {
  const { t } = useTranslation();
  return (value: unknown): string => {
    if (value === null || value === undefined || value === '') return t('directory.history.empty');
    if (typeof value === 'boolean') return value ? t('directory.history.yes') : t('directory.history.no');
    if (Array.isArray(value)) {
      if (value.length === 0) return t('directory.history.empty');
      return value.map((v) => (isClosure(v) ? (v.kind === 'annual' ? `${v.day}/${v.month} ${v.label}` : `${v.from}–${v.to} ${v.label}`) : typeof v === 'string' ? v : JSON.stringify(v))).join(', ');
    }
    return typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value);
  };
}

function Fields({ entry }: { entry: HistoryEntry }) {
  const { t } = useTranslation();
  const text = useValueText();
  if (entry.fields.length === 0) return <>—</>;
  return (
    <ul className="list-unstyled mb-0">
      {entry.fields.map((f) => (
        <li key={f.field}>
          <span className="fw-semibold">{(knownFields as readonly string[]).includes(f.field) ? t(`directory.historyFields.${f.field as KnownField}`) : f.field}</span>
          {': '}
          {f.redacted ? (
            <span className="directory-redacted">{t('directory.history.redacted')}</span>
          ) : (
            <>
              <span>{text(f.from)}</span>
              <span aria-hidden="true"> → </span>
              <span className="visually-hidden"> {t('directory.history.becomes')} </span>
              <span>{text(f.to)}</span>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

function Entity({ entry }: { entry: HistoryEntry }) {
  const { t } = useTranslation();
  const label = t(`directory.history.entities.${entry.entityType}`);
  if (entry.change === 'delete') return <>{label}</>;
  const to =
    entry.entityType === 'sportello' ? `/rete/servizi/${entry.entityId}` : entry.entityType === 'organisation' ? `/rete/organizzazioni-servizi/${entry.entityId}` : `/rete/reti/${entry.entityId}`;
  return (
    <Link to={to} aria-label={t('directory.history.open', { entity: label })}>
      {label}
    </Link>
  );
}

/** Who changed what in the directory, newest first; reserved values appear only as "changed". */
export function HistoryPage() {
  const { t } = useTranslation();
  const { lang } = useLabels();
  const [params, setParams] = useSearchParams();
  const page = pageParam(params.get('pagina'));
  const type = params.get('tipo') ?? '';
  const history = useHistory({ page, pageSize: PAGE_SIZE, entityType: isEntityType(type) ? type : undefined });

  const onPage = (p: number) => {
    const next = new URLSearchParams(params);
    next.set('pagina', String(p));
    setParams(next);
  };

  return (
    <>
      <PageHeading>{t('directory.history.title')}</PageHeading>
      <DirectoryTabs />
      <p>{t('directory.history.intro')}</p>
      <div className="col-12 col-md-4">
        <SelectField
          id="history-type"
          label={t('directory.history.entity')}
          placeholder={t('directory.history.allEntities')}
          options={entityTypes.map((e) => ({ value: e, label: t(`directory.history.entities.${e}`) }))}
          value={isEntityType(type) ? type : ''}
          onChange={(e) => setParams(e.currentTarget.value ? { tipo: e.currentTarget.value } : {})}
        />
      </div>
      <PagedResults query={history} page={page} pageSize={PAGE_SIZE} count={(total) => t('directory.history.count', { count: total })} pagesLabel={t('directory.history.pages')} onPage={onPage}>
        {(items) => (
          <DataTable caption={t('directory.history.caption')}>
            <thead>
              <tr>
                <th scope="col">{t('directory.history.when')}</th>
                <th scope="col">{t('directory.history.who')}</th>
                <th scope="col">{t('directory.history.entity')}</th>
                <th scope="col">{t('directory.history.change')}</th>
                <th scope="col">{t('directory.history.fields')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((entry) => (
                <tr key={entry.id} data-testid="history-entry">
                  <td>{formatDateTime(entry.at, lang)}</td>
                  <td>{entry.actor?.displayName ?? t(entry.source === 'import' ? 'directory.history.import' : 'directory.history.system')}</td>
                  <td>
                    <Entity entry={entry} />
                  </td>
                  <td>{t(`directory.history.changes.${entry.change}`)}</td>
                  <td>
                    <Fields entry={entry} />
                  </td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        )}
      </PagedResults>
    </>
  );
}
