CREATE TABLE "referrals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"from_organisation_id" uuid NOT NULL,
	"to_organisation_id" uuid NOT NULL,
	"consent_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"urgency" text NOT NULL,
	"sections" jsonb NOT NULL,
	"note_sealed" text,
	"state" text DEFAULT 'in_attesa' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"referred_by" uuid,
	"referred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decline_reason" text,
	"decline_note_sealed" text,
	"first_contact_at" timestamp with time zone,
	"reminded_at" timestamp with time zone,
	CONSTRAINT "referrals_purpose_check" CHECK ("referrals"."purpose" in ('presa_in_carico', 'ospitalita', 'orientamento_lavoro', 'alloggio', 'consulenza_legale', 'sanitaria', 'sostegno_psicologico', 'sostegno_minori', 'sostegno_economico', 'altro')),
	CONSTRAINT "referrals_urgency_check" CHECK ("referrals"."urgency" in ('ordinaria', 'urgente', 'emergenza')),
	CONSTRAINT "referrals_state_check" CHECK ("referrals"."state" in ('in_attesa', 'accettata', 'rifiutata', 'ritirata', 'annullata', 'scaduta')),
	CONSTRAINT "referrals_reason_check" CHECK ("referrals"."decline_reason" is null or "referrals"."decline_reason" in ('no_capacity', 'not_appropriate', 'declined_by_woman', 'other')),
	CONSTRAINT "referrals_declined_check" CHECK (("referrals"."state" = 'rifiutata') = ("referrals"."decline_reason" is not null)),
	CONSTRAINT "referrals_decided_check" CHECK (("referrals"."state" = 'in_attesa') = ("referrals"."decided_at" is null)),
	CONSTRAINT "referrals_parties_check" CHECK ("referrals"."from_organisation_id" <> "referrals"."to_organisation_id")
);
--> statement-breakpoint
ALTER TABLE "case_consents" ADD COLUMN "referral_purposes" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_from_organisation_id_organisations_id_fk" FOREIGN KEY ("from_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_to_organisation_id_organisations_id_fk" FOREIGN KEY ("to_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_consent_id_case_consents_id_fk" FOREIGN KEY ("consent_id") REFERENCES "public"."case_consents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_referred_by_users_id_fk" FOREIGN KEY ("referred_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "referrals_to_idx" ON "referrals" USING btree ("to_organisation_id","state","referred_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "referrals_from_idx" ON "referrals" USING btree ("from_organisation_id","state","referred_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "referrals_case_idx" ON "referrals" USING btree ("case_id","referred_at");--> statement-breakpoint
CREATE INDEX "referrals_consent_idx" ON "referrals" USING btree ("consent_id");--> statement-breakpoint
CREATE INDEX "referrals_pending_idx" ON "referrals" USING btree ("referred_at") WHERE "referrals"."state" = 'in_attesa';--> statement-breakpoint
CREATE UNIQUE INDEX "referrals_one_pending_idx" ON "referrals" USING btree ("case_id","to_organisation_id") WHERE "referrals"."state" = 'in_attesa';--> statement-breakpoint
ALTER TABLE "case_consents" ADD CONSTRAINT "case_consents_referral_purposes_check" CHECK (("case_consents"."purpose" = 'condivisione' or "case_consents"."referral_purposes" = '[]'::jsonb) and "case_consents"."referral_purposes" <@ '["presa_in_carico","ospitalita","orientamento_lavoro","alloggio","consulenza_legale","sanitaria","sostegno_psicologico","sostegno_minori","sostegno_economico","altro"]'::jsonb);