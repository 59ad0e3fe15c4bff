import { z } from 'zod';
import { istatCode } from './fields.js';

/**
 * The shapes the directory's maps draw: the generalised ISTAT boundaries of
 * some comuni and the outlines of their provinces (reference data, see
 * reference/README.md). WGS84 longitude/latitude, as GeoJSON geometries;
 * the web projects them itself.
 */

/** More comuni than the largest province (Torino, 312), fewer than a URL can carry (7 characters each). */
export const maxMapComuni = 800;

/** `?comuni=016024,016203`: the comuni to draw, by ISTAT code, comma-separated (repeats ignored). */
export const boundariesQuery = z.object({
  comuni: z
    .string()
    .max(maxMapComuni * 7)
    .transform((v) => [...new Set(v.split(',').filter((c) => c !== ''))])
    .pipe(z.array(istatCode).min(1).max(maxMapComuni)),
});

/** Degrees, [longitude, latitude]. */
const position = z.tuple([z.number(), z.number()]);
const polygon = z.array(z.array(position));

/** A comune's or a province's area: one polygon, or several (islands, enclaves). */
export const shape = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Polygon'), coordinates: polygon }),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(polygon) }),
]);

export const boundariesAnswer = z.object({
  /** The comuni asked for, in the order of their codes; `shape` is null where the source has none (merged since). */
  comuni: z.array(z.object({ istatCode: z.string(), name: z.string(), provinceCode: z.string(), shape: shape.nullable() })),
  /** The provinces of those comuni, whole (their outline frames the comuni). */
  provinces: z.array(z.object({ code: z.string(), name: z.string(), sigla: z.string(), shape: shape.nullable() })),
});

export type Shape = z.output<typeof shape>;
export type BoundariesAnswer = z.output<typeof boundariesAnswer>;
