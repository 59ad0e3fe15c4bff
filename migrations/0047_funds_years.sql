CREATE TABLE "funds_allocations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"year_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"amount_cents" integer NOT NULL,
	"report_state" text DEFAULT 'non_avviata' NOT NULL,
	"submitted_on" date,
	"verified_on" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "funds_allocations_year_org_key" UNIQUE("year_id","organisation_id"),
	CONSTRAINT "funds_allocations_amount_check" CHECK ("funds_allocations"."amount_cents" > 0),
	CONSTRAINT "funds_allocations_report_state_check" CHECK ("funds_allocations"."report_state" in ('non_avviata', 'in_corso', 'presentata', 'verificata'))
);
--> statement-breakpoint
CREATE TABLE "funds_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"year_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"requested_cents" integer NOT NULL,
	"submitted_on" date NOT NULL,
	"outcome" text,
	"reason" text,
	"proposed_cents" integer,
	"reviewed_on" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "funds_applications_year_org_key" UNIQUE("year_id","organisation_id"),
	CONSTRAINT "funds_applications_outcome_check" CHECK ("funds_applications"."outcome" is null or "funds_applications"."outcome" in ('ammessa', 'non_ammessa')),
	CONSTRAINT "funds_applications_reason_check" CHECK ("funds_applications"."reason" is null or "funds_applications"."reason" in ('fuori_termine', 'documentazione_incompleta', 'requisiti_mancanti', 'non_iscritta_albo', 'fuori_rete', 'altro')),
	CONSTRAINT "funds_applications_amounts_check" CHECK ("funds_applications"."requested_cents" > 0 and ("funds_applications"."proposed_cents" is null or "funds_applications"."proposed_cents" >= 0))
);
--> statement-breakpoint
CREATE TABLE "funds_cofinancing" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"year_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"description" text NOT NULL,
	"organisation_id" uuid,
	"amount_cents" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "funds_cofinancing_kind_check" CHECK ("funds_cofinancing"."kind" in ('denaro', 'personale', 'locali')),
	CONSTRAINT "funds_cofinancing_amount_check" CHECK ("funds_cofinancing"."amount_cents" > 0)
);
--> statement-breakpoint
CREATE TABLE "funds_expenses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"allocation_id" uuid NOT NULL,
	"category" text NOT NULL,
	"description" text,
	"amount_cents" integer NOT NULL,
	"spent_on" date NOT NULL,
	"document_ref" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "funds_expenses_category_check" CHECK ("funds_expenses"."category" in ('personale', 'ospitalita', 'beni_servizi', 'formazione', 'comunicazione', 'spese_generali', 'altro')),
	CONSTRAINT "funds_expenses_amount_check" CHECK ("funds_expenses"."amount_cents" > 0)
);
--> statement-breakpoint
CREATE TABLE "funds_governance_costs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"year_id" uuid NOT NULL,
	"description" text NOT NULL,
	"amount_cents" integer NOT NULL,
	"incurred_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "funds_governance_costs_amount_check" CHECK ("funds_governance_costs"."amount_cents" > 0)
);
--> statement-breakpoint
CREATE TABLE "funds_years" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"capofila_organisation_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"contribution_cents" integer DEFAULT 0 NOT NULL,
	"call_opens_on" date,
	"call_closes_on" date,
	"call_reference" text,
	"plan_state" text DEFAULT 'bozza' NOT NULL,
	"plan_shared_on" date,
	"plan_sent_on" date,
	"plan_protocol" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "funds_years_network_year_key" UNIQUE("network_id","year"),
	CONSTRAINT "funds_years_contribution_check" CHECK ("funds_years"."contribution_cents" >= 0),
	CONSTRAINT "funds_years_plan_state_check" CHECK ("funds_years"."plan_state" in ('bozza', 'condiviso', 'inviato')),
	CONSTRAINT "funds_years_call_dates_check" CHECK ("funds_years"."call_opens_on" is null or "funds_years"."call_closes_on" is null or "funds_years"."call_closes_on" >= "funds_years"."call_opens_on")
);
--> statement-breakpoint
ALTER TABLE "funds_allocations" ADD CONSTRAINT "funds_allocations_year_id_funds_years_id_fk" FOREIGN KEY ("year_id") REFERENCES "public"."funds_years"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funds_allocations" ADD CONSTRAINT "funds_allocations_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funds_applications" ADD CONSTRAINT "funds_applications_year_id_funds_years_id_fk" FOREIGN KEY ("year_id") REFERENCES "public"."funds_years"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funds_applications" ADD CONSTRAINT "funds_applications_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funds_cofinancing" ADD CONSTRAINT "funds_cofinancing_year_id_funds_years_id_fk" FOREIGN KEY ("year_id") REFERENCES "public"."funds_years"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funds_cofinancing" ADD CONSTRAINT "funds_cofinancing_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funds_expenses" ADD CONSTRAINT "funds_expenses_allocation_id_funds_allocations_id_fk" FOREIGN KEY ("allocation_id") REFERENCES "public"."funds_allocations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funds_expenses" ADD CONSTRAINT "funds_expenses_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funds_governance_costs" ADD CONSTRAINT "funds_governance_costs_year_id_funds_years_id_fk" FOREIGN KEY ("year_id") REFERENCES "public"."funds_years"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funds_years" ADD CONSTRAINT "funds_years_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funds_years" ADD CONSTRAINT "funds_years_capofila_organisation_id_organisations_id_fk" FOREIGN KEY ("capofila_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funds_years" ADD CONSTRAINT "funds_years_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "funds_cofinancing_year_idx" ON "funds_cofinancing" USING btree ("year_id");--> statement-breakpoint
CREATE INDEX "funds_expenses_allocation_idx" ON "funds_expenses" USING btree ("allocation_id");--> statement-breakpoint
CREATE INDEX "funds_governance_costs_year_idx" ON "funds_governance_costs" USING btree ("year_id");