import { childServices, incomeMeasures } from '../../../../shared/autonomy';
import { Choice, Money, Text, type FamilyFieldsProps } from './actionFields';
import { useProjectTexts } from './projects.texts';

/** The details of a conciliation action (a service for her children) or of another income support (economica). */
export function SupportFields({ kind, field: f }: FamilyFieldsProps) {
  const { label } = useProjectTexts();
  switch (kind) {
    case 'servizio_figli':
      return (
        <>
          <Choice f={f('service')} options={childServices.map((v) => ({ value: v, label: label('childService', v) }))} />
          <Text f={f('provider')} />
        </>
      );
    case 'misura_reddito':
      return (
        <>
          <Choice f={f('measure')} options={incomeMeasures.map((v) => ({ value: v, label: label('incomeMeasure', v) }))} />
          <Text f={f('measureName')} />
          <Money f={f('monthlyCents')} />
        </>
      );
    default:
      return null;
  }
}
