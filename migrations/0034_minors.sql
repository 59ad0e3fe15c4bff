CREATE TABLE "case_minors" (
	"case_id" uuid PRIMARY KEY NOT NULL,
	"age" smallint NOT NULL,
	"age_on" date NOT NULL,
	"known_on" date NOT NULL,
	"holders" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"report_on" date,
	"report_to" text,
	"referral_on" date,
	"details_sealed" text,
	"mother_case_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"saved_by" uuid,
	"saved_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_minors_age_check" CHECK ("case_minors"."age" between 0 and 17),
	CONSTRAINT "case_minors_report_check" CHECK (("case_minors"."report_on" is null) = ("case_minors"."report_to" is null) and ("case_minors"."report_to" is null or "case_minors"."report_to" in ('procura_minorenni', 'tribunale_minorenni', 'procura_ordinaria')))
);
--> statement-breakpoint
ALTER TABLE "notifications" DROP CONSTRAINT "notifications_case_tab_check";--> statement-breakpoint
ALTER TABLE "notifications" DROP CONSTRAINT "notifications_case_section_check";--> statement-breakpoint
ALTER TABLE "case_children" ADD COLUMN "own_case_id" uuid;--> statement-breakpoint
ALTER TABLE "case_consents" ADD COLUMN "given_by" text;--> statement-breakpoint
ALTER TABLE "case_consents" ADD COLUMN "holder_id" uuid;--> statement-breakpoint
ALTER TABLE "case_minors" ADD CONSTRAINT "case_minors_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_minors" ADD CONSTRAINT "case_minors_mother_case_id_cases_id_fk" FOREIGN KEY ("mother_case_id") REFERENCES "public"."cases"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_minors" ADD CONSTRAINT "case_minors_saved_by_users_id_fk" FOREIGN KEY ("saved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_minors_mother_idx" ON "case_minors" USING btree ("mother_case_id");--> statement-breakpoint
ALTER TABLE "case_children" ADD CONSTRAINT "case_children_own_case_id_cases_id_fk" FOREIGN KEY ("own_case_id") REFERENCES "public"."cases"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_consents" ADD CONSTRAINT "case_consents_given_by_check" CHECK ("case_consents"."given_by" is null or "case_consents"."given_by" in ('interessata', 'titolare', 'curatore_speciale', 'servizio_affidatario', 'tribunale'));--> statement-breakpoint
ALTER TABLE "case_consents" ADD CONSTRAINT "case_consents_holder_check" CHECK (("case_consents"."given_by" is not distinct from 'titolare') = ("case_consents"."holder_id" is not null));--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_case_tab_check" CHECK (case_tab is null or case_tab in ('summary', 'profile', 'children', 'timeline', 'plan', 'consents', 'documents', 'team', 'authors', 'risk', 'minor'));--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_case_section_check" CHECK (case_section is null or case_section in ('identity', 'profile', 'children', 'timeline', 'plan', 'consents', 'documents', 'work_housing', 'authors', 'risk', 'minor'));