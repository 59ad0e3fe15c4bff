import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { Page } from '../api/types';
import { Loading } from './Loading';
import { Pagination } from './Pagination';
import { ProblemAlert } from './ProblemAlert';

/**
 * The frame of every paginated list: the problem if the request failed, a
 * spinner while it runs, the count announced to screen readers, the rows
 * (only when there are some) and the page links.
 */
export function PagedResults<T>(props: {
  query: UseQueryResult<Page<T>>;
  page: number;
  pageSize: number;
  count: (total: number) => string;
  pagesLabel: string;
  onPage: (page: number) => void;
  children: (items: T[]) => ReactNode;
}) {
  const { query, page, pageSize, count, pagesLabel, onPage, children } = props;
  return (
    <>
      <ProblemAlert error={query.error} />
      {query.isPending ? <Loading /> : null}
      {query.data ? (
        <>
          <p role="status">{count(query.data.total)}</p>
          {query.data.items.length > 0 ? children(query.data.items) : null}
          <Pagination page={page} pageSize={pageSize} total={query.data.total} label={pagesLabel} onPage={onPage} />
        </>
      ) : null}
    </>
  );
}
