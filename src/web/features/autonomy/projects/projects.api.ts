import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Json } from '../../../../shared/json';
import type { ExpenseCreate, ExpenseMove, ProjectMoveIn, projectListOut, projectOut } from '../../../../shared/autonomy.projects.api';
import { api, request } from '../../../api/client';

/**
 * Personalised projects (routes in src/shared/autonomy.projects.api.ts).
 * Every read of a project is audited: nothing here refetches behind her back.
 */

export type Project = Json<z.output<typeof projectOut>>;
export type ProjectList = Json<z.output<typeof projectListOut>>;

const key = ['autonomy', 'projects'] as const;
const once = { refetchOnWindowFocus: false } as const;
const ifMatch = (version: number) => ({ 'If-Match': `"${version}"` });
const path = (id: string) => `/api/autonomy/projects/${encodeURIComponent(id)}`;

export const useProject = (id: string | undefined) =>
  useQuery({ queryKey: [...key, 'one', id ?? ''], queryFn: ({ signal }) => api.get<Project>(path(id ?? ''), { signal }), enabled: !!id, ...once });
export const useCaseProjects = (caseId: string | undefined) =>
  useQuery({
    queryKey: [...key, 'case', caseId ?? ''],
    queryFn: ({ signal }) => api.get<ProjectList>(`/api/cases/${encodeURIComponent(caseId ?? '')}/autonomy-projects`, { signal }),
    enabled: !!caseId,
    ...once,
  });
export const useInbox = () => useQuery({ queryKey: [...key, 'inbox'], queryFn: ({ signal }) => api.get<ProjectList>('/api/autonomy/inbox', { signal }), ...once });

export function useProjectWrites() {
  const client = useQueryClient();
  const settle = (p: Project) => {
    client.setQueryData([...key, 'one', p.id], p);
    void client.invalidateQueries({ queryKey: [...key, 'inbox'] });
    void client.invalidateQueries({ queryKey: [...key, 'case'] });
    return p;
  };
  return {
    move: (p: Project, body: ProjectMoveIn) => request<Project>('POST', `${path(p.id)}/moves`, { body, headers: ifMatch(p.version) }).then(settle),
    expense: (p: Project, body: ExpenseCreate, idempotencyKey: string) =>
      request<Project>('POST', `${path(p.id)}/expenses`, { body, headers: { 'Idempotency-Key': idempotencyKey } }).then(settle),
    expenseMove: (p: Project, expense: { id: string; version: number }, body: ExpenseMove) =>
      request<Project>('POST', `${path(p.id)}/expenses/${encodeURIComponent(expense.id)}/moves`, { body, headers: ifMatch(expense.version) }).then(settle),
  };
}
