import { z } from 'zod';
import { referralCreate, referralDecline, type ReferralCreate } from '../../../shared/referrals.api';
import { blank } from '../../ui/form';
import type { ConsentOption } from './referrals.types';

/**
 * The referral forms, checked with the API's schemas
 * (src/shared/referrals.api.ts) before anything is sent; what only the
 * chosen consent knows (the sections and purposes it allows) is a
 * refinement with the same codes the server answers.
 */

const shape = referralCreate.shape;

export function referralForm(consents: readonly ConsentOption[]) {
  return referralCreate
    .extend({
      consentId: blank(shape.consentId),
      purpose: blank(shape.purpose),
      urgency: blank(shape.urgency),
      note: blank(shape.note),
    })
    .superRefine(
      (v, ctx) => {
        const consent = consents.find((c) => c.consentId === v.consentId);
        if (!consent) return;
        // Minimum necessary: only what her consent lets this organisation see, never more.
        if (v.sections.some((s) => !consent.sections.includes(s))) ctx.addIssue({ code: 'custom', path: ['sections'], message: 'sections_not_consented' });
        if (v.purpose && !consent.purposes.includes(v.purpose)) ctx.addIssue({ code: 'custom', path: ['purpose'], message: 'purpose_not_consented' });
      },
      { when: () => true },
    );
}
export type ReferralFormValues = z.input<ReturnType<typeof referralForm>>;

export const emptyReferral = (): ReferralFormValues => ({ consentId: '', purpose: '', urgency: 'ordinaria', sections: [], note: '' });

/** The fields a chosen consent prefills: every section it allows (she may narrow them), its only purpose when it has one. */
export function prefill(consent: ConsentOption | undefined): Pick<ReferralFormValues, 'sections' | 'purpose'> {
  if (!consent) return { sections: [], purpose: '' };
  return { sections: [...consent.sections], purpose: consent.purposes.length === 1 ? consent.purposes[0]! : '' };
}

/**
 * One Idempotency-Key per submission: the same body sent again (a second
 * click, a retry after a lost answer) carries the same key, so the server
 * answers the referral already made; another body gets a new key.
 */
export function idempotencyKeys(random: () => string = () => crypto.randomUUID()) {
  let last: { body: string; key: string } | null = null;
  return {
    keyFor(body: ReferralCreate): string {
      const text = JSON.stringify(body);
      if (last?.body !== text) last = { body: text, key: random() };
      return last.key;
    },
    /** After a referral was made: the next one, even identical, is a new request. */
    done() {
      last = null;
    },
  };
}

const declineShape = referralDecline.shape;
export const declineForm = referralDecline.extend({ reason: blank(declineShape.reason), note: blank(declineShape.note) });
export type DeclineFormValues = z.input<typeof declineForm>;
export const emptyDecline = (): DeclineFormValues => ({ reason: '', note: '' });
