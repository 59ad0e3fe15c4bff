import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldError } from '../../shared/problems';
import { ApiError } from '../api/client';
import { DataTable } from './DataTable';
import { useFieldErrorText } from './useFieldErrors';

/**
 * Every field error of a refused file (an import, an instrument), one row
 * each: a first column of the page's choosing (which entry, where in
 * words), the JSON pointer, and the code's text in the UI language (or the
 * page's own wording for it). Nothing when the error has no field errors.
 */
export function FieldIssuesTable({
  error,
  caption,
  first,
  pointer = (p) => p,
  own = () => undefined,
}: {
  error: unknown;
  caption: (count: number) => string;
  first: { header: string; cell: (e: FieldError) => ReactNode };
  /** The pointer as shown (e.g. into the file rather than the request). */
  pointer?: (pointer: string) => string;
  own?: (e: FieldError) => string | undefined;
}) {
  const { t } = useTranslation();
  const text = useFieldErrorText();
  const errors = error instanceof ApiError ? (error.problem.errors ?? []) : [];
  if (!errors.length) return null;
  return (
    <DataTable caption={caption(errors.length)}>
      <thead>
        <tr>
          <th scope="col">{first.header}</th>
          <th scope="col">{t('directory.import.pointer')}</th>
          <th scope="col">{t('directory.import.detail')}</th>
        </tr>
      </thead>
      <tbody>
        {errors.map((e, i) => (
          <tr key={i}>
            <td>{first.cell(e)}</td>
            <td>
              <code>{pointer(e.pointer) || '/'}</code>
            </td>
            <td>{own(e) ?? text(e)}</td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}
