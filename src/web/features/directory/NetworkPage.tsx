import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { Loading } from '../../ui/Loading';
import { PageHeading } from '../../ui/PageHeading';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { referentOrganisationTypes } from '../../../shared/directory';
import { updateNetwork, useRecordSaved, useDirectoryNetwork, useSportelli, type NetworkDetail, type NetworkPatch, type Sportello } from './directory.api';
import { DirectoryTabs } from './DirectoryTabs';
import { NetworkTerritory } from './NetworkTerritory';
import { SportelliMap } from './SportelliMap';
import { StaleNotice } from './StaleNotice';
import { useManageable } from './useManageable';
import './directory.css';

/**
 * The sportelli offered as 1522 referent: those that take a woman's call (the
 * server's rule), plus any already chosen, so the form never drops it silently.
 */
function referentChoices(n: NetworkDetail, items: Sportello[]) {
  const chosen = new Set([n.referent?.id, ...n.comuni.map((c) => c.referentOverride?.id)]);
  return items
    .filter((s) => chosen.has(s.id) || (s.visibility !== 'secret' && referentOrganisationTypes.includes(s.organisation.type)))
    .map((s) => ({ id: s.id, name: `${s.name} — ${s.organisation.name}` }));
}

/** One network: comuni and 1522 referents; changed by its coordinator (or the admin), read by the others. */
export function NetworkPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const onSaved = useRecordSaved('network');
  const network = useDirectoryNetwork(id);
  const sportelli = useSportelli({ page: 1, pageSize: 100, network: id }, !!id);
  const manageable = useManageable();
  const save = useMutation({
    mutationFn: ({ current, patch }: { current: NetworkDetail; patch: NetworkPatch }) => updateNetwork(current.id, current.version, patch),
    onSuccess: onSaved,
  });

  if (network.isPending) return <Loading />;
  if (network.isError) {
    return (
      <>
        <PageHeading>{t('directory.network.title')}</PageHeading>
        <ProblemAlert error={network.error} />
        <Link to="/rete/reti">{t('directory.network.back')}</Link>
      </>
    );
  }
  const n = network.data;
  const readOnly = !manageable.managesNetwork(n.id);
  return (
    <>
      <PageHeading>{n.name}</PageHeading>
      <DirectoryTabs />
      <p>
        {t('directory.networks.capofila')}: {n.capofila?.name ?? '—'}
      </p>
      {readOnly ? <p className="fst-italic">{t('directory.network.readOnly')}</p> : null}
      {save.isSuccess ? (
        <p role="status" className="alert alert-success">
          {t('directory.network.saved')}
        </p>
      ) : null}
      <StaleNotice
        error={save.error}
        onReload={() => {
          save.reset();
          void network.refetch();
        }}
      />
      <NetworkTerritory
        key={`${n.id}:${n.version}:${readOnly}`}
        network={n}
        sportelli={referentChoices(n, sportelli.data?.items ?? [])}
        readOnly={readOnly}
        pending={save.isPending}
        error={save.error}
        onSubmit={(patch) => save.mutate({ current: n, patch })}
      />
      <h2 className="h4 mt-4">{t('directory.network.mapTitle')}</h2>
      <SportelliMap items={sportelli.data?.items ?? []} territory={n.comuni.map((c) => c.istatCode)} withList />
      <p className="mt-4">
        <Link to="/rete/reti">{t('directory.network.back')}</Link>
      </p>
    </>
  );
}
