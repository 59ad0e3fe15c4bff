-- The blind index of her identity (issue 10): keyed hashes of the folded
-- words of her name and of her phone numbers, per organisation, never the
-- plaintext. The key is derived from the instance's data key, so SQL cannot
-- compute the tokens of the cases that exist already: the setting below asks
-- the server to build them once at its next start (cases:reindex rebuilds
-- them at any time).
CREATE TABLE "case_search_tokens" (
	"case_id" uuid NOT NULL,
	"token" text NOT NULL,
	CONSTRAINT "case_search_tokens_case_id_token_pk" PRIMARY KEY("case_id","token")
);
--> statement-breakpoint
ALTER TABLE "case_search_tokens" ADD CONSTRAINT "case_search_tokens_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_search_tokens_token_idx" ON "case_search_tokens" USING btree ("token","case_id");--> statement-breakpoint
INSERT INTO "instance_settings" ("key", "value") VALUES ('case_search.rebuild', 'true'::jsonb) ON CONFLICT ("key") DO UPDATE SET "value" = 'true'::jsonb, "updated_at" = now();
