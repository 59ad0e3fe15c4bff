import type { z } from 'zod';
import type { Json } from '../../shared/json';
import type { accountCreated, accountMembershipOut, accountOut } from '../../shared/accounts.api';
import type { auditEntryOut } from '../../shared/audit.api';
import type { enrolmentOut, loginOut, meMembershipOut, meOut } from '../../shared/auth.api';
import type { networkOut, organisationOut } from '../../shared/organisations.api';
import type { instanceOut } from '../../shared/instance.api';

/** Shapes of the server's JSON answers, as the web app uses them. */

export type Instance = z.output<typeof instanceOut>;

export type LoginResult = z.output<typeof loginOut>;
export type Enrolment = z.output<typeof enrolmentOut>;
export type MeMembership = z.output<typeof meMembershipOut>;
/** The signed-in account; `passwordChangeRequired`: a temporary password must be replaced before anything else. */
export type Me = z.output<typeof meOut>;

export interface Page<T> {
  items: T[];
  total: number;
}

export type Organisation = Json<z.output<typeof organisationOut>>;
export type NetworkRef = Organisation['networks'][number];
export type Network = z.output<typeof networkOut>;

export type UserMembership = z.output<typeof accountMembershipOut>;
export type User = Json<z.output<typeof accountOut>>;
export type CreatedUser = Json<z.output<typeof accountCreated>>;

export type AuditEntry = Json<z.output<typeof auditEntryOut>>;
