import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import type { OrganisationType } from '../../../shared/domain';
import { visibilities, type AccessibilityFeature, type AlboStatus, type Closure, type DirectoryService, type StandardFlag, type Visibility } from '../../../shared/directory';
import { api, request, withQuery } from '../../api/client';
import type { Page } from '../../api/types';

/** Shapes of the reserved directory API (src/server/modules/directory/directory.api.ts). */

export interface Named {
  id: string;
  name: string;
}

export interface HoursState {
  open: boolean;
  unknown: boolean;
  closesAt: string | null;
  nextChange: string | null;
  nextOpening: string | null;
  comment: string | null;
}

/** The writable fields of a sportello (directory.schemas.ts `sportelloFields`). */
export interface SportelloFields {
  name: string;
  visibility: Visibility;
  address: string | null;
  comuneCode: string;
  lat: number | null;
  lon: number | null;
  phones: string[];
  email: string | null;
  transferPhone: string | null;
  openingHours: string | null;
  phoneHours: string | null;
  h24: boolean;
  closures: Closure[];
  languages: string[];
  services: DirectoryService[];
  accessibility: AccessibilityFeature[];
  notes: string | null;
}

export interface Sportello extends Omit<SportelloFields, 'comuneCode'> {
  id: string;
  externalId: string | null;
  organisation: Named & { type: OrganisationType };
  comune: { istatCode: string; name: string; provinceSigla: string };
  version: number;
  updatedAt: string;
  now: { at: string; inPerson: HoursState | null; phone: HoursState | null };
}

export interface HoursPreview {
  valid: boolean;
  error: string | null;
  warnings: string[];
  normalised: string | null;
  state: HoursState | null;
  week: { date: string; intervals: { from: string; to: string; unknown: boolean; comment: string | null }[] }[];
}

export interface DirectoryNetwork {
  id: string;
  name: string;
  externalId: string | null;
  capofila: Named | null;
  comuniCount: number;
  referent: Named | null;
  version: number;
}

export interface NetworkComune {
  istatCode: string;
  name: string;
  provinceSigla: string;
  referentOverride: Named | null;
}

export interface NetworkDetail extends DirectoryNetwork {
  comuni: NetworkComune[];
}

export interface NetworkPatch {
  name?: string;
  comuni?: string[];
  referentSportelloId?: string | null;
  referentOverrides?: { comune: string; sportelloId: string }[];
}

export interface Profile {
  id: string;
  name: string;
  type: OrganisationType;
  externalId: string | null;
  legalName: string | null;
  albo: { status: AlboStatus | null; date: string | null };
  email: string | null;
  phone: string | null;
  website: string | null;
  services: DirectoryService[];
  languages: string[];
  accessibility: AccessibilityFeature[];
  /** Minimum standard (Intesa 2022), as declared; null: not declared. */
  lineLinkedEmergencyRoom: boolean | null;
  lineLinkedPolice: boolean | null;
  womenOnlyStaff: boolean | null;
  networks: Named[];
  sportelliCount: number;
  version: number;
}

export type ProfilePatch = Partial<Omit<Profile, 'id' | 'name' | 'type' | 'externalId' | 'networks' | 'sportelliCount' | 'version'>>;

export interface Standards {
  at: string;
  days: number;
  items: {
    organisation: Named;
    flags: StandardFlag[];
    inPersonDays: string[];
    phoneDays: string[];
    hasTransferPhone: boolean;
    isReferent: boolean;
    lineLinkedEmergencyRoom: boolean | null;
    lineLinkedPolice: boolean | null;
    womenOnlyStaff: boolean | null;
  }[];
}

export type EntityType = 'network' | 'organisation' | 'sportello';

export interface HistoryEntry {
  id: number;
  at: string;
  actor: { id: string; displayName: string } | null;
  source: string;
  entityType: EntityType;
  entityId: string;
  change: 'create' | 'update' | 'delete';
  fields: { field: string; from: unknown; to: unknown; redacted: boolean }[];
}

export interface ImportCounts {
  networks: number;
  organisations: number;
  sportelli: number;
}

export interface ImportReport {
  created: ImportCounts;
  updated: ImportCounts;
  unchanged: ImportCounts;
  dryRun: boolean;
}

export const directoryKey = ['directory'] as const;

/** After a save: the saved record replaces its cached copy, and every other directory query is fetched again. */
export function useRecordSaved(kind: 'network' | 'profile' | 'sportello') {
  const client = useQueryClient();
  return (record: { id: string }) => {
    client.setQueryData([...directoryKey, kind, record.id], record);
    void client.invalidateQueries({ queryKey: directoryKey, predicate: (q) => q.queryKey[1] !== kind });
  };
}

export function isVisibility(value: string): value is Visibility {
  return (visibilities as readonly string[]).includes(value);
}

