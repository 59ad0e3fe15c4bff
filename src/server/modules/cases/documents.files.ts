import type { DocumentMimeType } from '../../../shared/cases.js';

/**
 * What keeps an uploaded document from ever being a web page of ours: a
 * file that looks like markup (HTML, SVG, XML) is refused; the name always
 * ends with an extension of its checked type; the download is an attachment
 * of that type only (from this allow-list, never what the client sent),
 * not sniffed, sandboxed.
 */

/** The extensions a type may keep; the first is the one given to a name without one. */
const EXTENSIONS: Record<DocumentMimeType, readonly string[]> = {
  'application/pdf': ['pdf'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/png': ['png'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
  'application/vnd.oasis.opendocument.text': ['odt'],
  'text/plain': ['txt'],
};

/** The Content-Type each accepted type is served with. */
const SERVED_AS: Record<DocumentMimeType, string> = {
  'application/pdf': 'application/pdf',
  'image/jpeg': 'image/jpeg',
  'image/png': 'image/png',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.oasis.opendocument.text': 'application/vnd.oasis.opendocument.text',
  'text/plain': 'text/plain; charset=utf-8',
};

/**
 * Extensions a name loses for its type's own: markup, scripts and
 * executables, and the other document types. Anything else after a dot
 * ("avv. Bianchi", "v1.2") is part of the name and kept.
 */
const REPLACED = new Set(
  'html htm xhtml xht shtml mht mhtml svg svgz xml xsl xslt js mjs hta php asp aspx jsp exe bat cmd com scr msi ps1 vbs jar sh url lnk swf pdf jpg jpeg png gif bmp webp tif tiff heic doc docx odt rtf txt md csv'.split(' '),
);

/** Bidirectional controls (a right-to-left override makes "fdp.html" look like "lmth.pdf"). */
const BIDI = /[\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** The name a document is stored and downloaded under: bidi controls dropped, the extension its type's. */
export function safeDocumentName(name: string, mimeType: string): string {
  const allowed = EXTENSIONS[mimeType as DocumentMimeType] ?? ['bin'];
  // Trailing dots and spaces are dropped by Windows: "x.html." would open as "x.html".
  let base = name.replace(BIDI, '').replace(/[.\s]+$/u, '');
  const ext = /\.([A-Za-z0-9]{1,5})$/.exec(base);
  if (ext && allowed.includes(ext[1]!.toLowerCase())) return base;
  if (ext && REPLACED.has(ext[1]!.toLowerCase())) base = base.slice(0, -ext[0].length).replace(/[.\s]+$/u, '');
  return `${base || 'documento'}.${allowed[0]}`;
}

/** The Content-Type of a download: the stored (checked) type if on the allow-list, otherwise opaque bytes. */
export function servedType(mimeType: string): string {
  return SERVED_AS[mimeType as DocumentMimeType] ?? 'application/octet-stream';
}

/** Tags that make a text a web page or an active document. */
const MARKUP_IN_TEXT = /<\s*(?:!doctype|\?xml|html|head|body|script|iframe|frameset|frame|svg|object|embed|meta|link|style|form|img|base|math|title|template|a)[\s>/]/i;
/** The same, long tags only, for the binary types (a one-letter tag turns up in random bytes). */
const MARKUP_IN_BINARY = /<\s*(?:!doctype|\?xml|html|head|body|script|iframe|frameset|frame|svg|object|embed|meta|link|style|form|img|base|math|title|template)[\s>/]/i;
/** How far into a binary file browsers (and old sniffers) look for a page. */
const SNIFFED_BYTES = 1024;

/**
 * True when a file holds markup a browser could take for a page: anywhere in
 * a text file (HTML or SVG declared as text), in the first kilobyte of a
 * binary one (a PDF/HTML or image/HTML polyglot).
 */
export function looksLikeMarkup(mimeType: DocumentMimeType, bytes: Buffer): boolean {
  if (mimeType === 'text/plain') return MARKUP_IN_TEXT.test(bytes.toString('utf8'));
  return MARKUP_IN_BINARY.test(bytes.subarray(0, SNIFFED_BYTES).toString('latin1'));
}
