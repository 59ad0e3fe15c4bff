import { z } from 'zod';
import {
  applicationIn,
  cofinancingIn,
  fundsExpenseIn,
  fundsYearCreate,
  fundsYearUpdate,
  governanceIn,
  planIn,
  planMoveChecks,
  planMoveFields,
  reviewChecks,
  reviewFields,
} from '../../../../shared/autonomy.funds.api';
import { blank, blankNumber } from '../../../ui/form';
import { euroCents } from '../programmes/money.form';

/**
 * The regional funds' forms, checked with the API's schemas
 * (src/shared/autonomy.funds.api.ts): what the fields hold (text, euros as
 * typed) is read into what the API takes (cents, absent values), and the
 * API's own rules (limits, the review's and the plan moves' rules) run in
 * the browser before anything is sent.
 */

/** An empty call field clears it: the API takes null for that. */
const blankNull = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? null : value), schema);

export const openYearForm = fundsYearCreate.extend({
  networkId: blank(fundsYearCreate.shape.networkId),
  year: blankNumber(fundsYearCreate.shape.year),
  contributionCents: euroCents(fundsYearCreate.shape.contributionCents),
});

const update = fundsYearUpdate.shape;
export const contributionForm = z.object({ contributionCents: euroCents(update.contributionCents.unwrap()) }).strict();
export const callForm = z
  .object({ callOpensOn: blankNull(update.callOpensOn.unwrap()), callClosesOn: blankNull(update.callClosesOn.unwrap()), callReference: blankNull(update.callReference.unwrap()) })
  .strict();

export const governanceForm = governanceIn.extend({
  description: blank(governanceIn.shape.description),
  amountCents: euroCents(governanceIn.shape.amountCents),
  incurredOn: blank(governanceIn.shape.incurredOn),
});

/** The capofila's own co-financing (no other organisation named here). */
export const cofinancingForm = cofinancingIn.omit({ organisationId: true }).extend({
  kind: blank(cofinancingIn.shape.kind),
  description: blank(cofinancingIn.shape.description),
  amountCents: euroCents(cofinancingIn.shape.amountCents),
});

/** A partner's own application (her organisation is added when sent). */
export const applicationForm = applicationIn.omit({ organisationId: true }).extend({
  requestedCents: euroCents(applicationIn.shape.requestedCents),
  submittedOn: blank(applicationIn.shape.submittedOn),
});

export const reviewForm = reviewChecks(
  reviewFields.extend({
    outcome: blank(reviewFields.shape.outcome),
    reason: blank(reviewFields.shape.reason),
    proposedCents: euroCents(reviewFields.shape.proposedCents),
    reviewedOn: blank(reviewFields.shape.reviewedOn),
  }),
);

/** condividi (its day), invia (its day and protocol): `move` travels as a value the form does not show. */
export const planMoveForm = planMoveChecks(planMoveFields.extend({ on: blank(planMoveFields.shape.on), protocol: blank(planMoveFields.shape.protocol) }));

export const fundsExpenseForm = fundsExpenseIn.extend({
  category: blank(fundsExpenseIn.shape.category),
  description: blank(fundsExpenseIn.shape.description),
  amountCents: euroCents(fundsExpenseIn.shape.amountCents),
  spentOn: blank(fundsExpenseIn.shape.spentOn),
  documentRef: blank(fundsExpenseIn.shape.documentRef),
});

const allocationCents = planIn.shape.allocations.element.shape.amountCents;
/**
 * The plan as typed: an amount per registered organisation (by its id);
 * empty or zero allocates nothing, and the rest is the API's `planIn`.
 */
export const planForm = z
  .object({ amounts: z.record(z.string(), euroCents(allocationCents.or(z.literal(0)).optional())) })
  .transform(({ amounts }) => ({
    allocations: Object.entries(amounts).flatMap(([organisationId, amountCents]) => (amountCents ? [{ organisationId, amountCents }] : [])),
  }))
  .pipe(planIn);
