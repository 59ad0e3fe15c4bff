import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { permissions } from '../../api/permissions';
import { can, useMe } from '../../api/session';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { SelectField } from '../../ui/fields';
import { ProblemAlert, SuccessAlert } from '../../ui/ProblemAlert';
import { ComuneCombobox } from '../routing/ComuneCombobox';
import { comuneLabel } from '../routing/comuni.api';
import { patchCase } from './cases.api';
import { useCaseLabels } from './cases.labels';
import type { CasePatch, CaseRecord } from './cases.types';
import { isStale, useCaseWrite } from './cases.write';
import { IdentityFields } from './IdentityFields';
import { profileDraft, profileFieldIds, profilePatch, type ProfileDraft, type ProfileErrors } from './profile.form';
import { ReportsFields } from './ReportsFields';
import { SafeContactFields } from './SafeContactFields';
import { StaleCaseNotice } from './StaleCaseNotice';
import { StatProfileFields } from './StatProfileFields';
import { summaryItems, useCaseErrors } from './useCaseErrors';

/**
 * Profilo: the record's risk, emergency and comune, her identity and
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
  const [d, setD] = useState<ProfileDraft>(() => profileDraft(record));
  const [local, setLocal] = useState<ProfileErrors>({});
  const server = useCaseErrors(error);
  const errors: Record<string, string> = { ...server };
  for (const [path, key] of Object.entries(local)) errors[path] = t(`cases.errors.${key}`);
  const sees = (s: 'identity' | 'profile') => record.access.sections.includes(s);
  const fieldIds = { ...profileFieldIds };
  d.reports.forEach((_, i) => (fieldIds[`profile.reports.${i}`] = `profile-report-${i}-kind`));
  d.measures.forEach((_, i) => (fieldIds[`profile.protectionMeasures.${i}`] = `profile-measure-${i}-type`));

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const { patch, errors: found } = profilePatch(d, record);
    setLocal(found);
    if (Object.keys(found).length === 0) onSubmit(patch);
  };
  const summary = summaryItems(errors, fieldIds);

  return (
    <form noValidate onSubmit={submit} className="case-form" aria-label={t('cases.profile.formLabel')}>
      <ErrorSummary id="profile-errors" items={summary} />
      {error && Object.keys(server).length === 0 ? <ProblemAlert error={error} /> : null}
      <fieldset disabled={readOnly}>
        <fieldset className="mb-4">
          <legend className="h5 px-0">{t('cases.profile.general')}</legend>
          <div className="row g-3">
            <div className="col-12 col-md-6">
              <SelectField id="profile-risk" label={t('cases.fields.risk')} hint={t('cases.profile.riskHint')} placeholder={t('cases.risk.none')} options={labels.options('risk')} value={d.riskLevel} onChange={(e) => setD({ ...d, riskLevel: e.currentTarget.value })} error={errors.riskLevel} />
            </div>
            <div className="col-12 col-md-6">
              <ComuneCombobox
                id="profile-comune"
                label={t('cases.fields.comune')}
                hint={t('cases.wizard.comuneHint')}
                error={errors.comuneCode}
                text={d.comuneText}
                onText={(v) => setD({ ...d, comuneText: v, comuneCode: '' })}
                onPick={(c) => setD({ ...d, comuneText: comuneLabel(c), comuneCode: c.istatCode })}
              />
            </div>
          </div>
          <div className="form-check mb-2">
            <input id="profile-emergency" type="checkbox" checked={d.emergency} onChange={(e) => setD({ ...d, emergency: e.currentTarget.checked })} />
            <label htmlFor="profile-emergency">{t('cases.wizard.emergency')}</label>
          </div>
        </fieldset>
        {sees('identity') ? (
          <>
            <IdentityFields value={d.identity} onChange={(v) => setD({ ...d, identity: v })} errors={errors} />
            <SafeContactFields prefix="profile" value={d.safeContact} onChange={(v) => setD({ ...d, safeContact: v })} errors={errors} />
          </>
        ) : null}
        {sees('profile') ? (
          <>
            <StatProfileFields value={d.stat} onChange={(v) => setD({ ...d, stat: v })} errors={errors} />
            <ReportsFields reports={d.reports} measures={d.measures} onReports={(v) => setD({ ...d, reports: v })} onMeasures={(v) => setD({ ...d, measures: v })} errors={errors} />
          </>
        ) : null}
      </fieldset>
      {readOnly ? null : (
        <button type="submit" className="btn btn-primary" disabled={pending} aria-busy={pending}>
          {t('common.save')}
        </button>
      )}
    </form>
  );
}
