import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import type { StructureCreate } from '../../../../shared/shelters.structures.api';
import { useAnnounce } from '../../../ui/Announcer';
import { ConfirmButton } from '../../../ui/ConfirmButton';
import { Loading } from '../../../ui/Loading';
import { PageHeading } from '../../../ui/PageHeading';
import { ProblemAlert } from '../../../ui/ProblemAlert';
import { Occupancy, PlaceMap } from './PlaceMap';
import { useShelterLabels } from './shelters.labels';
import { type Place, type Structure, useStructure, useStructureWrites } from './structures.api';
import { changesOf, valuesOf } from './structures.form';
import { StructureForm } from './StructureForm';
import { UnitForm } from './UnitForm';
import './structures.css';

/**
 * One structure of her organisation: its place map and occupancy, and for
 * the head the out-of-service toggle, a new unit, the edit form (with the
 * secret address) and deactivation. Reading it is audited on the server.
 */
export function StructurePage() {
  const { id } = useParams();
  const query = useStructure(id);
  if (query.isPending) return <Loading />;
  if (!query.data) return <ProblemAlert error={query.error} />;
  return <StructureView key={query.data.id} structure={query.data} />;
}

function StructureView({ structure: s }: { structure: Structure }) {
  const { t } = useTranslation();
  const labels = useShelterLabels();
  const announce = useAnnounce();
  const writes = useStructureWrites();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [formError, setFormError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const [formKey, setFormKey] = useState(0);
  const manage = s.acts.manage;

  const onService = (place: Place, out: boolean) => {
    setBusy(place.id);
    setError(null);
    writes
      .service(s, place, { outOfService: out })
      .then(() => announce(out ? t('shelterStructures.map.tookOut', { label: place.label }) : t('shelterStructures.map.putBackDone', { label: place.label })))
      .catch((e: unknown) => setError(e))
      .finally(() => setBusy(null));
  };
  const onEdit = async (body: StructureCreate) => {
    const { update, networks } = changesOf(s, body);
    setSaving(true);
    setFormError(null);
    try {
      let current = s;
      if (Object.keys(update).length) current = await writes.update(current, update);
      if (networks) await writes.networks(current, networks);
      setFormKey((k) => k + 1);
      announce(t('shelterStructures.form.saved'));
    } catch (e) {
      setFormError(e);
    } finally {
      setSaving(false);
    }
  };
  const onActive = (active: boolean) => {
    setError(null);
    writes.active(s, active).catch((e: unknown) => setError(e));
  };

  return (
    <>
      <PageHeading>{s.name}</PageHeading>
      <p>
        {labels.label('level', s.level)} · {s.province.name}
        {s.active ? null : <span className="badge bg-secondary ms-2">{t('shelterStructures.page.inactive')}</span>}
      </p>
      <ProblemAlert error={error} />
      <Occupancy counts={s.counts} />
      <section aria-labelledby="map-title" className="mb-4">
        <h2 id="map-title" className="h4">
          {t('shelterStructures.map.title')}
        </h2>
        <PlaceMap structure={s} manage={manage} busy={busy} onService={onService} />
      </section>
      {manage ? (
        <>
          <UnitForm structure={s} />
          <StructureForm
            key={formKey}
            initial={valuesOf(s)}
            networkOptions={s.networkOptions}
            pending={saving}
            error={formError}
            submitLabel={t('shelterStructures.form.save')}
            onSubmit={(body) => void onEdit(body)}
          />
          <section aria-labelledby="active-title" className="mt-5">
            <h2 id="active-title" className="h4">
              {t('shelterStructures.active.title')}
            </h2>
            {s.active ? (
              <>
                <p>{s.acts.deactivate ? t('shelterStructures.active.deactivateHint') : t('shelterStructures.active.busy')}</p>
                {s.acts.deactivate ? <ConfirmButton label={t('shelterStructures.active.deactivate')} question={t('shelterStructures.active.question')} onConfirm={() => onActive(false)} /> : null}
              </>
            ) : (
              <button type="button" className="btn btn-outline-primary" onClick={() => onActive(true)}>
                {t('shelterStructures.active.reactivate')}
              </button>
            )}
          </section>
        </>
      ) : (
        <StructureFacts structure={s} />
      )}
    </>
  );
}

/** What the operator reads (she edits nothing): the address, rules and networks. */
function StructureFacts({ structure: s }: { structure: Structure }) {
  const { t } = useTranslation();
  const labels = useShelterLabels();
  const yes = (b: boolean) => (b ? t('shelterStructures.yes') : t('shelterStructures.no'));
  return (
    <section aria-labelledby="facts-title">
      <h2 id="facts-title" className="h4">
        {t('shelterStructures.form.title')}
      </h2>
      <dl className="structure-facts">
        <dt>{t('shelterStructures.fields.address.street')}</dt>
        <dd>
          {s.address.street}, {s.address.postcode} {s.comuneName ?? s.address.comuneIstat}
        </dd>
        {s.address.notes ? (
          <>
            <dt>{t('shelterStructures.fields.address.notes')}</dt>
            <dd>{s.address.notes}</dd>
          </>
        ) : null}
        <dt>{t('shelterStructures.fields.protectionLevel')}</dt>
        <dd>{labels.label('protectionLevel', s.protectionLevel)}</dd>
        <dt>{t('shelterStructures.fields.acceptsChildren')}</dt>
        <dd>{yes(s.acceptsChildren)}</dd>
        <dt>{t('shelterStructures.fields.petsAllowed')}</dt>
        <dd>{yes(s.petsAllowed)}</dd>
        <dt>{t('shelterStructures.fields.wheelchairAccessible')}</dt>
        <dd>{yes(s.wheelchairAccessible)}</dd>
        <dt>{t('shelterStructures.fields.networks')}</dt>
        <dd>{s.networks.map((n) => n.name).join(', ') || '—'}</dd>
      </dl>
    </section>
  );
}
