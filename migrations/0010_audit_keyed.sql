-- The audit chain is keyed (HMAC-SHA256 with AUDIT_HMAC_KEY, outside the
-- database). Rows written before stay verifiable: they are marked 'sha256'
-- (the default applies to existing rows without rewriting them, so the
-- append-only trigger is not involved); every new row names its algorithm
-- and key id explicitly.
ALTER TABLE "audit_log" ADD COLUMN "alg" text NOT NULL DEFAULT 'sha256';--> statement-breakpoint
ALTER TABLE "audit_log" ALTER COLUMN "alg" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "key_id" text;
