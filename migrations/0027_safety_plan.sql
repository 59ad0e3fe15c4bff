CREATE TABLE "safety_plan_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"content_sealed" text,
	"agreed_on" date,
	"agreed_with_user_id" uuid,
	"next_review_on" date,
	"saved_by" uuid,
	"saved_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "safety_plan_versions_case_version_key" UNIQUE("case_id","version")
);
--> statement-breakpoint
ALTER TABLE "notifications" DROP CONSTRAINT "notifications_case_section_check";--> statement-breakpoint
ALTER TABLE "safety_plan_versions" ADD CONSTRAINT "safety_plan_versions_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_plan_versions" ADD CONSTRAINT "safety_plan_versions_agreed_with_user_id_users_id_fk" FOREIGN KEY ("agreed_with_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_plan_versions" ADD CONSTRAINT "safety_plan_versions_saved_by_users_id_fk" FOREIGN KEY ("saved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "safety_plan_versions_review_idx" ON "safety_plan_versions" USING btree ("next_review_on");--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_case_section_check" CHECK (case_section is null or case_section in ('identity', 'profile', 'children', 'timeline', 'plan', 'consents', 'documents', 'work_housing', 'authors', 'risk'));