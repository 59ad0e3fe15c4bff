import type { ReactNode } from 'react';
import { Loading } from '../../ui/Loading';
import { ProblemAlert } from '../../ui/ProblemAlert';

/** A section of the home page fed by one query: its heading, a spinner while it loads, the problem if it failed. */
export function HomeSection(props: { id: string; title: string; testId: string; query: { isPending: boolean; error: unknown }; children: ReactNode }) {
  const { id, title, testId, query, children } = props;
  return (
    <section aria-labelledby={id} className="mt-5" data-testid={testId}>
      <h2 id={id} className="h4 mb-3">
        {title}
      </h2>
      {query.isPending ? <Loading /> : null}
      <ProblemAlert error={query.error} />
      {children}
    </section>
  );
}
