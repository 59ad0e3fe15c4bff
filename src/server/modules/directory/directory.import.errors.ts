import type { z } from 'zod';
import { codeOfIssue, type FieldErrorCode, type FieldErrorParams, limitParamsOf } from '../../../shared/field-errors.js';
import type { FieldIssue } from '../../../shared/problems.js';
import { AppError } from '../../platform/errors.js';

/**
 * The errors of a rejected import file: every problem found, each with a
 * JSON Pointer into the file, the externalId of the item it is about and a
 * code of src/shared/field-errors.ts (its texts there). Nothing of the file
 * is quoted but the externalId, in `item`.
 */

/** A file with more errors than this is answered with the first ones and a note. */
export const MAX_IMPORT_ERRORS = 500;

/** Names the checks use for an error whose code is shared with others (the text is the code's). */
export const importAliases = {
  name_taken_organisation: 'name_taken',
  name_taken_network: 'name_taken',
  unknown_network_scoped: 'unknown_network',
  unknown_organisation_scoped: 'unknown_organisation',
  unknown_sportello_scoped: 'unknown_sportello',
  unknown_existing: 'unknown_item',
  out_of_scope_item: 'out_of_scope',
  out_of_scope_capofila: 'out_of_scope',
  out_of_scope_new_organisation: 'out_of_scope',
} as const satisfies Record<string, FieldErrorCode>;

/** What a check raises: a field error code, or an alias of one. */
export type ImportMessage = FieldErrorCode | keyof typeof importAliases;

const codeOf = (message: ImportMessage): FieldErrorCode => (message in importAliases ? importAliases[message as keyof typeof importAliases] : (message as FieldErrorCode));

/** Collects the errors of one file. */
export class ImportErrors {
  readonly list: FieldIssue[] = [];

  add(pointer: string, item: string | undefined, message: ImportMessage, params?: FieldErrorParams): void {
    if (this.list.length > MAX_IMPORT_ERRORS) return;
    if (this.list.length === MAX_IMPORT_ERRORS) {
      this.list.push({ pointer: '', code: 'too_many_errors' });
      return;
    }
    this.list.push({ pointer, code: codeOf(message), ...(params ? { params } : {}), ...(item ? { item } : {}) });
  }

  get any(): boolean {
    return this.list.length > 0;
  }

  /** The errors in file order: networks, organisations, sportelli, each by position. */
  toError(): AppError {
    const rank = (pointer: string) => {
      const [, kind = '', index = ''] = pointer.split('/');
      return [['format', 'networks', 'organisations', 'sportelli'].indexOf(kind), Number(index) || 0] as const;
    };
    const sorted = this.list
      .map((e, i) => ({ e, i, r: e.code === 'too_many_errors' ? ([9, 0] as const) : rank(e.pointer) }))
      .sort((a, b) => a.r[0] - b.r[0] || a.r[1] - b.r[1] || a.i - b.i)
      .map((x) => x.e);
    return new AppError('import_invalid', { errors: sorted });
  }
}

const SAFE_ID = /^[A-Za-z0-9._:-]{1,100}$/;
const SAFE_KEY = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;

/** The externalId of the item at `input[kind][index]`, when it is a well-formed one (never any other value). */
function itemAt(input: unknown, path: readonly PropertyKey[]): string | undefined {
  const [kind, index] = path;
  if (typeof kind !== 'string' || typeof index !== 'number' || !input || typeof input !== 'object') return undefined;
  const list = (input as Record<string, unknown>)[kind];
  const entry = Array.isArray(list) ? (list[index] as unknown) : undefined;
  const id = entry && typeof entry === 'object' ? (entry as Record<string, unknown>).externalId : undefined;
  return typeof id === 'string' && SAFE_ID.test(id) ? id : undefined;
}

const escape = (segment: PropertyKey) => String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
export const pointerOf = (path: readonly PropertyKey[]) => path.map((p) => `/${escape(p)}`).join('');

/**
 * Zod issues as import errors: codes, never Zod's messages (some quote what
 * they received); our own refinements and formats name their code.
 */
export function zodImportErrors(issues: readonly z.core.$ZodIssue[], input: unknown): ImportErrors {
  const errors = new ImportErrors();
  for (const issue of issues) {
    const item = itemAt(input, issue.path);
    if (issue.code === 'unrecognized_keys') {
      // One error per unknown field, pointing at it (a field name, not a value).
      for (const key of issue.keys) {
        const path = SAFE_KEY.test(key) ? [...issue.path, key] : issue.path;
        errors.add(pointerOf(path), item, 'unrecognized_keys');
      }
      continue;
    }
    errors.add(pointerOf(issue.path), item, codeOfIssue(issue.code, issue.message), limitParamsOf(issue));
  }
  return errors;
}
