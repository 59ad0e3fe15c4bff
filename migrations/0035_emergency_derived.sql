ALTER TABLE "notifications" DROP CONSTRAINT "notifications_kind_check";--> statement-breakpoint
ALTER TABLE "case_events" ADD COLUMN "emergency" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "emergency_source" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "emergency_source_id" uuid;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "emergency_changed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_emergency_check" CHECK ("case_events"."emergency" is null or "case_events"."emergency" in ('inizio', 'fine'));--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_emergency_source_check" CHECK ("cases"."emergency_source" is null or "cases"."emergency_source" in ('apertura', 'evento', 'valutazione'));--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_kind_check" CHECK (kind in ('case_team_added', 'plan_action_assigned', 'deadline_due', 'review_due', 'action_due', 'pathway_stale', 'risk_high', 'reassessment_due', 'safety_plan_review_due', 'intake_received', 'intake_taken', 'intake_declined', 'review_action_assigned', 'referral_received', 'referral_withdrawn', 'referral_waiting', 'referral_accepted', 'referral_declined', 'referral_unanswered', 'referral_expired'));--> statement-breakpoint
-- Cases already in emergency before it was derived (docs/cases.md): counted as set at their opening.
UPDATE "cases" SET "emergency_source" = 'apertura', "emergency_changed_at" = "created_at" WHERE "emergency";
