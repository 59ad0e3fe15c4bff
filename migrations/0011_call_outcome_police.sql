-- The 1522 emergency procedure (national protocol, seed 003): in an emergency
-- the operator alerts the police (112) herself while keeping the woman on the
-- line; she does not send her to 112. The call outcome `emergency` (shown as
-- "Indirizzate al 112") becomes `police_alerted`. Calls recorded before were
-- emergencies recorded with the same button, so they keep their meaning under
-- the new code and the quarterly counts do not change. Forward only.
ALTER TABLE "call_log" DROP CONSTRAINT "call_log_outcome_check";--> statement-breakpoint
UPDATE "call_log" SET "outcome" = 'police_alerted' WHERE "outcome" = 'emergency';--> statement-breakpoint
ALTER TABLE "call_log" ADD CONSTRAINT "call_log_outcome_check" CHECK ("call_log"."outcome" in ('transferred', 'informed', 'police_alerted', 'other'));
