CREATE TABLE "case_keys" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"organisation_key_id" uuid,
	"wrapped_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"rewrapped_at" timestamp with time zone,
	"shredded_at" timestamp with time zone,
	CONSTRAINT "case_keys_shredded_check" CHECK (("case_keys"."shredded_at" is null and "case_keys"."wrapped_key" is not null and "case_keys"."organisation_key_id" is not null) or ("case_keys"."shredded_at" is not null and "case_keys"."wrapped_key" is null and "case_keys"."organisation_key_id" is null))
);
--> statement-breakpoint
ALTER TABLE "case_keys" ADD CONSTRAINT "case_keys_organisation_key_id_data_keys_id_fk" FOREIGN KEY ("organisation_key_id") REFERENCES "public"."data_keys"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
CREATE UNIQUE INDEX "case_keys_case_idx" ON "case_keys" USING btree ("case_id");
--> statement-breakpoint
CREATE INDEX "case_keys_organisation_key_idx" ON "case_keys" USING btree ("organisation_key_id");
--> statement-breakpoint
-- Cases sealed before this migration are under their organisation's key:
-- the server moves them to their own keys at its next start (the data step
-- of cases.rekey.ts, one transaction per case; cases:rekey runs it by hand).
INSERT INTO "instance_settings" ("key", "value") SELECT 'case_keys.migrate', 'true'::jsonb WHERE EXISTS (SELECT 1 FROM "cases") ON CONFLICT ("key") DO UPDATE SET "value" = 'true'::jsonb, "updated_at" = now();
