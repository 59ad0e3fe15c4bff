import { hash, verify } from '@node-rs/argon2';
import { zxcvbn, zxcvbnOptions } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as it from '@zxcvbn-ts/language-it';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../shared/auth.api.js';

/** OWASP: argon2id, at least 19 MiB and 2 iterations. */
const ARGON2 = { algorithm: 2 /* Argon2id */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

zxcvbnOptions.setOptions({
  dictionary: { ...common.dictionary, ...it.dictionary },
  graphs: common.adjacencyGraphs,
});

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

/** A fixed hash to verify against when the account does not exist, so timing does not reveal it. */
let dummyHash: Promise<string> | undefined;

export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
  if (!storedHash) {
    dummyHash ??= hashPassword('trama-no-such-account-placeholder');
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return verify(storedHash, password).catch(() => false);
}

/**
 * ASVS 2.1: minimum length, and refused when common or easy to guess
 * (zxcvbn with the common and Italian dictionaries, plus the user's own words).
 */
export function isAcceptablePassword(password: string, userWords: string[] = []): boolean {
  if (password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH) return false;
  const words = userWords.flatMap((w) => w.toLowerCase().split(/[^\p{L}\p{N}]+/u)).filter((w) => w.length >= 3);
  if (words.some((w) => password.toLowerCase().includes(w))) return false;
  return zxcvbn(password, words).score >= 3;
}
