DROP INDEX "case_members_user_idx";--> statement-breakpoint
CREATE INDEX "case_members_user_case_idx" ON "case_members" USING btree ("user_id","organisation_id","case_id");--> statement-breakpoint
CREATE INDEX "cases_caseload_idx" ON "cases" USING btree ("organisation_id","updated_at" DESC NULLS LAST,"id" DESC NULLS LAST);