import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { caseSheetPath } from '../../../shared/case-sheet.api';
import { CheckboxGroup } from '../../ui/fields';
import { useCaseLabels } from './cases.labels';
import type { CaseRecord } from './cases.types';

/**
 * "Stampa scheda (PDF)": the sections to print, only those she holds (all
 * chosen at first), and a plain download link — the server decides again
 * what she may print, marks every page RISERVATO and records the print.
 */
export function PrintSheet({ record }: { record: CaseRecord }) {
  const { t } = useTranslation();
  const { options } = useCaseLabels();
  const held = record.access.sections;
  const [chosen, setChosen] = useState<string[]>([...held]);
  // No section chosen would print every one she holds: ask for one instead.
  const ready = held.length === 0 || chosen.length > 0;
  const ordered = held.filter((s) => chosen.includes(s));
  return (
    <details className="mb-4 case-print">
      <summary className="btn btn-outline-primary btn-sm">{t('cases.print.open')}</summary>
      <div className="pt-3">
        <p>{t('cases.print.hint')}</p>
        {held.length ? <CheckboxGroup id="case-print-sections" legend={t('cases.print.legend')} options={options('section', held)} values={chosen} onChange={setChosen} /> : null}
        {ready ? (
          <a className="btn btn-primary btn-sm" href={caseSheetPath(record.id, ordered)} download>
            {t('cases.print.download')}
          </a>
        ) : (
          <p role="status" className="mb-0">
            {t('cases.print.none')}
          </p>
        )}
      </div>
    </details>
  );
}
