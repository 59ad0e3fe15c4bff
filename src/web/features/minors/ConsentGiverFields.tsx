import type { UseFormRegisterReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { SelectField } from '../../ui/fields';
import { useCaseLabels } from '../cases/cases.labels';
import { useMinor } from './minor.api';

/**
 * On a minor's case, who gives the consent (docs/minors.md): she herself,
 * a holder of parental responsibility (named; never one recorded as the
 * author, whom the list leaves out and the server refuses), or whoever the
 * court appointed. Nothing is shown on an adult's case: the consent is hers.
 */
export function ConsentGiverFields({ caseId, givenBy, registerGivenBy, registerHolder, errorAt }: {
  caseId: string;
  givenBy: string | undefined;
  registerGivenBy: UseFormRegisterReturn;
  registerHolder: UseFormRegisterReturn;
  errorAt: (path: string) => string | undefined;
}) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const minor = useMinor(caseId);
  const record = minor.data?.record;
  if (!record) return null;
  const holders = record.holders.filter((h) => !h.isAuthor);
  return (
    <div className="row g-3">
      <div className="col-12 col-md-6">
        <SelectField id="consent-given-by" label={t('minors.givenBy')} hint={t('minors.consentRule')} placeholder={t('common.choose')} options={labels.options('consentGiver')} {...registerGivenBy} error={errorAt('givenBy')} />
      </div>
      {givenBy === 'titolare' ? (
        <div className="col-12 col-md-6">
          <SelectField
            id="consent-holder"
            label={t('minors.givenByHolder')}
            placeholder={t('common.choose')}
            options={holders.map((h) => ({ value: h.id, label: `${labels.label('holderRelation', h.relation)}${h.name ? ` — ${h.name}` : ''}` }))}
            {...registerHolder}
            error={errorAt('holderId')}
          />
        </div>
      ) : null}
    </div>
  );
}
