CREATE TABLE "case_coordination" (
	"case_id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"referral_id" uuid NOT NULL,
	"consent_id" uuid NOT NULL,
	"since" timestamp with time zone DEFAULT now() NOT NULL,
	"by_user_id" uuid
);
--> statement-breakpoint
ALTER TABLE "notifications" DROP CONSTRAINT "notifications_kind_check";--> statement-breakpoint
ALTER TABLE "case_coordination" ADD CONSTRAINT "case_coordination_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_coordination" ADD CONSTRAINT "case_coordination_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_coordination" ADD CONSTRAINT "case_coordination_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referrals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_coordination" ADD CONSTRAINT "case_coordination_consent_id_case_consents_id_fk" FOREIGN KEY ("consent_id") REFERENCES "public"."case_consents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_coordination" ADD CONSTRAINT "case_coordination_by_user_id_users_id_fk" FOREIGN KEY ("by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_kind_check" CHECK (kind in ('case_team_added', 'case_coordination_received', 'case_coordination_ended', 'plan_action_assigned', 'deadline_due', 'review_due', 'action_due', 'pathway_stale', 'risk_high', 'reassessment_due', 'safety_plan_review_due', 'intake_received', 'intake_taken', 'intake_declined', 'review_action_assigned', 'referral_received', 'referral_withdrawn', 'referral_waiting', 'referral_accepted', 'referral_declined', 'referral_unanswered', 'referral_expired'));