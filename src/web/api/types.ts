import type { z } from 'zod';
import type { Json } from '../../shared/json';
import type { networkOut, organisationOut } from '../../shared/organisations.api';
import type { AuditOutcome, MembershipRole, OrganisationType, Role } from '../../shared/domain';

/** Shapes of the server's JSON answers, as the web app uses them. */

export interface Instance {
  name: string;
  demo: boolean;
  version: string;
}

export interface LoginResult {
  next: 'mfa' | 'enrol';
  csrfToken: string;
}

export interface Enrolment {
  otpauthUri: string;
  qrDataUrl: string;
  secret: string;
}

export interface MeMembership {
  organisationId: string;
  organisationName: string;
  organisationType: OrganisationType;
  role: MembershipRole;
}

export interface Me {
  user: { id: string; username: string; displayName: string; isInstanceAdmin: boolean };
  organisation: { id: string; name: string; type: OrganisationType } | null;
  role: Role | null;
  memberships: MeMembership[];
  permissions: string[];
  /** A temporary password must be replaced before anything else. */
  passwordChangeRequired: boolean;
  csrfToken: string;
}

export interface Page<T> {
  items: T[];
  total: number;
}

export type Organisation = Json<z.output<typeof organisationOut>>;
export type NetworkRef = Organisation['networks'][number];
export type Network = z.output<typeof networkOut>;

export interface UserMembership {
  organisationId: string;
  organisationName: string;
  role: MembershipRole;
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  isInstanceAdmin: boolean;
  disabled: boolean;
  mfaEnrolled: boolean;
  createdAt: string;
  memberships: UserMembership[];
}

export interface CreatedUser {
  user: User;
  temporaryPassword: string;
}

export interface AuditEntry {
  id: string;
  at: string;
  actorUsername: string | null;
  organisationName: string | null;
  action: string;
  resourceType: string | null;
  resourceId: string | null;
  purpose: string | null;
  outcome: AuditOutcome;
}
