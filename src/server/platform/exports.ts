import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';

/**
 * Tabular exports (CSV and XLSX) in one place: the same sheets become a
 * CSV (one table) or a workbook (one worksheet each).
 */

export type Cell = string | number | boolean | null;
export interface Sheet {
  /** Worksheet name (Excel: at most 31 characters). */
  name: string;
  columns: { key: string; header: string }[];
  rows: Record<string, Cell>[];
}

/**
 * A cell as CSV text: RFC 4180 quoting, and a leading quote before text a
 * spreadsheet would run as a formula (= + - @, tab, CR) — CSV injection.
 */
function csvCell(value: Cell): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** UTF-8 CSV with a byte-order mark (so Excel reads the accents), CRLF line ends. */
export function toCsv(sheet: Sheet): string {
  const lines = [sheet.columns.map((c) => csvCell(c.header)).join(',')];
  for (const row of sheet.rows) lines.push(sheet.columns.map((c) => csvCell(row[c.key] ?? null)).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export async function toXlsx(sheets: Sheet[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Trama';
  for (const sheet of sheets) {
    const ws = book.addWorksheet(sheet.name.slice(0, 31));
    ws.columns = sheet.columns.map((c) => ({ header: c.header, key: c.key, width: Math.max(12, Math.min(60, c.header.length + 4)) }));
    ws.getRow(1).font = { bold: true };
    for (const row of sheet.rows) ws.addRow(row);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

export const contentTypes = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json; charset=utf-8',
} as const;

/** Sends a download; the file name must carry no personal data (ids, periods, formats only). */
export function sendDownload(reply: FastifyReply, format: keyof typeof contentTypes, filename: string, body: string | Buffer) {
  return reply
    .header('content-disposition', `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, '_')}"`)
    .type(contentTypes[format])
    .send(body);
}
