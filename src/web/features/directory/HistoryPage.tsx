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
import { useHistoryText } from './history.values';
import './directory.css';

const PAGE_SIZE = 25;
const entityTypes: readonly EntityType[] = ['sportello', 'organisation', 'network'];
const isEntityType = (v: string): v is EntityType => (entityTypes as readonly string[]).includes(v);

function Fields({ entry, names }: { entry: HistoryEntry; names: Record<string, string> }) {
  const { t } = useTranslation();
  const text = useHistoryText(names);
  if (entry.fields.length === 0) return <>—</>;
  return (
    <ul className="list-unstyled mb-0">
      {entry.fields.map((f) => (
        <li key={f.field}>
          <span className="fw-semibold">{text.field(f.field)}</span>
          {': '}
          {f.redacted ? (
            <span className="directory-redacted">{t('directory.history.redacted')}</span>
          ) : (
            <>
              <span>{text.value(f.field, f.from, f.fromSchedule)}</span>
              <span aria-hidden="true"> → </span>
              <span className="visually-hidden"> {t('directory.history.becomes')} </span>
              <span>{text.value(f.field, f.to, f.toSchedule)}</span>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

function Entity({ entry }: { entry: HistoryEntry }) {
  const { t } = useTranslation();
  const kind = t(`directory.history.entities.${entry.entityType}`);
  const label = entry.entityName ? `${kind}: ${entry.entityName}` : kind;
  if (entry.change === 'delete' || !entry.entityName) return <>{label}</>;
  const to =
    entry.entityType === 'sportello' ? `/rete/servizi/${entry.entityId}` : entry.entityType === 'organisation' ? `/rete/organizzazioni-servizi/${entry.entityId}` : `/rete/reti/${entry.entityId}`;
  return (
    <>
      {kind}:{' '}
      <Link to={to} aria-label={t('directory.history.open', { entity: label })}>
        {entry.entityName}
      </Link>
    </>
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
                    <Fields entry={entry} names={history.data?.names ?? {}} />
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
