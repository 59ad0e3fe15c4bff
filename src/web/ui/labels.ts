import { useTranslation } from 'react-i18next';
import { membershipRoles, organisationTypes, rolesByOrganisationType, type OrganisationType, type Role } from '../../shared/domain';
import { organisationTypeLabels, roleLabels, type Lang } from '../../shared/labels';
import { currentLanguage } from '../i18n';

/** Labels of domain codes (shared with the server) in the current UI language. */
export function useLabels() {
  useTranslation(); // subscribes to language changes, so labels re-render
  const lang: Lang = currentLanguage();
  return {
    lang,
    role: (role: Role) => roleLabels[role][lang],
    organisationType: (type: OrganisationType) => organisationTypeLabels[type][lang],
    /** The roles an organisation of this kind may hold (every role while none is chosen). */
    roleOptionsFor: (type: OrganisationType | undefined) =>
      (type ? rolesByOrganisationType[type] : membershipRoles).map((r) => ({ value: r, label: roleLabels[r][lang] })),
    organisationTypeOptions: organisationTypes.map((t) => ({ value: t, label: organisationTypeLabels[t][lang] })),
  };
}
