CREATE TABLE "risk_assessments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"instrument_id" uuid NOT NULL,
	"instrument_code" text NOT NULL,
	"instrument_version" integer NOT NULL,
	"answers_sealed" text,
	"reason_sealed" text,
	"score" double precision,
	"computed_level" text,
	"judgement_level" text,
	"final_level" text NOT NULL,
	"lowered" boolean DEFAULT false NOT NULL,
	"occasion" text NOT NULL,
	"assessed_on" date NOT NULL,
	"assessor_user_id" uuid,
	"assessor_organisation_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "risk_assessments_final_check" CHECK ("risk_assessments"."final_level" in ('basso', 'medio', 'elevato', 'imminente')),
	CONSTRAINT "risk_assessments_computed_check" CHECK ("risk_assessments"."computed_level" is null or "risk_assessments"."computed_level" in ('basso', 'medio', 'elevato', 'imminente')),
	CONSTRAINT "risk_assessments_judgement_check" CHECK ("risk_assessments"."judgement_level" is null or "risk_assessments"."judgement_level" in ('basso', 'medio', 'elevato', 'imminente')),
	CONSTRAINT "risk_assessments_occasion_check" CHECK ("risk_assessments"."occasion" in ('iniziale', 'programmata', 'separazione', 'violazione_misura', 'nuova_violenza', 'altro')),
	CONSTRAINT "risk_assessments_lowered_check" CHECK (not "risk_assessments"."lowered" or ("risk_assessments"."judgement_level" is not null and "risk_assessments"."reason_sealed" is not null))
);
--> statement-breakpoint
CREATE TABLE "risk_instruments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"code" text NOT NULL,
	"version" integer NOT NULL,
	"definition" jsonb NOT NULL,
	"loaded_by" uuid,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"retired_at" timestamp with time zone,
	CONSTRAINT "risk_instruments_network_code_version_key" UNIQUE("network_id","code","version")
);
--> statement-breakpoint
ALTER TABLE "cases" DROP CONSTRAINT "cases_risk_check";--> statement-breakpoint
ALTER TABLE "plan_actions" DROP CONSTRAINT "plan_actions_type_check";--> statement-breakpoint
ALTER TABLE "notifications" DROP CONSTRAINT "notifications_kind_check";--> statement-breakpoint
ALTER TABLE "notifications" DROP CONSTRAINT "notifications_case_tab_check";--> statement-breakpoint
ALTER TABLE "case_events" ADD COLUMN "risk_event" text;--> statement-breakpoint
ALTER TABLE "risk_assessments" ADD CONSTRAINT "risk_assessments_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_assessments" ADD CONSTRAINT "risk_assessments_instrument_id_risk_instruments_id_fk" FOREIGN KEY ("instrument_id") REFERENCES "public"."risk_instruments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_assessments" ADD CONSTRAINT "risk_assessments_assessor_user_id_users_id_fk" FOREIGN KEY ("assessor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_assessments" ADD CONSTRAINT "risk_assessments_assessor_organisation_id_organisations_id_fk" FOREIGN KEY ("assessor_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_instruments" ADD CONSTRAINT "risk_instruments_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_instruments" ADD CONSTRAINT "risk_instruments_loaded_by_users_id_fk" FOREIGN KEY ("loaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "risk_assessments_case_idx" ON "risk_assessments" USING btree ("case_id","assessed_on");--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_risk_event_check" CHECK ("case_events"."risk_event" is null or "case_events"."risk_event" in ('separazione', 'violazione_misura', 'nuova_violenza'));--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_risk_check" CHECK ("cases"."risk_level" is null or "cases"."risk_level" in ('basso', 'medio', 'elevato', 'imminente'));--> statement-breakpoint
ALTER TABLE "plan_actions" ADD CONSTRAINT "plan_actions_type_check" CHECK ("plan_actions"."type" in ('piano_sicurezza', 'valutare_casa_rifugio', 'proporre_revisione_multiagenzia', 'consulenza_legale', 'accompagnamento_denuncia', 'supporto_psicologico', 'presa_in_carico_sociale', 'ospitalita_casa_rifugio', 'ricerca_alloggio', 'orientamento_lavoro', 'tirocinio', 'formazione', 'sostegno_economico', 'reddito_di_liberta', 'conciliazione', 'supporto_figli', 'sanitario', 'altro'));--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_kind_check" CHECK (kind in ('case_team_added', 'plan_action_assigned', 'deadline_due', 'review_due', 'action_due', 'pathway_stale', 'risk_high', 'reassessment_due'));--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_case_tab_check" CHECK (case_tab is null or case_tab in ('summary', 'profile', 'children', 'timeline', 'plan', 'consents', 'documents', 'team', 'authors', 'risk'));