/** A conditional write: the version read goes back in If-Match, so nobody overwrites a change she never saw. */
const ifMatch = (version: number) => ({ 'If-Match': `"${version}"` });

export interface SportelliQuery {
  page: number;
  pageSize: number;
  network?: string | undefined;
  organisation?: string | undefined;
  comune?: string | undefined;
  visibility?: string | undefined;
  q?: string | undefined;
}

export function useSportelli(params: SportelliQuery, enabled = true) {
  return useQuery({
    queryKey: [...directoryKey, 'sportelli', params],
    queryFn: ({ signal }) => api.get<Page<Sportello>>('/api/directory/sportelli', { query: { ...params }, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useSportello(id: string | undefined) {
  return useQuery({
    queryKey: [...directoryKey, 'sportello', id],
    queryFn: ({ signal }) => api.get<Sportello>(`/api/directory/sportelli/${encodeURIComponent(id ?? '')}`, { signal }),
    enabled: !!id,
    // The form holds the version it read: a refetch behind her back would not change it anyway.
    refetchOnWindowFocus: false,
  });
}

export function createSportello(body: SportelloFields & { organisationId: string }): Promise<Sportello> {
  return api.post<Sportello>('/api/directory/sportelli', body);
}

export function updateSportello(id: string, version: number, body: Partial<SportelloFields>): Promise<Sportello> {
  return request<Sportello>('PATCH', `/api/directory/sportelli/${encodeURIComponent(id)}`, { body, headers: ifMatch(version) });
}

export function deleteSportello(id: string, version: number): Promise<void> {
  return request<void>('DELETE', `/api/directory/sportelli/${encodeURIComponent(id)}`, { headers: ifMatch(version) });
}

/** The live preview (a computation on the server: the same parser and holidays as the stored hours). */
export function useHoursPreview(input: { openingHours: string; closures: Closure[] } | null) {
  return useQuery({
    queryKey: [...directoryKey, 'preview', input],
    queryFn: () => api.post<HoursPreview>('/api/directory/hours/preview', input),
    enabled: input !== null,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
    retry: false,
  });
}

export function useDirectoryNetworks() {
  return useQuery({
    queryKey: [...directoryKey, 'networks'],
    queryFn: ({ signal }) => api.get<{ items: DirectoryNetwork[] }>('/api/directory/networks', { signal }),
  });
}

export function useDirectoryNetwork(id: string | undefined) {
  return useQuery({
    queryKey: [...directoryKey, 'network', id],
    queryFn: ({ signal }) => api.get<NetworkDetail>(`/api/directory/networks/${encodeURIComponent(id ?? '')}`, { signal }),
    enabled: !!id,
    refetchOnWindowFocus: false,
  });
}

export function updateNetwork(id: string, version: number, body: NetworkPatch): Promise<NetworkDetail> {
  return request<NetworkDetail>('PATCH', `/api/directory/networks/${encodeURIComponent(id)}`, { body, headers: ifMatch(version) });
}

export function useProfiles(params: { page: number; pageSize: number; network?: string | undefined; q?: string | undefined }) {
  return useQuery({
    queryKey: [...directoryKey, 'profiles', params],
    queryFn: ({ signal }) => api.get<Page<Profile>>('/api/directory/organisations', { query: { ...params }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useProfile(id: string | undefined) {
  return useQuery({
    queryKey: [...directoryKey, 'profile', id],
    queryFn: ({ signal }) => api.get<Profile>(`/api/directory/organisations/${encodeURIComponent(id ?? '')}`, { signal }),
    enabled: !!id,
    refetchOnWindowFocus: false,
  });
}

export function updateProfile(id: string, version: number, body: ProfilePatch): Promise<Profile> {
  return request<Profile>('PATCH', `/api/directory/organisations/${encodeURIComponent(id)}`, { body, headers: ifMatch(version) });
}

export function useStandards(network: string | undefined) {
  return useQuery({
    queryKey: [...directoryKey, 'standards', network],
    queryFn: ({ signal }) => api.get<Standards>('/api/directory/standards', { query: { network }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useHistory(params: { page: number; pageSize: number; entityType?: string | undefined; network?: string | undefined }) {
  return useQuery({
    queryKey: [...directoryKey, 'history', params],
    queryFn: ({ signal }) => api.get<Page<HistoryEntry>>('/api/directory/history', { query: { ...params }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function importDirectory(file: unknown, dryRun: boolean): Promise<ImportReport> {
  return request<ImportReport>('POST', '/api/directory/import', { body: file, query: { dryRun: String(dryRun) } });
}

export type ExportFormat = 'csv' | 'xlsx' | 'json';
export const exportFormats: readonly ExportFormat[] = ['csv', 'xlsx', 'json'];

/** A plain download link: a GET with the session cookie. */
export function exportUrl(network: string, format: ExportFormat): string {
  return withQuery('/api/directory/export', { network, format });
}
