ALTER TABLE "audit_log" ALTER COLUMN "prev_hash" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_log" ALTER COLUMN "hash" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_log" ALTER COLUMN "alg" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "seq" bigint;--> statement-breakpoint
CREATE UNIQUE INDEX "audit_log_seq_idx" ON "audit_log" USING btree ("seq");--> statement-breakpoint
CREATE INDEX "audit_log_unchained_idx" ON "audit_log" USING btree ("id") WHERE seq is null;--> statement-breakpoint
-- Rows written before the chainer were chained in id order as they were inserted: their place is their id.
ALTER TABLE "audit_log" DISABLE TRIGGER audit_log_no_update_delete;--> statement-breakpoint
UPDATE "audit_log" SET "seq" = "id";--> statement-breakpoint
ALTER TABLE "audit_log" ENABLE TRIGGER audit_log_no_update_delete;--> statement-breakpoint
-- Still append-only, with one exception: the chainer's update that gives an
-- unchained row its place (seq, prev_hash, hash, alg, key_id, all null until
-- then, all set at once), changing nothing else, once.
CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF OLD.seq IS NULL AND OLD.prev_hash IS NULL AND OLD.hash IS NULL AND OLD.alg IS NULL AND OLD.key_id IS NULL
       AND NEW.seq IS NOT NULL AND NEW.prev_hash IS NOT NULL AND NEW.hash IS NOT NULL AND NEW.alg IS NOT NULL
       AND ROW(NEW.id, NEW.at, NEW.actor_user_id, NEW.actor_organisation_id, NEW.action, NEW.resource_type, NEW.resource_id, NEW.purpose, NEW.outcome, NEW.request_id)
           IS NOT DISTINCT FROM
           ROW(OLD.id, OLD.at, OLD.actor_user_id, OLD.actor_organisation_id, OLD.action, OLD.resource_type, OLD.resource_id, OLD.purpose, OLD.outcome, OLD.request_id)
    THEN
      RETURN NEW;
    END IF;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END;
$$;
