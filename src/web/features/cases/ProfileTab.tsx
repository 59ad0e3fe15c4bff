import { FormProvider, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { permissions } from '../../api/permissions';
import { can, useMe } from '../../api/session';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { serverIssues, useFormMessages, useSchemaForm } from '../../ui/form';
import { ProblemAlert, SuccessAlert } from '../../ui/ProblemAlert';
import { patchCase } from './cases.api';
import { useCaseLabels } from './cases.labels';
import { ComuneField } from './ComuneField';
import type { CasePatch, CaseRecord } from './cases.types';
import { isStale, useCaseWrite } from './cases.write';
import { IdentityFields, useIdentityFields } from './IdentityFields';
import { profilePatch, profileSchema, profileValues } from './profile.form';
import { ReportsFields, useReportsFields } from './ReportsFields';
import { SafeContactFields, useSafeContactFields } from './SafeContactFields';
import { StaleCaseNotice } from './StaleCaseNotice';
import { EmergencyBadge } from './CaseBadges';
import { EmergencyWhy } from './EmergencyWhy';
import { StatProfileFields, useStatProfileFields } from './StatProfileFields';

/**
 * Profilo: the record's risk and emergency (both derived, shown) and comune, her identity and
 * safe-contact instructions, the statistical profile. One save, with the
 * version she read (If-Match); a 412 reloads the current version and says so.
 */
export function ProfileTab({ record }: { record: CaseRecord }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const readOnly = !can(me, permissions.caseWrite) || !record.access.acts.editRecord;
  const save = useCaseWrite(record, (current, patch: CasePatch) => patchCase(current, patch));
  return (
    <>
      {save.isSuccess ? <SuccessAlert>{t('cases.profile.saved')}</SuccessAlert> : null}
      <StaleCaseNotice error={save.error} />
      {/* A new version (saved, or reloaded after a conflict) starts the form afresh. */}
      <ProfileForm key={record.version} record={record} readOnly={readOnly} pending={save.isPending} error={isStale(save.error) ? null : save.error} onSubmit={(patch) => save.mutate(patch)} />
    </>
  );
}

function ProfileForm({ record, readOnly, pending, error, onSubmit }: { record: CaseRecord; readOnly: boolean; pending: boolean; error: unknown; onSubmit: (patch: CasePatch) => void }) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const form = useSchemaForm(profileSchema, { defaultValues: profileValues(record) });
  const sees = (s: 'identity' | 'profile') => record.access.sections.includes(s);
  const [reports, measures] = useWatch({ control: form.control, name: ['profile.reports', 'profile.protectionMeasures'] });
  const reportsFields = useReportsFields({ reports: reports?.length ?? 0, measures: measures?.length ?? 0 });
  const fields = {
    comune: { id: 'profile-comune', label: t('cases.fields.comune') },
    comuneCode: { id: 'profile-comune', label: t('cases.fields.comune') },
    ...useIdentityFields(),
    ...useSafeContactFields('profile'),
    ...useStatProfileFields(),
    ...reportsFields,
  };
  const messages = useFormMessages(form.formState.errors, error, fields);
  const hasFieldErrors = Object.keys(serverIssues(error)).length > 0;

  return (
    <FormProvider {...form}>
      <form noValidate onSubmit={form.handleSubmit((v) => onSubmit(profilePatch(v, record)))} className="case-form" aria-label={t('cases.profile.formLabel')}>
        <ErrorSummary id="profile-errors" items={messages.summary} />
        {error && !hasFieldErrors ? <ProblemAlert error={error} /> : null}
        <fieldset disabled={readOnly}>
          <fieldset className="mb-4">
            <legend className="h5 px-0">{t('cases.profile.general')}</legend>
            <div className="row g-3">
              <div className="col-12 col-md-6">
                {/* Set by the risk assessments, never edited here: shown with where it comes from. */}
                <p className="mb-1 fw-semibold" id="profile-risk">
                  {t('cases.fields.risk')}
                </p>
                <p className="mb-0" aria-describedby="profile-risk-hint">
                  {record.riskLevel ? labels.label('risk', record.riskLevel) : t('cases.risk.none')}
                </p>
                <small id="profile-risk-hint" className="form-text">
                  {t('cases.profile.riskHint')}
                </small>
              </div>
              <div className="col-12 col-md-6">
                <ComuneField {...fields.comune} messages={messages} />
              </div>
            </div>
            {/* Derived from events and assessments, never edited here: shown with what set it. */}
            <div className="mt-3" data-testid="profile-emergency">
              <p className="mb-1 fw-semibold">{t('cases.wizard.emergency')}</p>
              <p className="mb-0" aria-describedby="profile-emergency-why">
                {record.emergency ? <EmergencyBadge /> : t('cases.emergencyWhy.notNow')}
              </p>
              <EmergencyWhy record={record} id="profile-emergency-why" />
            </div>
          </fieldset>
          {sees('identity') ? (
            <>
              <IdentityFields messages={messages} />
              <SafeContactFields prefix="profile" messages={messages} />
            </>
          ) : null}
          {sees('profile') ? (
            <>
              <StatProfileFields messages={messages} />
              <ReportsFields fields={reportsFields} messages={messages} />
            </>
          ) : null}
        </fieldset>
        {readOnly ? null : (
          <button type="submit" className="btn btn-primary" disabled={pending} aria-busy={pending}>
            {t('common.save')}
          </button>
        )}
      </form>
    </FormProvider>
  );
}
