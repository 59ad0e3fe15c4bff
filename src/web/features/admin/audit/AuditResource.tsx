import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../api/types';

/** Kinds of record the log names with a word; any other shows its code. */
const knownTypes = ['user', 'organisation', 'network', 'case', 'sportello', 'api_token', 'audit_log'] as const;
const isKnown = (type: string): type is (typeof knownTypes)[number] => (knownTypes as readonly string[]).includes(type);

/**
 * The record a row is about: its kind in words, then its name as the server
 * gave it (an account or organisation she may see, a case's code) or else
 * its id. The server never sends a woman's data here.
 */
export function AuditResource({ entry }: { entry: Pick<AuditEntry, 'resourceType' | 'resourceId' | 'resourceLabel'> }) {
  const { t } = useTranslation();
  if (!entry.resourceType) return <>—</>;
  const kind = isKnown(entry.resourceType) ? t(`audit.resource.${entry.resourceType}`) : entry.resourceType;
  const name = entry.resourceLabel ?? entry.resourceId;
  return (
    <>
      {kind}
      {name ? <span className={`d-block small${entry.resourceLabel ? '' : ' text-break'}`}>{name}</span> : null}
    </>
  );
}
