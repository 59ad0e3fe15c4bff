CREATE TABLE "reddito_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"state" text DEFAULT 'in_preparazione' NOT NULL,
	"cav_statement_on" date,
	"cav_organisation_id" uuid,
	"social_statement_on" date,
	"social_organisation_id" uuid,
	"filed_on" date,
	"outcome" text,
	"outcome_on" date,
	"months_paid" integer DEFAULT 0 NOT NULL,
	"monthly_cents" integer,
	"months_granted" integer,
	"opened_on" date NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reddito_applications_case_seq_key" UNIQUE("case_id","seq"),
	CONSTRAINT "reddito_applications_state_check" CHECK ("reddito_applications"."state" in ('in_preparazione', 'presentata', 'accolta', 'respinta', 'in_attesa_fondi')),
	CONSTRAINT "reddito_applications_outcome_check" CHECK ("reddito_applications"."outcome" is null or "reddito_applications"."outcome" in ('accolta', 'respinta', 'in_attesa_fondi')),
	CONSTRAINT "reddito_applications_months_check" CHECK ("reddito_applications"."months_paid" >= 0 and ("reddito_applications"."months_paid" = 0 or "reddito_applications"."months_paid" <= "reddito_applications"."months_granted")),
	CONSTRAINT "reddito_applications_granted_check" CHECK ((coalesce("reddito_applications"."outcome", '') = 'accolta') = ("reddito_applications"."monthly_cents" is not null and "reddito_applications"."months_granted" is not null)),
	CONSTRAINT "reddito_applications_cents_check" CHECK ("reddito_applications"."monthly_cents" is null or "reddito_applications"."monthly_cents" >= 0)
);
--> statement-breakpoint
ALTER TABLE "reddito_applications" ADD CONSTRAINT "reddito_applications_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reddito_applications" ADD CONSTRAINT "reddito_applications_cav_organisation_id_organisations_id_fk" FOREIGN KEY ("cav_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reddito_applications" ADD CONSTRAINT "reddito_applications_social_organisation_id_organisations_id_fk" FOREIGN KEY ("social_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reddito_applications" ADD CONSTRAINT "reddito_applications_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reddito_applications" ADD CONSTRAINT "reddito_applications_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "reddito_applications_state_idx" ON "reddito_applications" USING btree ("state");