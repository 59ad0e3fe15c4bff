CREATE TABLE "autonomy_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"family" text NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'prevista' NOT NULL,
	"outcome" text,
	"starts_on" date,
	"ends_on" date,
	"cost_cents" integer,
	"details_sealed" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "autonomy_actions_family_check" CHECK ("autonomy_actions"."family" in ('lavoro', 'abitare', 'conciliazione', 'economica')),
	CONSTRAINT "autonomy_actions_status_check" CHECK ("autonomy_actions"."status" in ('prevista', 'in_corso', 'conclusa', 'annullata')),
	CONSTRAINT "autonomy_actions_cost_check" CHECK ("autonomy_actions"."cost_cents" is null or "autonomy_actions"."cost_cents" >= 0)
);
--> statement-breakpoint
CREATE TABLE "autonomy_budgets" (
	"programme_id" uuid NOT NULL,
	"axis_code" text NOT NULL,
	"organisation_id" uuid NOT NULL,
	"amount_cents" integer NOT NULL,
	CONSTRAINT "autonomy_budgets_programme_id_axis_code_organisation_id_pk" PRIMARY KEY("programme_id","axis_code","organisation_id"),
	CONSTRAINT "autonomy_budgets_amount_check" CHECK ("autonomy_budgets"."amount_cents" >= 0)
);
--> statement-breakpoint
CREATE TABLE "autonomy_equipe_members" (
	"equipe_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	CONSTRAINT "autonomy_equipe_members_equipe_id_organisation_id_pk" PRIMARY KEY("equipe_id","organisation_id")
);
--> statement-breakpoint
CREATE TABLE "autonomy_equipes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"name" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "autonomy_expenses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"programme_id" uuid NOT NULL,
	"axis_code" text NOT NULL,
	"category_code" text NOT NULL,
	"partner_organisation_id" uuid NOT NULL,
	"amount_cents" integer NOT NULL,
	"state" text DEFAULT 'impegnata' NOT NULL,
	"committed_on" date NOT NULL,
	"paid_on" date,
	"document_id" uuid,
	"note_sealed" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "autonomy_expenses_amount_check" CHECK ("autonomy_expenses"."amount_cents" > 0),
	CONSTRAINT "autonomy_expenses_state_check" CHECK ("autonomy_expenses"."state" in ('impegnata', 'pagata', 'annullata')),
	CONSTRAINT "autonomy_expenses_paid_check" CHECK (("autonomy_expenses"."state" = 'pagata') = ("autonomy_expenses"."paid_on" is not null))
);
--> statement-breakpoint
CREATE TABLE "autonomy_follow_ups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"months" integer NOT NULL,
	"due_on" date NOT NULL,
	"state" text DEFAULT 'da_fare' NOT NULL,
	"work_status" text,
	"housing_status" text,
	"done_at" timestamp with time zone,
	"done_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "autonomy_follow_ups_months_check" CHECK ("autonomy_follow_ups"."months" in (6, 12, 24)),
	CONSTRAINT "autonomy_follow_ups_state_check" CHECK ("autonomy_follow_ups"."state" in ('da_fare', 'fatto', 'non_consentito', 'non_raggiungibile'))
);
--> statement-breakpoint
CREATE TABLE "autonomy_intakes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"equipe_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"referring_organisation_id" uuid NOT NULL,
	"state" text DEFAULT 'segnalata' NOT NULL,
	"refusal_reason" text,
	"note_sealed" text,
	"referred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "autonomy_intakes_state_check" CHECK ("autonomy_intakes"."state" in ('segnalata', 'ammessa', 'non_ammessa', 'ritirata')),
	CONSTRAINT "autonomy_intakes_reason_check" CHECK (("autonomy_intakes"."state" = 'non_ammessa') = ("autonomy_intakes"."refusal_reason" is not null))
);
--> statement-breakpoint
CREATE TABLE "autonomy_partners" (
	"programme_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"role" text NOT NULL,
	CONSTRAINT "autonomy_partners_programme_id_organisation_id_pk" PRIMARY KEY("programme_id","organisation_id"),
	CONSTRAINT "autonomy_partners_role_check" CHECK ("autonomy_partners"."role" in ('capofila', 'partner'))
);
--> statement-breakpoint
CREATE TABLE "autonomy_programmes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"capofila_organisation_id" uuid NOT NULL,
	"name" text NOT NULL,
	"acronym" text,
	"decree_ref" text,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"total_cents" integer NOT NULL,
	"frame" jsonb NOT NULL,
	"state" text DEFAULT 'bozza' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "autonomy_programmes_state_check" CHECK ("autonomy_programmes"."state" in ('bozza', 'attivo', 'chiuso')),
	CONSTRAINT "autonomy_programmes_dates_check" CHECK ("autonomy_programmes"."ends_on" >= "autonomy_programmes"."starts_on"),
	CONSTRAINT "autonomy_programmes_total_check" CHECK ("autonomy_programmes"."total_cents" >= 0)
);
--> statement-breakpoint
CREATE TABLE "autonomy_project_budgets" (
	"project_id" uuid NOT NULL,
	"category_code" text NOT NULL,
	"planned_cents" integer NOT NULL,
	CONSTRAINT "autonomy_project_budgets_project_id_category_code_pk" PRIMARY KEY("project_id","category_code"),
	CONSTRAINT "autonomy_project_budgets_amount_check" CHECK ("autonomy_project_budgets"."planned_cents" >= 0)
);
--> statement-breakpoint
CREATE TABLE "autonomy_project_steps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"move" text NOT NULL,
	"from_state" text NOT NULL,
	"to_state" text NOT NULL,
	"reason" text,
	"comment_sealed" text,
	"by_user_id" uuid,
	"by_organisation_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "autonomy_project_steps_move_check" CHECK ("autonomy_project_steps"."move" in ('proponi', 'valida', 'approva', 'rimanda', 'avvia', 'concludi', 'interrompi'))
);
--> statement-breakpoint
CREATE TABLE "autonomy_projects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"intake_id" uuid,
	"equipe_id" uuid NOT NULL,
	"referring_organisation_id" uuid NOT NULL,
	"areas" jsonb NOT NULL,
	"content_sealed" text,
	"state" text DEFAULT 'bozza' NOT NULL,
	"started_on" date,
	"ended_on" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "autonomy_projects_state_check" CHECK ("autonomy_projects"."state" in ('bozza', 'proposta', 'validata', 'approvata', 'in_corso', 'conclusa', 'interrotta'))
);
--> statement-breakpoint
CREATE TABLE "autonomy_results" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"label" text NOT NULL,
	"measure" text NOT NULL,
	"target" integer NOT NULL,
	"manual_actual" integer,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "autonomy_results_measure_check" CHECK ("autonomy_results"."measure" in ('percorsi', 'accordi', 'laboratorio_sessioni', 'laboratorio_partecipanti', 'incontri_formativi', 'manuale')),
	CONSTRAINT "autonomy_results_target_check" CHECK ("autonomy_results"."target" >= 0)
);
--> statement-breakpoint
ALTER TABLE "autonomy_actions" ADD CONSTRAINT "autonomy_actions_project_id_autonomy_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."autonomy_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "autonomy_budgets" ADD CONSTRAINT "autonomy_budgets_programme_id_autonomy_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."autonomy_programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "autonomy_budgets" ADD CONSTRAINT "autonomy_budgets_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "autonomy_equipe_members" ADD CONSTRAINT "autonomy_equipe_members_equipe_id_autonomy_equipes_id_fk" FOREIGN KEY ("equipe_id") REFERENCES "public"."autonomy_equipes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "autonomy_equipe_members" ADD CONSTRAINT "autonomy_equipe_members_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "autonomy_equipes" ADD CONSTRAINT "autonomy_equipes_programme_id_autonomy_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."autonomy_programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "autonomy_expenses" ADD CONSTRAINT "autonomy_expenses_project_id_autonomy_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."autonomy_projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "autonomy_expenses" ADD CONSTRAINT "autonomy_expenses_programme_id_autonomy_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."autonomy_programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "autonomy_expenses" ADD CONSTRAINT "autonomy_expenses_partner_organisation_id_organisations_id_fk" FOREIGN KEY ("partner_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "autonomy_expenses" ADD CONSTRAINT "autonomy_expenses_document_id_case_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."case_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "autonomy_expenses" ADD CONSTRAINT "autonomy_expenses_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "autonomy_follow_ups" ADD CONSTRAINT "autonomy_follow_ups_project_id_autonomy_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."autonomy_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "autonomy_follow_ups" ADD CONSTRAINT "autonomy_follow_ups_done_by_users_id_fk" FOREIGN KEY ("done_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "autonomy_intakes" ADD CONSTRAINT "autonomy_intakes_programme_id_autonomy_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."autonomy_programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "autonomy_intakes" ADD CONSTRAINT "autonomy_intakes_equipe_id_autonomy_equipes_id_fk" FOREIGN KEY ("equipe_id") REFERENCES "public"."autonomy_equipes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "autonomy_intakes" ADD CONSTRAINT "autonomy_intakes_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "autonomy_intakes" ADD CONSTRAINT "autonomy_intakes_referring_organisation_id_organisations_id_fk" FOREIGN KEY ("referring_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "autonomy_intakes" ADD CONSTRAINT "autonomy_intakes_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "autonomy_partners" ADD CONSTRAINT "autonomy_partners_programme_id_autonomy_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."autonomy_programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "autonomy_partners" ADD CONSTRAINT "autonomy_partners_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "autonomy_programmes" ADD CONSTRAINT "autonomy_programmes_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "autonomy_programmes" ADD CONSTRAINT "autonomy_programmes_capofila_organisation_id_organisations_id_fk" FOREIGN KEY ("capofila_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "autonomy_programmes" ADD CONSTRAINT "autonomy_programmes_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "autonomy_project_budgets" ADD CONSTRAINT "autonomy_project_budgets_project_id_autonomy_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."autonomy_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "autonomy_project_steps" ADD CONSTRAINT "autonomy_project_steps_project_id_autonomy_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."autonomy_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "autonomy_project_steps" ADD CONSTRAINT "autonomy_project_steps_by_user_id_users_id_fk" FOREIGN KEY ("by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "autonomy_project_steps" ADD CONSTRAINT "autonomy_project_steps_by_organisation_id_organisations_id_fk" FOREIGN KEY ("by_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "autonomy_projects" ADD CONSTRAINT "autonomy_projects_programme_id_autonomy_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."autonomy_programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "autonomy_projects" ADD CONSTRAINT "autonomy_projects_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "autonomy_projects" ADD CONSTRAINT "autonomy_projects_intake_id_autonomy_intakes_id_fk" FOREIGN KEY ("intake_id") REFERENCES "public"."autonomy_intakes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "autonomy_projects" ADD CONSTRAINT "autonomy_projects_equipe_id_autonomy_equipes_id_fk" FOREIGN KEY ("equipe_id") REFERENCES "public"."autonomy_equipes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "autonomy_projects" ADD CONSTRAINT "autonomy_projects_referring_organisation_id_organisations_id_fk" FOREIGN KEY ("referring_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "autonomy_projects" ADD CONSTRAINT "autonomy_projects_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "autonomy_results" ADD CONSTRAINT "autonomy_results_programme_id_autonomy_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."autonomy_programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "autonomy_actions_project_idx" ON "autonomy_actions" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "autonomy_equipe_members_organisation_idx" ON "autonomy_equipe_members" USING btree ("organisation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "autonomy_equipes_name_idx" ON "autonomy_equipes" USING btree ("programme_id","name");--> statement-breakpoint
CREATE INDEX "autonomy_expenses_project_idx" ON "autonomy_expenses" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "autonomy_expenses_programme_idx" ON "autonomy_expenses" USING btree ("programme_id","partner_organisation_id","axis_code");--> statement-breakpoint
CREATE UNIQUE INDEX "autonomy_follow_ups_project_months_idx" ON "autonomy_follow_ups" USING btree ("project_id","months");--> statement-breakpoint
CREATE INDEX "autonomy_follow_ups_due_idx" ON "autonomy_follow_ups" USING btree ("due_on") WHERE "autonomy_follow_ups"."state" = 'da_fare';--> statement-breakpoint
CREATE INDEX "autonomy_intakes_programme_idx" ON "autonomy_intakes" USING btree ("programme_id","state");--> statement-breakpoint
CREATE INDEX "autonomy_intakes_case_idx" ON "autonomy_intakes" USING btree ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "autonomy_intakes_live_idx" ON "autonomy_intakes" USING btree ("programme_id","case_id") WHERE "autonomy_intakes"."state" in ('segnalata', 'ammessa');--> statement-breakpoint
CREATE INDEX "autonomy_partners_organisation_idx" ON "autonomy_partners" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "autonomy_programmes_network_idx" ON "autonomy_programmes" USING btree ("network_id");--> statement-breakpoint
CREATE INDEX "autonomy_project_steps_project_idx" ON "autonomy_project_steps" USING btree ("project_id","at");--> statement-breakpoint
CREATE INDEX "autonomy_projects_programme_idx" ON "autonomy_projects" USING btree ("programme_id","state");--> statement-breakpoint
CREATE INDEX "autonomy_projects_case_idx" ON "autonomy_projects" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "autonomy_results_programme_idx" ON "autonomy_results" USING btree ("programme_id");