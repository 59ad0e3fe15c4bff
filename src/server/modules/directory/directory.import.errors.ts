import type { z } from 'zod';
import type { FieldError } from '../../../shared/problems.js';
import { AppError } from '../../platform/errors.js';

/**
 * The errors of a rejected import file: every problem found, each with a
 * JSON Pointer into the file, the externalId of the item it is about, a
 * code and a short Italian / English detail. Details are fixed texts: they
 * never quote a value of the file (only the externalId, in `item`).
 */

/** A file with more errors than this is answered with the first ones and a note. */
export const MAX_IMPORT_ERRORS = 500;

export const importMessages = {
  // Zod issues (the value received is never echoed).
  invalid_type: 'Tipo di valore non valido o campo mancante / invalid type or missing field',
  too_small: 'Valore troppo corto, troppo piccolo o lista vuota / value too short or too small',
  too_big: 'Valore troppo lungo, troppo grande o lista troppo lunga / value too long or too large',
  invalid_format: 'Formato non valido / invalid format',
  invalid_value: 'Valore non ammesso / value not allowed',
  unrecognized_keys: 'Campo non previsto / unexpected field',
  invalid_union: 'Valore non valido / invalid value',
  custom: 'Valore non valido / invalid value',
  // Cross-checks.
  duplicate_id: 'externalId ripetuto nel file / externalId used twice in the file',
  duplicate_name: 'Nome ripetuto nel file / name used twice in the file',
  name_taken_organisation: "Nome già usato da un'altra organizzazione / name already used by another organisation",
  name_taken_network: "Nome già usato da un'altra rete / name already used by another network",
  unknown_network: 'Rete inesistente / unknown network',
  unknown_organisation: 'Organizzazione inesistente / unknown organisation',
  unknown_sportello: 'Sportello inesistente / unknown sportello',
  unknown_network_scoped: 'Rete non trovata tra le tue reti / network not found in your networks',
  unknown_organisation_scoped: 'Organizzazione non trovata tra le tue reti / organisation not found in your networks',
  unknown_sportello_scoped: 'Sportello non trovato tra le tue reti / sportello not found in your networks',
  unknown_existing: 'Gli identificativi "trama:" indicano solo elementi esistenti / "trama:" ids name existing items only',
  unknown_comune: 'Codice ISTAT inesistente / unknown ISTAT code',
  comune_repeated: 'Comune elencato più volte nel file / comune listed more than once in the file',
  comune_taken: "Comune già coperto da un'altra rete non presente nel file / comune already covered by a network not in the file",
  override_outside: 'Il comune non è tra quelli della rete / the comune is not one of the network\'s comuni',
  override_repeated: 'Comune con più referenti / comune with more than one referent',
  referent_secret: 'Il referente 1522 non può essere uno sportello segreto / the 1522 referent cannot be a secret sportello',
  referent_not_member: "Il referente non è uno sportello di un'organizzazione della rete / the referent is not a sportello of an organisation of the network",
  organisation_change: 'Uno sportello non può passare a un\'altra organizzazione / a sportello cannot move to another organisation',
  out_of_scope_item: 'Identificativo non disponibile: non trovato tra le tue reti / externalId not available: not found in your networks',
  out_of_scope_capofila: "L'ente capofila deve essere la tua organizzazione / the capofila must be your organisation",
  out_of_scope_new_organisation: 'Una nuova organizzazione deve appartenere a una delle tue reti / a new organisation must belong to one of your networks',
  secret_visibility: "Solo il personale dell'organizzazione può cambiare la visibilità di uno sportello segreto / only the organisation's own staff can change a secret sportello's visibility",
  too_many_errors: 'Troppi errori: sono mostrati i primi / too many errors: the first ones are shown',
} as const;
export type ImportMessage = keyof typeof importMessages;

/** Codes of the cross-check errors, as the API returns them (several messages share a code). */
const codeOf: Partial<Record<ImportMessage, string>> = {
  name_taken_organisation: 'name_taken',
  name_taken_network: 'name_taken',
  unknown_network_scoped: 'unknown_network',
  unknown_organisation_scoped: 'unknown_organisation',
  unknown_sportello_scoped: 'unknown_sportello',
  unknown_existing: 'unknown_item',
  out_of_scope_item: 'out_of_scope',
  out_of_scope_capofila: 'out_of_scope',
  out_of_scope_new_organisation: 'out_of_scope',
};

/** Collects the errors of one file. */
export class ImportErrors {
  readonly list: FieldError[] = [];

  add(pointer: string, item: string | undefined, message: ImportMessage): void {
    if (this.list.length > MAX_IMPORT_ERRORS) return;
    if (this.list.length === MAX_IMPORT_ERRORS) {
      this.list.push({ pointer: '', code: 'too_many_errors', detail: importMessages.too_many_errors });
      return;
    }
    this.list.push({ pointer, code: codeOf[message] ?? message, detail: importMessages[message], ...(item ? { item } : {}) });
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
 * Zod issues as import errors. Zod's messages are replaced by generic ones
 * (some quote what they received), except the fixed texts of our own
 * refinements and formats.
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
    const message: ImportMessage = issue.code in importMessages ? (issue.code as ImportMessage) : 'custom';
    const before = errors.list.length;
    errors.add(pointerOf(issue.path), item, message);
    // Refinements and formats say what was expected, in fixed texts of the
    // schema ("lat and lon go together", "ISTAT code: 6 digits"), never what came.
    const added = errors.list[before];
    if (added && (issue.code === 'custom' || issue.code === 'invalid_format') && issue.message) added.detail += ` (${issue.message})`;
  }
  return errors;
}
