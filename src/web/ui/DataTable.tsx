import { useId, type ReactNode } from 'react';

/**
 * A table that may scroll sideways on small screens. The scrolling box is
 * a named, focusable region so keyboard users can scroll it too.
 */
export function DataTable({ caption, children }: { caption: string; children: ReactNode }) {
  const captionId = useId();
  return (
    <div className="table-responsive" tabIndex={0} role="region" aria-labelledby={captionId}>
      <table className="table table-hover align-middle">
        <caption id={captionId} className="visually-hidden">
          {caption}
        </caption>
        {children}
      </table>
    </div>
  );
}
