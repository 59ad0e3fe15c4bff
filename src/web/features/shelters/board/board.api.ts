import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Json } from '../../../../shared/json';
import type { BoardQuery, boardOut } from '../../../../shared/shelters.structures.api';
import { api } from '../../../api/client';

export type Board = Json<z.output<typeof boardOut>>;
export type BoardItem = Board['items'][number];

/**
 * The vacancy board (GET /api/shelters/board): counts only, not audited,
 * so it is read again every 30 seconds while the page is open — places
 * change as structures hold and free them.
 */
export function useBoard(query: Partial<BoardQuery>) {
  return useQuery({
    queryKey: ['shelters', 'board', query],
    queryFn: ({ signal }) => api.get<Board>('/api/shelters/board', { query: { ...query }, signal }),
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
  });
}
