import { z } from 'zod';
import { type ActionKind, type ActionOutcome, type ActionStatus, actionStatuses, actionOutcomes } from '../../../../shared/autonomy';
import { actionDetails, type ActionCreate, type ActionDetails, type ActionPatch } from '../../../../shared/autonomy.actions.api';
import { cents } from '../../../../shared/autonomy.api';
import { blank, blankNumber, maxLengthOf } from '../../../ui/form';
import { euroText } from '../programmes/money';
import { euroCents } from '../programmes/money.form';
import type { ActionList } from './projects.api';

/**
 * An action's form (new or edited) checked with the API's schemas
 * (src/shared/autonomy.actions.api.ts): the details' form is derived, kind
 * by kind, from the shared discriminated union, so a limit changed there is
 * checked here too. Fields hold text (euros as people type them, numbers
 * as typed, '' for nothing), checkboxes hold booleans.
 */

export type Action = ActionList['items'][number];

/** What the details' fields hold: the kind ('' until chosen) and every field of that kind. */
export type DetailsValues = { kind: ActionKind | '' } & Record<string, string | boolean>;

export interface ActionFormValues {
  status: ActionStatus;
  outcome: ActionOutcome | '';
  startsOn: string;
  endsOn: string;
  /** Euros as typed. */
  costCents: string;
  details: DetailsValues;
}

/** What a valid form gives: the API's values, an empty field absent. */
export interface ActionFormOutput {
  status: ActionStatus;
  outcome?: ActionOutcome | undefined;
  startsOn?: string | undefined;
  endsOn?: string | undefined;
  costCents?: number | undefined;
  details: ActionDetails;
}

/** The schema under optional and nullable wrappers. */
function inner(schema: z.ZodType): z.ZodType {
  let s: unknown = schema;
  while (s instanceof z.ZodOptional || s instanceof z.ZodNullable) s = s.unwrap();
  return s as z.ZodType;
}

/** A shared details field as a form field: booleans as they are, amounts in euros, numbers and texts as typed. */
function formField(name: string, schema: z.ZodType): z.ZodType {
  const base = inner(schema);
  if (base instanceof z.ZodBoolean) return schema;
  if (base instanceof z.ZodNumber) return name.endsWith('Cents') ? euroCents(schema) : blankNumber(schema);
  return blank(schema);
}

type DetailsOption = (typeof actionDetails.options)[number];

/** The shared shape of one kind's details. */
export function detailsShapeOf(kind: ActionKind): Record<string, z.ZodType> {
  const option = actionDetails.options.find((o: DetailsOption) => o.shape.kind.value === kind);
  return option!.shape as unknown as Record<string, z.ZodType>;
}

// The form's details: each kind's shared shape with form fields (not strict: a
// field of another kind left in the values is dropped, never sent).
const detailsForm = z.discriminatedUnion(
  'kind',
  actionDetails.options.map((o: DetailsOption) =>
    z.object(Object.fromEntries(Object.entries(o.shape as unknown as Record<string, z.ZodType>).map(([k, s]) => [k, k === 'kind' ? s : formField(k, s)]))),
  ) as unknown as [z.ZodObject<{ kind: z.ZodLiteral<string> }>, ...z.ZodObject<{ kind: z.ZodLiteral<string> }>[]],
);

/** No kind chosen yet is a required field (not an invalid union). */
const detailsChosen = z.preprocess((value, ctx) => {
  if (value && typeof value === 'object' && !(value as { kind?: unknown }).kind) {
    ctx.addIssue({ code: 'custom', message: 'required', path: ['kind'], input: value });
    return z.NEVER;
  }
  return value;
}, detailsForm);

const schema = z
  .object({
    status: z.enum(actionStatuses),
    outcome: blank(z.enum(actionOutcomes).optional()),
    startsOn: blank(z.iso.date().optional()),
    endsOn: blank(z.iso.date().optional()),
    costCents: euroCents(cents.optional()),
    details: detailsChosen,
  })
  // As the API checks it (field error `from_after_to` at /body/endsOn).
  .superRefine((v, ctx) => {
    if (v.startsOn && v.endsOn && v.endsOn < v.startsOn) ctx.addIssue({ code: 'custom', message: 'from_after_to', path: ['endsOn'] });
  });

/** The form's schema: typed by what its fields hold and what the API takes (the derivation above is too generic for Zod to infer). */
export const actionForm = schema as unknown as z.ZodType<ActionFormOutput, ActionFormValues>;

/** The empty fields of a kind's details (booleans unticked). */
export function emptyDetails(kind: ActionKind | ''): DetailsValues {
  if (!kind) return { kind: '' };
  const out: DetailsValues = { kind };
  for (const [k, s] of Object.entries(detailsShapeOf(kind))) if (k !== 'kind') out[k] = inner(s) instanceof z.ZodBoolean ? false : '';
  return out;
}

/** A new action's fields. */
export const emptyAction = (): ActionFormValues => ({ status: 'prevista', outcome: '', startsOn: '', endsOn: '', costCents: '', details: emptyDetails('') });

/** What the fields hold for a recorded action (edited only where her view shows its details). */
export function formValuesOf(a: Action, lang: 'it' | 'en'): ActionFormValues {
  const kind = a.kind as ActionKind;
  const details = emptyDetails(kind);
  for (const [k, v] of Object.entries(a.details ?? {})) {
    if (k === 'kind' || v === null || v === undefined) continue;
    details[k] = typeof v === 'number' ? (k.endsWith('Cents') ? euroText(v, lang) : String(v)) : (v as string | boolean);
  }
  return {
    status: a.status,
    outcome: a.outcome ?? '',
    startsOn: a.startsOn ?? '',
    endsOn: a.endsOn ?? '',
    costCents: euroText(a.costCents, lang),
    details,
  };
}

/** A new action's request: the fields left empty are not sent. */
export function createBody(v: ActionFormOutput): ActionCreate {
  return {
    status: v.status,
    ...(v.outcome ? { outcome: v.outcome } : {}),
    ...(v.startsOn ? { startsOn: v.startsOn } : {}),
    ...(v.endsOn ? { endsOn: v.endsOn } : {}),
    ...(v.costCents !== undefined ? { costCents: v.costCents } : {}),
    details: v.details,
  };
}

/** An edit's request: a field emptied is cleared (null); the details are sent whole (they replace the old ones, of the same kind). */
export function patchBody(v: ActionFormOutput): ActionPatch {
  return {
    status: v.status,
    outcome: v.outcome ?? null,
    startsOn: v.startsOn ?? null,
    endsOn: v.endsOn ?? null,
    costCents: v.costCents ?? null,
    details: v.details,
  };
}

/** Whether a details field must be filled (the shared schema takes it absent or not), and its longest text. */
export function detailsFieldRules(kind: ActionKind, name: string): { required: boolean; maxLength: number | undefined } {
  const schema = detailsShapeOf(kind)[name];
  if (!schema) return { required: false, maxLength: undefined };
  return { required: !schema.safeParse(undefined).success, maxLength: maxLengthOf(schema) };
}
