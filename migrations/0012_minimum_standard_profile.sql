-- Minimum standard of a CAV (Intesa Stato-Regioni 2022): what the directory
-- profile declares about the phone line's link with the emergency rooms and
-- the police, and whether the staff in contact with women are women only.
-- Null: not declared yet (the standards check counts it as not met).
ALTER TABLE "organisations" ADD COLUMN "line_linked_emergency_room" boolean;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "line_linked_police" boolean;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "women_only_staff" boolean;
