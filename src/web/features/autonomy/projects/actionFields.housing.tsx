import { publicHousingKinds } from '../../../../shared/autonomy';
import { housingLevels } from '../../../../shared/autonomy.actions.api';
import { Check, Choice, Day, LongText, Money, Text, type FamilyFieldsProps } from './actionFields';
import { useActionTexts } from './actions.texts';
import { useProjectTexts } from './projects.texts';

/** The details of a housing action (abitare): search, contract, deposit, a move between levels, public housing. */
export function HousingFields({ kind, field: f }: FamilyFieldsProps) {
  const x = useActionTexts();
  const { label } = useProjectTexts();
  const levels = housingLevels.map((v) => ({ value: v, label: x.housingLevels[v] }));
  switch (kind) {
    case 'ricerca_casa':
      return (
        <>
          <Text f={f('zone')} />
          <LongText f={f('note')} />
        </>
      );
    case 'contratto':
      return (
        <>
          <Text f={f('address')} />
          <Money f={f('monthlyRentCents')} />
          <Text f={f('landlord')} />
        </>
      );
    case 'deposito':
      return <Money f={f('amountCents')} />;
    case 'cambio_alloggio':
      return (
        <>
          <Choice f={f('from')} options={levels} />
          <Choice f={f('to')} options={levels} />
        </>
      );
    case 'domanda_casa_pubblica':
      return (
        <>
          <Choice f={f('body')} options={publicHousingKinds.map((v) => ({ value: v, label: label('publicHousingKind', v) }))} />
          <Check f={f('preferentialCategory')} />
          <Day f={f('filedOn')} />
        </>
      );
    default:
      return null;
  }
}
