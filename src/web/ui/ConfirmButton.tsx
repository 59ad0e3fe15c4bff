import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  label: string;
  /** The question shown before acting, e.g. "Remove this role?". */
  question: string;
  onConfirm: () => void;
  pending?: boolean;
  variant?: 'danger' | 'primary';
  /** Checks run on the first press: when it answers false (and shows why), nothing is asked. */
  beforeAsk?: () => boolean;
}

/**
 * A two-step button for actions that are hard to undo: the first press asks,
 * the second acts. Inline rather than a modal, so focus never gets lost.
 */
export function ConfirmButton({ label, question, onConfirm, pending = false, variant = 'danger', beforeAsk }: Props) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const startRef = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);

  useEffect(() => {
    if (asking) confirmRef.current?.focus();
    else if (wasAsking.current) startRef.current?.focus();
    wasAsking.current = asking;
  }, [asking]);

  if (!asking) {
    return (
      <button
        ref={startRef}
        type="button"
        className={`btn btn-sm btn-outline-${variant}`}
        disabled={pending}
        onClick={() => setAsking(beforeAsk ? beforeAsk() : true)}
      >
        {label}
      </button>
    );
  }
  return (
    <span className="d-inline-flex flex-wrap align-items-center gap-2" role="group" aria-label={label}>
      <span>{question}</span>
      <button
        ref={confirmRef}
        type="button"
        className={`btn btn-sm btn-${variant}`}
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {t('common.confirm')}
      </button>
      <button type="button" className="btn btn-sm btn-outline-secondary" onClick={() => setAsking(false)}>
        {t('common.cancel')}
      </button>
    </span>
  );
}
