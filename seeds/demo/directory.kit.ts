import type { z } from 'zod';
import type { directoryImportFile } from '../../src/server/modules/directory/index.js';
import { type ComuneRef, comune, km } from './comuni.js';

/**
 * Helpers shared by the generated directory files (the demo directory and
 * the national benchmark): the input types of the import format
 * `trama-directory/1`, fictitious contacts, positions near a comune, and a
 * territory partition by nearest anchor.
 */

/** The import file as written (fields with defaults may be left out). */
export type DirectoryInput = z.input<typeof directoryImportFile>;
export type NetworkInput = NonNullable<DirectoryInput['networks']>[number];
export type OrganisationInput = NonNullable<DirectoryInput['organisations']>[number];
export type SportelloInput = NonNullable<DirectoryInput['sportelli']>[number];

/**
 * A fictitious phone number: the real area code of the place, then "000".
 * Italian subscriber numbers never begin with 0 after the area code, so
 * none of these numbers is assigned to anyone: a demo user who dials one
 * reaches nobody.
 */
export function fakePhone(areaCode: string, n: number): string {
  return `${areaCode} 000 ${String(n).padStart(4, '0')}`;
}

/** A mail address under example.org (reserved by RFC 2606: it never delivers). */
export function fakeEmail(local: string, domain: string): string {
  return `${local}@${domain}.example.org`;
}

/** A web site under example.org (RFC 2606). */
export function fakeWebsite(domain: string): string {
  return `https://${domain}.example.org`;
}

/**
 * A position a few hundred metres from a comune's centroid, so that the
 * sportelli of one town do not sit on the same point of a map. `slot`
 * picks one of eight directions.
 */
export function near(istatCode: string, slot = 0): { lat: number; lon: number } {
  const c = comune(istatCode);
  const angle = (slot % 8) * (Math.PI / 4);
  const r = 0.002 + 0.0005 * Math.floor(slot / 8);
  return { lat: Math.round((c.lat + r * Math.sin(angle)) * 1e6) / 1e6, lon: Math.round((c.lon + r * Math.cos(angle)) * 1e6) / 1e6 };
}

/**
 * Splits comuni among networks: each comune goes to the network whose
 * nearest anchor town is closest (ties: the first network listed). Every
 * comune lands in exactly one network, as the directory requires.
 */
export function partitionByAnchors<K extends string>(comuni: readonly ComuneRef[], anchors: Record<K, readonly string[]>): Record<K, string[]> {
  const entries = Object.entries(anchors) as [K, readonly string[]][];
  const points = entries.flatMap(([key, codes]) => codes.map((code) => ({ key, at: comune(code) })));
  const out = Object.fromEntries(entries.map(([key]) => [key, [] as string[]])) as Record<K, string[]>;
  for (const c of comuni) {
    let best = points[0]!;
    let bestKm = Infinity;
    for (const p of points) {
      const d = km(c, p.at);
      if (d < bestKm) [best, bestKm] = [p, d];
    }
    out[best.key].push(c.istatCode);
  }
  return out;
}
