import { z } from 'zod';
import { programmeFrame } from '../../../../shared/autonomy.api';
import { lia2Frame } from '../../../../shared/autonomy.frames';
import { programmeBudgetsIn, programmeCreate, programmeResultsIn } from '../../../../shared/autonomy.programmes.api';
import { blank, blankNumber } from '../../../ui/form';
import { euroCents } from './money.form';

/**
 * The programmes' forms, checked with the API's schemas
 * (src/shared/autonomy.programmes.api.ts): the fields as typed (text, euros)
 * are read into the request, which the shared schema then checks whole (its
 * rules between fields included).
 */

const create = programmeCreate.shape;
const capCents = programmeFrame.shape.caps.unwrap().element.shape.amountCents;

/** A new programme from the L.I.A. 2 frame: its data, its total and an amount per cap of the frame (in the frame's order). */
export const newProgrammeForm = z
  .object({
    networkId: blank(create.networkId),
    name: blank(create.name),
    acronym: blank(create.acronym),
    decreeRef: blank(create.decreeRef),
    startsOn: blank(create.startsOn),
    endsOn: blank(create.endsOn),
    totalCents: euroCents(create.totalCents),
    caps: z.array(euroCents(capCents)),
  })
  .transform(
    ({ caps, ...programme }): z.input<typeof programmeCreate> => ({ ...programme, frame: { ...lia2Frame, caps: lia2Frame.caps.map((c, i) => ({ ...c, amountCents: caps[i] ?? c.amountCents })) } }),
  )
  .pipe(programmeCreate);

const budget = programmeBudgetsIn.shape.budgets.element.shape;
/** The name of a cell of the budget grid: by position, since frame codes may hold dots (a path separator to the form). */
export const cellName = (axisIndex: number, orgIndex: number) => `a${axisIndex}o${orgIndex}`;
/**
 * The budget grid as typed: an amount per axis and organisation; empty or
 * zero is no row, the rest is the API's `programmeBudgetsIn`.
 */
export const budgetGridForm = (axes: readonly string[], orgs: readonly string[]) =>
  z
    .object({ cells: z.record(z.string(), euroCents(budget.amountCents.optional())) })
    .transform(({ cells }) => ({
      budgets: axes.flatMap((axisCode, a) =>
        orgs.flatMap((organisationId, o) => {
          const amountCents = cells[cellName(a, o)];
          return amountCents ? [{ axisCode, organisationId, amountCents }] : [];
        }),
      ),
    }))
    .pipe(programmeBudgetsIn);

const result = programmeResultsIn.shape.results.element;
/**
 * Targets and the actual values typed by hand, as whole numbers; an empty
 * actual value is none (null). Each result's id, label and measure travel
 * unchanged.
 */
export const resultsForm = programmeResultsIn.extend({
  results: z.array(result.extend({ target: blankNumber(result.shape.target), manualActual: blankNumber(result.shape.manualActual) })),
});
