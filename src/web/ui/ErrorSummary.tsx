import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

export interface SummaryItem {
  /** The id of the field to jump to; absent for an error of the whole form. */
  field?: string | undefined;
  message: string;
}

/**
 * The GOV.UK-style error summary: after a failed submit it takes the focus
 * and lists every problem, each a link that moves the focus to its field,
 * so nobody has to hunt through a long form for the red text.
 */
export function ErrorSummary({ items, id }: { items: SummaryItem[]; id: string }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const shown = items.length > 0;
  const signature = items.map((i) => `${i.field ?? ''}:${i.message}`).join('|');

  useEffect(() => {
    if (shown) ref.current?.focus();
  }, [shown, signature]);

  if (!shown) return null;
  return (
    <div ref={ref} id={id} tabIndex={-1} className="alert alert-danger error-summary" role="alert" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="h5">
        {t('errorSummary.title')}
      </h2>
      <ul className="mb-0">
        {items.map((item, i) => (
          <li key={`${item.field ?? 'form'}-${i}`}>
            {item.field ? (
              <a
                href={`#${item.field}`}
                onClick={(e) => {
                  // Focus the field without putting its id in the URL.
                  e.preventDefault();
                  document.getElementById(item.field ?? '')?.focus();
                }}
              >
                {item.message}
              </a>
            ) : (
              item.message
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
