import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { definePolicy } from '../../access/policy.js';
import { referralNetworkStatsOut, referralNetworkStatsQuery, referralStatsOut, referralStatsQuery } from '../../../shared/referrals.stats.api.js';
import { scopeOf } from '../../access/guard.js';
import type { AppContext } from '../../context.js';
import { networkStats, organisationStats } from './referrals.stats.js';

/**
 * Who reads the referral counters (numbers only, never a case): an
 * organisation's head her organisation's own; a network coordinator those
 * of the networks her organisation leads, small cells suppressed.
 */
export const referralStatsPolicy = definePolicy({
  'referral.stats': { roles: ['organisation_head'] },
  'referral.network_stats': { roles: ['network_coordinator'] },
});

/** The counters' routes (docs/referrals.md, "Statistics"). */
export function referralStatsRoutes(ctx: AppContext) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['referrals'];
    r.get(
      '/api/referrals/stats',
      {
        schema: {
          tags,
          summary: "Her organisation's referral counters, as sender and as recipient, and the time to first contact (referrals sent in [from, to], Italian days; default the last 365)",
          querystring: referralStatsQuery,
          response: { 200: referralStatsOut },
        },
        config: { access: { action: 'referral.stats' } },
      },
      async (request) => organisationStats(ctx, scopeOf(request), request.query, request.id),
    );
    r.get(
      '/api/referrals/stats/network',
      {
        schema: {
          tags,
          summary: 'The same counters per organisation of a network her organisation leads (small cells suppressed: null)',
          querystring: referralNetworkStatsQuery,
          response: { 200: referralNetworkStatsOut },
        },
        config: { access: { action: 'referral.network_stats' } },
      },
      async (request) => networkStats(ctx, scopeOf(request), request.query, request.id),
    );
  };
}
