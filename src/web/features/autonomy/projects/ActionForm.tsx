import type { UseFormReturn } from 'react-hook-form';
import { actionOutcomes, actionStatuses, familyOf, type ActionKind } from '../../../../shared/autonomy';
import { ErrorSummary } from '../../../ui/ErrorSummary';
import { SelectField, TextField } from '../../../ui/fields';
import { serverIssues, useFormMessages, useSchemaForm, type FormField } from '../../../ui/form';
import { ProblemAlert } from '../../../ui/ProblemAlert';
import { isStale } from '../../cases/cases.write';
import type { FieldOf } from './actionFields';
import { HousingFields } from './actionFields.housing';
import { SupportFields } from './actionFields.support';
import { WorkFields } from './actionFields.work';
import { type Action, type ActionFormOutput, type ActionFormValues, actionForm, detailsFieldRules, detailsShapeOf, emptyAction, emptyDetails, formValuesOf } from './actions.form';
import { useActionTexts } from './actions.texts';
import { useProjectTexts } from './projects.texts';

type Form = UseFormReturn<ActionFormValues, unknown, ActionFormOutput>;

/** The details' fields of a kind, by its family. */
function DetailsFields({ kind, field }: { kind: ActionKind; field: FieldOf }) {
  switch (familyOf(kind)) {
    case 'lavoro':
      return <WorkFields kind={kind} field={field} />;
    case 'abitare':
      return <HousingFields kind={kind} field={field} />;
    default:
      return <SupportFields kind={kind} field={field} />;
  }
}

/**
 * The fields every action has, the details of its kind and the messages:
 * the form's own checks and the server's field errors, each tied to its
 * field and listed in the error summary (which takes the focus).
 */
function useActionFields(prefix: string, form: Form, error: unknown, kind: ActionKind | '') {
  const x = useActionTexts();
  const p = useProjectTexts().x;
  const own: Record<string, FormField> = {
    'details.kind': { id: `${prefix}-kind`, label: x.chooseKind },
    status: { id: `${prefix}-status`, label: p.status },
    outcome: { id: `${prefix}-outcome`, label: p.outcome },
    startsOn: { id: `${prefix}-starts`, label: p.startsOn },
    endsOn: { id: `${prefix}-ends`, label: p.endsOn },
    costCents: { id: `${prefix}-cost`, label: p.cost },
  };
  const names = kind ? Object.keys(detailsShapeOf(kind)).filter((k) => k !== 'kind') : [];
  const labelOf = (name: string) => (kind ? ((x.fields[kind] as Record<string, string>)[name] ?? name) : name);
  for (const name of names) own[`details.${name}`] = { id: `${prefix}-${name}`, label: labelOf(name) };
  // In this form a value of the wrong type can only be a number typed as text, and a bad format only euros.
  const messages = useFormMessages(form.formState.errors, isStale(error) ? null : error, own, { invalid_format: x.amountInvalid, invalid_type: x.wholeNumber });
  const field: FieldOf = (name) => {
    const rules = kind ? detailsFieldRules(kind, name) : { required: false, maxLength: undefined };
    const path = `details.${name}` as const;
    return {
      id: own[path]?.id ?? `${prefix}-${name}`,
      label: rules.required ? labelOf(name) : `${labelOf(name)} ${x.optional}`,
      error: messages.at(path),
      required: rules.required,
      maxLength: rules.maxLength,
      ...form.register(path),
    };
  };
  const base = (name: 'status' | 'outcome' | 'startsOn' | 'endsOn' | 'costCents') => ({ id: own[name]!.id, label: own[name]!.label, error: messages.at(name), ...form.register(name) });
  // A refusal with no field errors (the project closed, no access) is said as the problem's title.
  const problem = error && !isStale(error) && Object.keys(serverIssues(error)).length === 0 ? error : null;
  return { messages, field, base, problem };
}

/** Status, outcome, dates and cost: the same on a new action and an edited one. */
function CommonFields({ base }: { base: ReturnType<typeof useActionFields>['base'] }) {
  const { x, label } = useProjectTexts();
  const a = useActionTexts();
  return (
    <div className="row g-3">
      <div className="col-12 col-md-6">
        <SelectField {...base('status')} options={actionStatuses.map((v) => ({ value: v, label: label('actionStatus', v) }))} />
      </div>
      <div className="col-12 col-md-6">
        <SelectField {...base('outcome')} label={`${x.outcome} ${a.optional}`} placeholder="—" options={actionOutcomes.map((v) => ({ value: v, label: label('actionOutcome', v) }))} />
      </div>
      <div className="col-12 col-md-4">
        <TextField {...base('startsOn')} type="date" label={`${x.startsOn} ${a.optional}`} />
      </div>
      <div className="col-12 col-md-4">
        <TextField {...base('endsOn')} type="date" label={`${x.endsOn} ${a.optional}`} />
      </div>
      <div className="col-12 col-md-4">
        <TextField {...base('costCents')} label={`${x.cost} ${a.optional}`} inputMode="decimal" hint={a.amountHint} />
      </div>
    </div>
  );
}

