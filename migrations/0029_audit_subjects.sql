ALTER TABLE "audit_log" ADD COLUMN "subject_ids" uuid[];--> statement-breakpoint
CREATE INDEX "audit_log_subjects_idx" ON "audit_log" USING gin ("subject_ids") WITH (fastupdate=false);--> statement-breakpoint
-- The chainer's update may not touch the listed cases either: the WHEN
-- condition of migration 0026, with subject_ids among the columns that
-- must stay as they were.
DROP TRIGGER audit_log_no_update ON "audit_log";--> statement-breakpoint
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON "audit_log"
  FOR EACH ROW WHEN (NOT (
    OLD.seq IS NULL AND OLD.prev_hash IS NULL AND OLD.hash IS NULL AND OLD.alg IS NULL AND OLD.key_id IS NULL
    AND NEW.seq IS NOT NULL AND NEW.prev_hash IS NOT NULL AND NEW.hash IS NOT NULL AND NEW.alg IS NOT NULL
    AND ROW(NEW.id, NEW.at, NEW.actor_user_id, NEW.actor_organisation_id, NEW.action, NEW.resource_type, NEW.resource_id, NEW.purpose, NEW.outcome, NEW.request_id, NEW.subject_ids)
        IS NOT DISTINCT FROM
        ROW(OLD.id, OLD.at, OLD.actor_user_id, OLD.actor_organisation_id, OLD.action, OLD.resource_type, OLD.resource_id, OLD.purpose, OLD.outcome, OLD.request_id, OLD.subject_ids)
  ))
  EXECUTE FUNCTION audit_log_append_only();
