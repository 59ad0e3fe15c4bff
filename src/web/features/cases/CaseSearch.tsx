import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { codeOfIssue, limitParamsOf } from '../../../shared/field-errors';
import { CASE_SEARCH_LIMIT, caseSearch } from '../../../shared/cases.search.api';
import { DataTable } from '../../ui/DataTable';
import { TextField } from '../../ui/fields';
import { maxLengthOf } from '../../ui/form';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { useFieldErrorText } from '../../ui/useFieldErrors';
import { StageBadge } from './CaseBadges';
import { RiskAndContactCells, SummaryHeadCells } from './CaseSummaryCells';
import { type CaseSearchResult, searchCases } from './search.api';

const MAX_LENGTH = maxLengthOf(caseSearch.shape.q);

/**
 * "Cerca per nome o telefono": when she calls back and gives her name or
 * her number. The text stays in this form (never in the page's address),
 * checked with the API's own schema; the server answers only cases whose
 * identity the operator holds, closed ones included.
 */
export function CaseSearch() {
  const { t } = useTranslation();
  const errorText = useFieldErrorText();
  const [q, setQ] = useState('');
  const [error, setError] = useState<string | undefined>();
  const search = useMutation({ mutationFn: searchCases });
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const parsed = caseSearch.safeParse({ q });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      setError(errorText({ code: codeOfIssue(issue.code, issue.message), params: limitParamsOf(issue as Parameters<typeof limitParamsOf>[0]) }));
      return;
    }
    setError(undefined);
    search.mutate(parsed.data.q);
  };
  return (
    <section aria-labelledby="case-search-title" className="mb-5">
      <h2 id="case-search-title" className="h4">
        {t('cases.search.title')}
      </h2>
      <form role="search" noValidate onSubmit={onSubmit} className="row g-3 align-items-start" aria-label={t('cases.search.title')}>
        <div className="col-12 col-md-8 col-xl-6">
          <TextField
            id="case-search"
            type="search"
            label={t('cases.search.label')}
            hint={t('cases.search.hint')}
            value={q}
            maxLength={MAX_LENGTH}
            autoComplete="off"
            spellCheck={false}
            error={error}
            onChange={(e) => setQ(e.currentTarget.value)}
          />
        </div>
        <div className="col-12 col-md-4 col-xl-3 form-actions">
          <button type="submit" className="btn btn-primary" disabled={search.isPending}>
            {t('cases.search.submit')}
          </button>
        </div>
      </form>
      <ProblemAlert error={search.error} />
      {search.data ? <SearchResults result={search.data} /> : null}
    </section>
  );
}

function SearchResults({ result }: { result: CaseSearchResult }) {
  const { t } = useTranslation();
  return (
    <>
      <p role="status" className="mt-3" data-testid="case-search-status">
        {result.items.length ? t('cases.search.found', { count: result.items.length }) : t('cases.search.none')}
        {result.more ? ` ${t('cases.search.more', { limit: CASE_SEARCH_LIMIT })}` : ''}
      </p>
      {result.items.length ? (
        <DataTable caption={t('cases.search.caption')}>
          <thead>
            <tr>
              <SummaryHeadCells />
            </tr>
          </thead>
          <tbody>
            {result.items.map((c) => (
              <tr key={c.id} data-testid="case-search-row">
                <th scope="row" className="fw-normal text-nowrap">
                  <Link to={`/percorsi/${c.id}`} className="case-code">
                    {c.code}
                  </Link>
                </th>
                <td>{c.alias ?? <span className="text-muted-strong">{t('cases.caseload.anonymous')}</span>}</td>
                <td>
                  {/* "Percorso concluso" for a closed one: she may re-open it from the record. */}
                  <StageBadge stage={c.stage} />
                </td>
                <RiskAndContactCells c={c} />
                <td>{c.referente ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      ) : null}
    </>
  );
}
