import { hoursText, sportelloCreate, sportelloFields, sportelloPatch } from '../../../shared/directory.api.js';
import { withinHoursLimits } from '../../../shared/hours-limits.js';
import { checkHours } from './hours.js';

/**
 * The shared sportello shapes (src/shared/directory.api.ts) with the one
 * rule only the server can check: the grammar of opening hours. The
 * `opening_hours` parser runs in Europe/Rome (hours.ts asserts it) and is
 * too heavy for the browser bundle; the web shows the same verdict through
 * the live preview. Used by the routes and the import file alike.
 */

/**
 * An `opening_hours` expression that parses (the parser's message is not echoed: it quotes the input).
 * Zod runs this after a failed size check too: an expression beyond the limits never reaches the parser.
 */
export const hoursExpression = hoursText.superRefine((value, ctx) => {
  if (!withinHoursLimits(value)) return;
  if (!checkHours(value).ok) ctx.addIssue({ code: 'custom', message: 'opening_hours', params: { reason: 'opening_hours' } });
});

const checkedHours = { openingHours: hoursExpression.nullable().default(null), phoneHours: hoursExpression.nullable().default(null) };

/** A sportello's fields, hours checked. */
export const checkedSportelloFields = sportelloFields.extend(checkedHours);
/** POST body, hours checked. */
export const checkedSportelloCreate = sportelloCreate.extend(checkedHours);
/** PATCH body, hours checked. */
export const checkedSportelloPatch = sportelloPatch.extend({ openingHours: hoursExpression.nullable().optional(), phoneHours: hoursExpression.nullable().optional() });
