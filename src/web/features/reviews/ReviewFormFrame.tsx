import type { FormEventHandler, ReactNode } from 'react';
import { ErrorSummary, type SummaryItem } from '../../ui/ErrorSummary';
import { ProblemAlert } from '../../ui/ProblemAlert';

interface Props {
  /** The form's id prefix: its title is `<id>-title`, its error summary `<id>-errors`. */
  id: string;
  title: string;
  /** h2 for a form of its own page part, h3 for one inside an agenda item or the actions. */
  level: 2 | 3;
  onSubmit: FormEventHandler<HTMLFormElement>;
  summary: SummaryItem[];
  /** A refusal of the whole form (not of one field). */
  problem: unknown;
  intro?: string;
  children: ReactNode;
}

/** What every review form shares: a titled form, checked by its schema, with its error summary and whole-form problem first. */
export function ReviewFormFrame({ id, title, level, onSubmit, summary, problem, intro, children }: Props) {
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <form noValidate onSubmit={onSubmit} aria-labelledby={`${id}-title`} className="mb-5">
      <Heading id={`${id}-title`} className={level === 2 ? 'h4' : 'h5'}>
        {title}
      </Heading>
      {intro ? <p>{intro}</p> : null}
      <ErrorSummary id={`${id}-errors`} items={summary} />
      <ProblemAlert error={problem} />
      {children}
    </form>
  );
}
