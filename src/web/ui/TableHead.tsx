/** A column of a table's header: its label, and `end` for amounts and counts (aligned right, as their cells). */
export type Column = string | { label: string; end: true };

/**
 * A table's header row, so that pages listing records do not repeat the
 * same markup: each column a `th scope="col"`; `trailing` adds an empty
 * cell over the rows' buttons.
 */
export function TableHead({ columns, trailing = false }: { columns: readonly Column[]; trailing?: boolean }) {
  return (
    <thead>
      <tr>
        {columns.map((c, i) =>
          typeof c === 'string' ? (
            <th key={i} scope="col">
              {c}
            </th>
          ) : (
            <th key={i} scope="col" className="text-end">
              {c.label}
            </th>
          ),
        )}
        {trailing ? <td /> : null}
      </tr>
    </thead>
  );
}

/** An amount's column. */
export const end = (label: string): Column => ({ label, end: true });
