/**
 * A count as the server gives it: a number, or null when the cell is
 * suppressed (too few to show, or hidden so that none is derived). The
 * hidden word is shown; screen readers hear what it means instead.
 */
export function HiddenCount({ n, hidden, explained }: { n: number | null; hidden: string; explained: string }) {
  if (n !== null) return <>{n}</>;
  return (
    <>
      <span aria-hidden="true">{hidden}</span>
      <span className="visually-hidden">{explained}</span>
    </>
  );
}
