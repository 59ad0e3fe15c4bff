import { z } from 'zod';
import { standardFlags } from './directory.js';

/**
 * The nightly minimum-standard check's findings (GET
 * /api/directory/standards/findings): each CAV of her scope found below the
 * standard, since which night. The live check stays GET /api/directory/standards.
 */
export const standardsFindingsOut = z.object({
  items: z.array(
    z.object({
      organisationId: z.uuid(),
      flags: z.array(z.enum(standardFlags)),
      /** YYYY-MM-DD, the Rome day of the first night it was found below. */
      belowSince: z.string(),
      checkedAt: z.date(),
    }),
  ),
});