/** A new action of a kind of the families she writes (`kinds`); the fields follow the kind chosen. */
export function NewActionForm({
  kinds,
  pending,
  error,
  onSubmit,
}: {
  kinds: readonly ActionKind[];
  pending: boolean;
  error: unknown;
  /** `recorded` empties the form, once the server took the action. */
  onSubmit: (values: ActionFormOutput, recorded: () => void) => void;
}) {
  const x = useActionTexts();
  const { label } = useProjectTexts();
  const ID = 'action';
  const form = useSchemaForm(actionForm, { defaultValues: emptyAction() });
  const kind = form.watch('details.kind');
  const { messages, field, base, problem } = useActionFields(ID, form, error, kind);
  const families = [...new Set(kinds.map(familyOf))];
  return (
    <form
      noValidate
      className="mt-4"
      aria-labelledby={`${ID}-title`}
      onSubmit={form.handleSubmit((v) => onSubmit(v, () => form.reset(emptyAction())))}
    >
      <h3 id={`${ID}-title`} className="h5">
        {x.newTitle}
      </h3>
      <p>{x.newIntro}</p>
      <ErrorSummary id={`${ID}-errors`} items={messages.summary} />
      <ProblemAlert error={problem} />
      <SelectField
        id={`${ID}-kind`}
        label={x.chooseKind}
        aria-required="true"
        placeholder="—"
        error={messages.at('details.kind')}
        options={[]}
        groups={families.map((f) => ({ label: label('actionFamily', f), options: kinds.filter((k) => familyOf(k) === f).map((k) => ({ value: k, label: label('actionKind', k) })) }))}
        {...form.register('details.kind', {
          // Another kind has other fields: they start empty.
          onChange: (e: { target: { value: string } }) => form.setValue('details', emptyDetails(e.target.value as ActionKind | '')),
        })}
      />
      {kind ? (
        <>
          <fieldset className="mb-3">
            <legend className="fs-6 fw-semibold px-0">{label('actionKind', kind)}</legend>
            <DetailsFields kind={kind} field={field} />
          </fieldset>
          <CommonFields base={base} />
        </>
      ) : null}
      <button type="submit" className="btn btn-primary" disabled={pending} aria-busy={pending}>
        {x.add}
      </button>
    </form>
  );
}

/** An action recorded: its status, outcome, dates, cost and the details of its kind (which never changes). */
export function EditActionForm({
  action,
  pending,
  error,
  onSubmit,
  onCancel,
}: {
  action: Action;
  pending: boolean;
  error: unknown;
  onSubmit: (values: ActionFormOutput) => void;
  onCancel: () => void;
}) {
  const x = useActionTexts();
  const { lang, label } = useProjectTexts();
  const ID = 'action-edit';
  const kind = action.kind as ActionKind;
  const form = useSchemaForm(actionForm, { defaultValues: formValuesOf(action, lang) });
  const { messages, field, base, problem } = useActionFields(ID, form, error, kind);
  return (
    <form noValidate className="mt-4 mb-4" aria-labelledby={`${ID}-title`} onSubmit={form.handleSubmit(onSubmit)}>
      <h3 id={`${ID}-title`} className="h5" tabIndex={-1}>
        {x.editTitle(label('actionKind', kind))}
      </h3>
      <p>{x.editIntro}</p>
      <ErrorSummary id={`${ID}-errors`} items={messages.summary} />
      <ProblemAlert error={problem} />
      <CommonFields base={base} />
      <fieldset className="mb-3">
        <legend className="fs-6 fw-semibold px-0">{label('actionKind', kind)}</legend>
        <DetailsFields kind={kind} field={field} />
      </fieldset>
      <div className="d-flex flex-wrap gap-2">
        <button type="submit" className="btn btn-primary" disabled={pending} aria-busy={pending}>
          {x.save}
        </button>
        <button type="button" className="btn btn-outline-primary" onClick={onCancel}>
          {x.cancel}
        </button>
      </div>
    </form>
  );
}
