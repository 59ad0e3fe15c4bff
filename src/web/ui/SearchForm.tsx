import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from './fields';

interface Props {
  id: string;
  label: string;
  initial: string;
  onSearch: (q: string) => void;
  /** Extra filters rendered beside the text box. */
  children?: ReactNode;
}

/** A search box submitted with a button (no search-as-you-type: fewer audited reads). */
export function SearchForm({ id, label, initial, onSearch, children }: Props) {
  const { t } = useTranslation();
  const [q, setQ] = useState(initial);
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    onSearch(q.trim());
  };
  return (
    <form role="search" onSubmit={onSubmit} className="row g-3 align-items-end mb-4" aria-label={label}>
      <div className="col-12 col-md-6">
        <TextField id={id} type="search" label={label} value={q} onChange={(e) => setQ(e.currentTarget.value)} />
      </div>
      {children}
      <div className="col-12 col-md-auto form-actions">
        <button type="submit" className="btn btn-primary">
          {t('common.search')}
        </button>
      </div>
    </form>
  );
}
