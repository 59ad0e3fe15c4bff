import { documentMimeTypes, type DocumentMimeType } from '../../../shared/cases';
import type { Lang } from '../../../shared/labels';
import type it from '../../i18n/it.json';

/**
 * Files chosen for upload, checked in the browser before anything is sent:
 * the accepted types (documentMimeTypes) and the server's default limit.
 * The server checks both again, and the content against the type.
 */

/** The server's default DOCUMENT_MAX_BYTES (10 MiB). */
export const DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;

const byExtension: Record<string, DocumentMimeType> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  odt: 'application/vnd.oasis.opendocument.text',
  txt: 'text/plain',
};

/** For the file picker: extensions and types together (some systems match only one of them). */
export const acceptedFiles = [...Object.keys(byExtension).map((e) => `.${e}`), ...documentMimeTypes].join(',');

const isMimeType = (value: string): value is DocumentMimeType => (documentMimeTypes as readonly string[]).includes(value);

/** The type to declare for a file, or null when it is not accepted. */
export function mimeTypeOf(file: File): DocumentMimeType | null {
  if (isMimeType(file.type)) return file.type;
  // Some systems give no type for ODT or DOCX: go by the extension then (the server still checks the first bytes).
  if (file.type !== '') return null;
  const extension = file.name.split('.').pop()?.toLowerCase() ?? '';
  return byExtension[extension] ?? null;
}

/**
 * Label keys of the accepted types (`cases.documents.types.<key>`): the
 * type codes hold dots and slashes, which cannot be translation keys.
 * `satisfies` makes a type added to documentMimeTypes without its label fail `tsc`.
 */
export const mimeLabelKeys = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.oasis.opendocument.text': 'odt',
  'text/plain': 'text',
} as const satisfies Record<DocumentMimeType, keyof typeof it.cases.documents.types>;

export function mimeLabelKey(mimeType: string): keyof typeof it.cases.documents.types | null {
  return isMimeType(mimeType) ? mimeLabelKeys[mimeType] : null;
}

/** The file's content, base64-encoded as the upload's JSON carries it. */
export function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = typeof reader.result === 'string' ? reader.result : '';
      // A data URL: "data:<type>;base64,<content>".
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

/** "840 byte", "12,5 kB", "3,2 MB" (binary multiples, as the limit is). */
export function formatSize(bytes: number, lang: Lang): string {
  const number = new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'it-IT', { maximumFractionDigits: 1 });
  if (bytes < 1024) return `${number.format(bytes)} byte`;
  if (bytes < 1024 * 1024) return `${number.format(bytes / 1024)} kB`;
  return `${number.format(bytes / (1024 * 1024))} MB`;
}
