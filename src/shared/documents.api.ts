import { z } from 'zod';
import { documentKinds, documentMimeTypes } from './cases.js';

/**
 * A document uploaded to a case, as JSON with its content base64-encoded:
 * shared by the server (which adds the size limit of its configuration to
 * the content) and the web's upload form.
 */
export const documentUpload = z
  .object({
    kind: z.enum(documentKinds),
    name: z.string().trim().min(1).max(200),
    mimeType: z.enum(documentMimeTypes),
    contentBase64: z.base64(),
  })
  .strict();

/** A document of the case, without its content (downloaded on its own, every download audited). */
export const documentOut = z.object({
  id: z.uuid(),
  kind: z.enum(documentKinds),
  name: z.string(),
  mimeType: z.enum(documentMimeTypes),
  sizeBytes: z.number().int(),
  uploadedBy: z.string().nullable(),
  createdAt: z.date(),
});
export const documentsOut = z.array(documentOut);
