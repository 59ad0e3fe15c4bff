import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Json } from '../../../shared/json';
import type { standardsFindingsOut } from '../../../shared/directory.findings.api';
import { api } from '../../api/client';

export type StandardsFindings = Json<z.output<typeof standardsFindingsOut>>;

/** What the nightly minimum-standard check found in her scope, and since which night. */
export function useStandardsFindings() {
  return useQuery({
    queryKey: ['directory', 'standards', 'findings'],
    queryFn: ({ signal }) => api.get<StandardsFindings>('/api/directory/standards/findings', { signal }),
  });
}
