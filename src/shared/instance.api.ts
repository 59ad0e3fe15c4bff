import { z } from 'zod';

/** What the instance says of itself: health probes and its public facts (name, DEMO banner, version). */

export const liveOut = z.object({ status: z.literal('ok') });

export const readyOut = z.object({ status: z.literal('ready') });

export const instanceOut = z.object({ name: z.string(), demo: z.boolean(), version: z.string() });
