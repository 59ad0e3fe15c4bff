import type { OrganisationType } from '../../../../shared/domain';
import { useLabels } from '../../../ui/labels';

/**
 * The roles offered for the chosen organisation: only those its kind may
 * hold (`rolesByOrganisationType`; the server refuses the others), every
 * role while none is chosen. When the organisation changes, a role chosen
 * before that no longer fits is cleared, so nobody sends a refused pair.
 */
export function useFittingRoles(
  organisations: readonly { value: string; type: OrganisationType }[],
  chosenOrganisation: unknown,
  role: { get: () => unknown; clear: () => void },
) {
  const labels = useLabels();
  // The form's values are typed loosely (an empty select holds ''): compare as they are.
  const optionsFor = (organisationId: unknown) => labels.roleOptionsFor(organisations.find((o) => o.value === organisationId)?.type);
  return {
    options: optionsFor(chosenOrganisation),
    onOrganisationChange: (e: { target: { value: string } }) => {
      const chosen = role.get();
      if (chosen && !optionsFor(e.target.value).some((o) => o.value === chosen)) role.clear();
    },
  };
}
