import { contractKinds, tirocinioPayers } from '../../../../shared/autonomy.actions.api';
import { Check, Choice, Count, Day, LongText, Money, Text, type FamilyFieldsProps } from './actionFields';
import { useActionTexts } from './actions.texts';

/** The details of a work action (lavoro): the CPI's first interview, skills, tirocinio, training, placement, self-employment. */
export function WorkFields({ kind, field: f }: FamilyFieldsProps) {
  const x = useActionTexts();
  switch (kind) {
    case 'colloquio_cpi':
      // Each step ticked, with its day when known.
      return (
        <fieldset className="mb-3">
          <legend className="fs-6 fw-semibold px-0">{x.cpiLegend}</legend>
          {(
            [
              ['did', 'didOn'],
              ['sap', 'sapOn'],
              ['pattoServizio', 'pattoOn'],
            ] as const
          ).map(([step, on]) => (
            <div key={step} className="row g-3 align-items-center">
              <div className="col-12 col-md-6">
                <Check f={f(step)} />
              </div>
              <div className="col-12 col-md-6">
                <Day f={f(on)} />
              </div>
            </div>
          ))}
        </fieldset>
      );
    case 'bilancio_competenze':
      return (
        <>
          <Text f={f('by')} />
          <LongText f={f('summary')} />
        </>
      );
    case 'tirocinio':
      return (
        <>
          <Text f={f('host')} />
          <Count f={f('hoursPerWeek')} />
          <Money f={f('monthlyAllowanceCents')} />
          <Choice f={f('paidBy')} options={tirocinioPayers.map((v) => ({ value: v, label: x.payers[v] }))} />
        </>
      );
    case 'formazione':
      return (
        <>
          <Text f={f('provider')} />
          <Text f={f('course')} />
          <Count f={f('hours')} />
        </>
      );
    case 'inserimento_lavorativo':
      return (
        <>
          <Text f={f('employer')} />
          <Choice f={f('contract')} options={contractKinds.map((v) => ({ value: v, label: x.contracts[v] }))} />
        </>
      );
    case 'autoimpiego':
      return (
        <>
          <Text f={f('activity')} />
          <LongText f={f('support')} />
        </>
      );
    default:
      return null;
  }
}
