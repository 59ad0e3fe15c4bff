import { z } from 'zod';

/** Scalar input fields shared by several APIs (directory, cases) and the web's forms. */

export const istatCode = z.string().regex(/^\d{6}$/, 'istat_code');
export const phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9 ./-]{3,19}$/, 'phone_number');
export const email = z.email().max(200);
export const languageCode = z.string().regex(/^[a-z]{2,3}$/, 'language_code');
