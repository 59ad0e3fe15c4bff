import { constants as osConstants } from 'node:os';
import { problems } from '../../../shared/problems.js';

/**
 * Job payloads and keys hold ids only: the administrator who reads the dead
 * letters never sees case data, and pg-boss keeps payloads in clear. A name,
 * a phone number or a free text cannot pass these checks.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})?)?$/;
/** Keys are built by code from ids, dates and fixed words. */
const KEY = /^[a-z0-9][a-z0-9_.:@/-]{0,199}$/i;
/** pg-boss accepts more; this keeps names readable in the admin list. */
const NAME = /^[a-z][a-z0-9_.-]{0,99}$/;

const idValue = (v: unknown): boolean =>
  v === null ||
  typeof v === 'boolean' ||
  (typeof v === 'number' && Number.isInteger(v)) ||
  (typeof v === 'string' && (UUID.test(v) || ISO_DATE.test(v)));

/** Throws (a programming error, not a user's) unless every value is an id, a date, an integer or a boolean. */
export function assertIdsOnly(job: string, payload: unknown): asserts payload is Record<string, unknown> {
  if (!payload || typeof payload !== 'object' || Array.isArray(payload)) throw new Error(`job ${job}: the payload must be an object`);
  for (const [field, value] of Object.entries(payload)) {
    const ok = Array.isArray(value) ? value.every(idValue) : idValue(value);
    if (!ok) throw new Error(`job ${job}: payload field ${field} is not an id, a date, an integer or a boolean`);
  }
}

export function assertJobKey(job: string, key: string): void {
  if (!KEY.test(key)) throw new Error(`job ${job}: a key is made of letters, digits and _ . : @ / - (200 at most)`);
}

export function assertJobName(name: string): void {
  if (!NAME.test(name)) throw new Error(`job name ${name}: lower-case letters, digits, _ . - (module prefix first)`);
}

/**
 * Lower-case codes a job throws that are not problem codes. A code is kept
 * only if it is known (here, a problem code, or a system's code of a known
 * shape): a handler or a library that put a value in `code` (a name, a
 * fiscal code) would otherwise show it to the administrator in the dead
 * letters. An unknown code falls back to the error's class.
 */
export const JOB_FAILURE_CODES: ReadonlySet<string> = new Set([
  'mail_not_sent',
  /** The attempt ran past its job's `timeoutSeconds` (pg-boss's `expireInSeconds`). */
  'job_timeout',
  /** The attempt was under way when its server stopped, and was failed by pg-boss. */
  'job_interrupted',
]);

const ERRNO_CODES = new Set(Object.keys(osConstants.errno));
/** Node's own (ERR_…), and PostgreSQL's SQLSTATE (five characters, at least one digit: 23505, 40001, 57P01). */
const SYSTEM_CODE = /^(ERR_[A-Z0-9_]{1,56}|(?=[0-9A-Z]*\d)[0-9A-Z]{5})$/;
/** A class name (`Error`, `TypeError`, `AppError`, `ZodError`…): never an arbitrary `name` a thrown object carries. */
const ERROR_CLASS = /^([A-Z][A-Za-z0-9]{0,54})?Error$/;

const knownCode = (code: string) => Object.hasOwn(problems, code) || JOB_FAILURE_CODES.has(code) || ERRNO_CODES.has(code) || SYSTEM_CODE.test(code);

/** What is kept of an error: its code (AppError, or another known code) or its class, never its message. */
export function errorCode(err: unknown): string {
  if (err && typeof err === 'object') {
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'string' && knownCode(code)) return code;
    const name = (err as { name?: unknown }).name;
    if (typeof name === 'string' && ERROR_CLASS.test(name)) return name;
  }
  return 'Error';
}
