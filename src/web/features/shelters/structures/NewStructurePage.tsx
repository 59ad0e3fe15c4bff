import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { StructureCreate } from '../../../../shared/shelters.structures.api';
import { PageHeading } from '../../../ui/PageHeading';
import { useStructureWrites } from './structures.api';
import { emptyStructure } from './structures.form';
import { StructureForm } from './StructureForm';
import './structures.css';

/** A new structure (the head): its data and secret address; units, places and networks follow on its page. */
export function NewStructurePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const writes = useStructureWrites();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const onSubmit = (body: StructureCreate) => {
    setPending(true);
    setError(null);
    writes
      .create(body)
      .then((s) => navigate(`/ospitalita/strutture/${s.id}`))
      .catch((e: unknown) => setError(e))
      .finally(() => setPending(false));
  };
  return (
    <>
      <PageHeading>{t('shelterStructures.page.new')}</PageHeading>
      <p>{t('shelterStructures.page.newIntro')}</p>
      <StructureForm initial={emptyStructure()} networkOptions={null} pending={pending} error={error} submitLabel={t('shelterStructures.form.create')} onSubmit={onSubmit} />
    </>
  );
}
