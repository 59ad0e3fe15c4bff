CREATE TABLE "inbound_referrals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reference" text NOT NULL,
	"sender_organisation_id" uuid NOT NULL,
	"sender_user_id" uuid,
	"recipient_organisation_id" uuid NOT NULL,
	"source" text NOT NULL,
	"urgency" text NOT NULL,
	"comune_code" text NOT NULL,
	"consent_channel" text NOT NULL,
	"consent_given_on" date NOT NULL,
	"consent_form" text NOT NULL,
	"contact_sealed" text,
	"note_sealed" text,
	"status" text DEFAULT 'inviata' NOT NULL,
	"attempts" smallint DEFAULT 0 NOT NULL,
	"first_attempt_at" timestamp with time zone,
	"last_attempt_at" timestamp with time zone,
	"decline_reason" text,
	"case_id" uuid,
	"closed_at" timestamp with time zone,
	"closed_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inbound_referrals_reference_unique" UNIQUE("reference"),
	CONSTRAINT "inbound_referrals_case_id_unique" UNIQUE("case_id"),
	CONSTRAINT "inbound_referrals_source_check" CHECK ("inbound_referrals"."source" in ('accesso_ps', 'intervento_ff_oo', 'servizi_sociali', 'chiamata_1522', 'servizio_sanitario')),
	CONSTRAINT "inbound_referrals_urgency_check" CHECK ("inbound_referrals"."urgency" in ('ordinaria', 'urgente')),
	CONSTRAINT "inbound_referrals_status_check" CHECK ("inbound_referrals"."status" in ('inviata', 'non_raggiunta', 'presa_in_carico', 'rifiutata')),
	CONSTRAINT "inbound_referrals_channel_check" CHECK ("inbound_referrals"."consent_channel" in ('telefono', 'sms', 'whatsapp', 'email', 'di_persona', 'tramite_persona_fidata')),
	CONSTRAINT "inbound_referrals_form_check" CHECK ("inbound_referrals"."consent_form" in ('scritto', 'orale')),
	CONSTRAINT "inbound_referrals_reason_check" CHECK ("inbound_referrals"."decline_reason" is null or "inbound_referrals"."decline_reason" in ('fuori_territorio', 'rifiuto_della_donna', 'irreperibile', 'gia_seguita', 'altro')),
	CONSTRAINT "inbound_referrals_declined_check" CHECK (("inbound_referrals"."status" = 'rifiutata') = ("inbound_referrals"."decline_reason" is not null)),
	CONSTRAINT "inbound_referrals_closed_check" CHECK (("inbound_referrals"."status" in ('presa_in_carico', 'rifiutata')) = ("inbound_referrals"."closed_at" is not null)),
	CONSTRAINT "inbound_referrals_contact_check" CHECK (("inbound_referrals"."status" in ('inviata', 'non_raggiunta')) = ("inbound_referrals"."contact_sealed" is not null))
);
--> statement-breakpoint
ALTER TABLE "notifications" DROP CONSTRAINT "notifications_kind_check";--> statement-breakpoint
ALTER TABLE "inbound_referrals" ADD CONSTRAINT "inbound_referrals_sender_organisation_id_organisations_id_fk" FOREIGN KEY ("sender_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbound_referrals" ADD CONSTRAINT "inbound_referrals_sender_user_id_users_id_fk" FOREIGN KEY ("sender_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbound_referrals" ADD CONSTRAINT "inbound_referrals_recipient_organisation_id_organisations_id_fk" FOREIGN KEY ("recipient_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbound_referrals" ADD CONSTRAINT "inbound_referrals_comune_code_comuni_istat_code_fk" FOREIGN KEY ("comune_code") REFERENCES "public"."comuni"("istat_code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbound_referrals" ADD CONSTRAINT "inbound_referrals_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbound_referrals" ADD CONSTRAINT "inbound_referrals_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "inbound_referrals_recipient_idx" ON "inbound_referrals" USING btree ("recipient_organisation_id","status","created_at");--> statement-breakpoint
CREATE INDEX "inbound_referrals_sender_idx" ON "inbound_referrals" USING btree ("sender_organisation_id","created_at");--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_kind_check" CHECK (kind in ('case_team_added', 'plan_action_assigned', 'deadline_due', 'review_due', 'action_due', 'pathway_stale', 'risk_high', 'reassessment_due', 'intake_received', 'intake_taken', 'intake_declined'));