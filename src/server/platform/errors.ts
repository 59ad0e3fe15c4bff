import type { FieldIssue, ProblemCode } from '../../shared/problems.js';

/**
 * The one error type of the application. Its code picks the HTTP status and
 * the localised title (src/shared/problems.ts). Field errors carry codes
 * (src/shared/field-errors.ts), never sentences; `detail` must never contain
 * personal data.
 */
export class AppError extends Error {
  constructor(
    readonly code: ProblemCode,
    readonly options: { detail?: string; errors?: FieldIssue[]; headers?: Record<string, string> } = {},
  ) {
    super(code);
    this.name = 'AppError';
  }
}

export const notFound = () => new AppError('not_found');
