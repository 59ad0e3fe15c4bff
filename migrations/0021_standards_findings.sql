CREATE TABLE "standards_findings" (
	"organisation_id" uuid PRIMARY KEY NOT NULL,
	"flags" text[] NOT NULL,
	"below_since" date NOT NULL,
	"checked_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "standards_findings" ADD CONSTRAINT "standards_findings_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;