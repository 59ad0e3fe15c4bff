CREATE TABLE "case_authors" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"relationship" text NOT NULL,
	"children_in_common" boolean,
	"weapons" boolean,
	"previous_reports" boolean,
	"details_sealed" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_break_glass" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"reason_sealed" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_children" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"age" smallint,
	"lives_with_mother" boolean,
	"witnessed_violence" boolean,
	"suffered_violence" boolean,
	"custody" text,
	"needs" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"details_sealed" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_consents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"recipient_organisation_id" uuid,
	"sections" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"channel" text,
	"given_on" date NOT NULL,
	"form" text NOT NULL,
	"expires_on" date,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by" uuid,
	CONSTRAINT "case_consents_purpose_check" CHECK ("case_consents"."purpose" in ('presa_in_carico', 'condivisione', 'statistiche_anonime', 'contatto')),
	CONSTRAINT "case_consents_form_check" CHECK ("case_consents"."form" in ('scritto', 'orale')),
	CONSTRAINT "case_consents_recipient_check" CHECK (("case_consents"."purpose" = 'condivisione') = ("case_consents"."recipient_organisation_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "case_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"channel" text NOT NULL,
	"type" text NOT NULL,
	"duration_minutes" smallint,
	"organisation_id" uuid NOT NULL,
	"operator_user_id" uuid,
	"notes_sealed" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_events_channel_check" CHECK ("case_events"."channel" in ('di_persona', 'telefono', 'video', 'email', 'visita_domiciliare', 'altro')),
	CONSTRAINT "case_events_type_check" CHECK ("case_events"."type" in ('ascolto', 'accoglienza', 'consulenza_legale', 'supporto_psicologico', 'sociale', 'educativa', 'orientamento_lavoro_casa', 'accompagnamento', 'gruppo'))
);
--> statement-breakpoint
CREATE TABLE "case_members" (
	"case_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"referente" boolean DEFAULT false NOT NULL,
	"sections" jsonb NOT NULL,
	"consent_id" uuid,
	"added_by" uuid,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_members_case_id_user_id_pk" PRIMARY KEY("case_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "case_stage_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"stage" text NOT NULL,
	"on" date NOT NULL,
	"outcome" text,
	"reopened" boolean DEFAULT false NOT NULL,
	"by_user_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"organisation_id" uuid NOT NULL,
	"stage" text DEFAULT 'contatto' NOT NULL,
	"contact_on" date NOT NULL,
	"accoglienza_on" date,
	"presa_in_carico_on" date,
	"closed_on" date,
	"closure_outcome" text,
	"reopened_count" smallint DEFAULT 0 NOT NULL,
	"risk_level" text,
	"emergency" boolean DEFAULT false NOT NULL,
	"comune_code" text,
	"network_id" uuid,
	"profile" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"identity_sealed" text,
	"safe_contact_sealed" text,
	"last_contact_at" timestamp with time zone,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cases_code_unique" UNIQUE("code"),
	CONSTRAINT "cases_stage_check" CHECK ("cases"."stage" in ('contatto', 'accoglienza', 'presa_in_carico', 'concluso')),
	CONSTRAINT "cases_outcome_check" CHECK ("cases"."closure_outcome" is null or "cases"."closure_outcome" in ('obiettivi_raggiunti', 'abbandono', 'inviata_servizi_territoriali', 'trasferita', 'rientro_maltrattante', 'altro')),
	CONSTRAINT "cases_risk_check" CHECK ("cases"."risk_level" is null or "cases"."risk_level" in ('basso', 'medio', 'elevato')),
	CONSTRAINT "cases_closure_check" CHECK (("cases"."stage" = 'concluso') = ("cases"."closed_on" is not null and "cases"."closure_outcome" is not null))
);
--> statement-breakpoint
ALTER TABLE "case_authors" ADD CONSTRAINT "case_authors_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_break_glass" ADD CONSTRAINT "case_break_glass_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_break_glass" ADD CONSTRAINT "case_break_glass_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_children" ADD CONSTRAINT "case_children_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_consents" ADD CONSTRAINT "case_consents_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_consents" ADD CONSTRAINT "case_consents_recipient_organisation_id_organisations_id_fk" FOREIGN KEY ("recipient_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_consents" ADD CONSTRAINT "case_consents_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_consents" ADD CONSTRAINT "case_consents_revoked_by_users_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_operator_user_id_users_id_fk" FOREIGN KEY ("operator_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_members" ADD CONSTRAINT "case_members_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_members" ADD CONSTRAINT "case_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_members" ADD CONSTRAINT "case_members_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_members" ADD CONSTRAINT "case_members_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_stage_changes" ADD CONSTRAINT "case_stage_changes_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_stage_changes" ADD CONSTRAINT "case_stage_changes_by_user_id_users_id_fk" FOREIGN KEY ("by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_comune_code_comuni_istat_code_fk" FOREIGN KEY ("comune_code") REFERENCES "public"."comuni"("istat_code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_authors_case_idx" ON "case_authors" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_break_glass_case_idx" ON "case_break_glass" USING btree ("case_id","user_id","expires_at");--> statement-breakpoint
CREATE INDEX "case_consents_case_idx" ON "case_consents" USING btree ("case_id","purpose");--> statement-breakpoint
CREATE INDEX "case_events_case_idx" ON "case_events" USING btree ("case_id","at");--> statement-breakpoint
CREATE INDEX "case_members_user_idx" ON "case_members" USING btree ("user_id","organisation_id");--> statement-breakpoint
CREATE INDEX "case_stage_changes_case_idx" ON "case_stage_changes" USING btree ("case_id","at");--> statement-breakpoint
CREATE INDEX "cases_org_stage_idx" ON "cases" USING btree ("organisation_id","stage","updated_at");