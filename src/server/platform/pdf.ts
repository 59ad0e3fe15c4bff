import { createRequire } from 'node:module';
import path from 'node:path';
import type { FastifyReply } from 'fastify';
import PDFDocument from 'pdfkit';

/**
 * Printable documents (case sheets, projects, minutes, certificates,
 * reports): pdfkit on the server, no browser, no network. The text is
 * Titillium Web — the font of the Italian public administration, SIL Open
 * Font License — taken from bootstrap-italia, which the web already ships,
 * embedded as a subset so accented letters print the same everywhere.
 * Every page carries the confidential mark, the document's reference, who
 * printed it and when, and "Pagina x di y".
 */

const fontDir = path.join(path.dirname(createRequire(import.meta.url).resolve('bootstrap-italia/package.json')), 'src/fonts/Titillium_Web');
const FONTS = {
  regular: path.join(fontDir, 'titillium-web-v10-latin-ext_latin-regular.ttf'),
  bold: path.join(fontDir, 'titillium-web-v10-latin-ext_latin-700.ttf'),
} as const;

const MARGIN = 56;
const INK = '#1a1a1a';
const MUTED = '#5c6f82';
const ALERT = '#a61919';

/** What every page of a document says about it. */
export interface PdfMeta {
  /** The document's title, on every page's header (no personal data: it is also the PDF's metadata). */
  title: string;
  /** What the document is about, by code only (a case code, a project code). */
  reference: string;
  /** Who printed it (the staff member's display name) and when. */
  printedBy: string;
  printedAt: Date;
}

/** A document being written, top to bottom; `end()` adds the page marks and gives the bytes. */
export interface PdfWriter {
  heading(text: string, level?: 1 | 2): PdfWriter;
  paragraph(text: string, options?: { muted?: boolean }): PdfWriter;
  /** Label–value rows (a value left empty prints as "—"; no rows print "Nessun dato."). */
  keyValues(rows: readonly (readonly [string, string | null | undefined])[]): PdfWriter;
  end(): Promise<Buffer>;
}

/** A calendar day (YYYY-MM-DD) as printed: 31/01/2026. */
export const pdfDay = (iso: string | null | undefined) => (iso ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : null);

/** Euro from cents, Italian style (€ 1.500,00), thousands always grouped. */
export const pdfEuro = (cents: number | null | undefined) => {
  if (cents === null || cents === undefined) return null;
  const whole = Math.trunc(cents / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `€ ${whole},${String(cents % 100).padStart(2, '0')}`;
};

/**
 * Answers a printed document: a download named by a code only (never her
 * name in a file name, a header or a log), not sniffed, never cached.
 */
export function sendPdf(reply: FastifyReply, name: string, bytes: Buffer) {
  return reply
    .header('content-type', 'application/pdf')
    .header('content-disposition', `attachment; filename="${name.replace(/[^\w.-]+/g, '_')}.pdf"`)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'no-store')
    .send(bytes);
}

/** A moment as printed, in Rome's time: 31/01/2026, 09:05. */
export const romeDateTime = (d: Date) =>
  d.toLocaleString('it-IT', { timeZone: 'Europe/Rome', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' });

/** Starts an A4 document marked RISERVATO on every page. */
export function createPdf(meta: PdfMeta): PdfWriter {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN + 18, bottom: MARGIN + 10, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: { Title: `${meta.title} ${meta.reference}`, Creator: 'Trama', Producer: 'Trama' },
    lang: 'it-IT',
    displayTitle: true,
  });
  doc.registerFont('regular', FONTS.regular);
  doc.registerFont('bold', FONTS.bold);
  doc.font('regular').fontSize(10).fillColor(INK);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = () => doc.page.width - doc.page.margins.left - doc.page.margins.right;

  const writer: PdfWriter = {
    heading(text, level = 1) {
      doc.moveDown(level === 1 ? 0.8 : 0.5);
      doc.font('bold').fontSize(level === 1 ? 14 : 11.5).fillColor(INK).text(text, { width: width() });
      doc.moveDown(0.2).font('regular').fontSize(10);
      return writer;
    },
    paragraph(text, options = {}) {
      doc.font('regular').fontSize(10).fillColor(options.muted ? MUTED : INK).text(text, { width: width() });
      doc.fillColor(INK);
      return writer;
    },
    keyValues(rows) {
      if (!rows.length) return writer.paragraph('Nessun dato.', { muted: true });
      const labelWidth = Math.min(170, width() * 0.35);
      const valueWidth = width() - labelWidth - 8;
      for (const [label, value] of rows) {
        const shown = value === null || value === undefined || value === '' ? '—' : value;
        doc.font('bold').fontSize(9.5);
        const height = Math.max(doc.heightOfString(label, { width: labelWidth }), doc.font('regular').fontSize(10).heightOfString(shown, { width: valueWidth }));
        if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
        const y = doc.y;
        const x = doc.page.margins.left;
        doc.font('bold').fontSize(9.5).fillColor(MUTED).text(label, x, y, { width: labelWidth });
        doc.font('regular').fontSize(10).fillColor(INK).text(shown, x + labelWidth + 8, y, { width: valueWidth });
        doc.x = x;
        doc.y = y + height + 3;
      }
      return writer;
    },
    async end() {
      const range = doc.bufferedPageRange();
      for (let i = range.start; i < range.start + range.count; i++) {
        doc.switchToPage(i);
        // Writing in the margins must not open a new page.
        const { top, bottom } = doc.page.margins;
        doc.page.margins.top = 0;
        doc.page.margins.bottom = 0;
        const left = doc.page.margins.left;
        const w = width();
        doc.font('bold').fontSize(11).fillColor(ALERT).text('RISERVATO', left, MARGIN - 22, { width: w, lineBreak: false });
        doc.font('regular').fontSize(9).fillColor(MUTED).text(`${meta.title} · ${meta.reference}`, left, MARGIN - 20, { width: w, align: 'right', lineBreak: false });
        doc.moveTo(left, MARGIN).lineTo(left + w, MARGIN).strokeColor(MUTED).lineWidth(0.5).stroke();
        const footerY = doc.page.height - MARGIN + 12;
        doc.text(`Stampato da ${meta.printedBy} il ${romeDateTime(meta.printedAt)} · Documento riservato`, left, footerY, { width: w, lineBreak: false });
        doc.text(`Pagina ${i - range.start + 1} di ${range.count}`, left, footerY, { width: w, align: 'right', lineBreak: false });
        doc.page.margins.top = top;
        doc.page.margins.bottom = bottom;
      }
      doc.end();
      return done;
    },
  };
  return writer;
}
