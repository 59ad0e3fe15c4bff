CREATE TABLE "autonomy_activities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"counterpart" text,
	"agreement_kind" text,
	"signed_on" date,
	"held_on" date,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "autonomy_activities_kind_check" CHECK ("autonomy_activities"."kind" in ('laboratorio_empowerment', 'incontro_formativo_operatori', 'accordo')),
	CONSTRAINT "autonomy_activities_agreement_check" CHECK (("autonomy_activities"."kind" = 'accordo') = ("autonomy_activities"."signed_on" is not null and "autonomy_activities"."counterpart" is not null and "autonomy_activities"."agreement_kind" is not null))
);
--> statement-breakpoint
CREATE TABLE "autonomy_activity_participants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"activity_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"referring_organisation_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "autonomy_activity_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"activity_id" uuid NOT NULL,
	"held_on" date NOT NULL,
	"facilitators" jsonb DEFAULT '[]'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "autonomy_attendance" (
	"participant_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	CONSTRAINT "autonomy_attendance_participant_id_session_id_pk" PRIMARY KEY("participant_id","session_id")
);
--> statement-breakpoint
ALTER TABLE "autonomy_activities" ADD CONSTRAINT "autonomy_activities_programme_id_autonomy_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."autonomy_programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "autonomy_activities" ADD CONSTRAINT "autonomy_activities_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "autonomy_activity_participants" ADD CONSTRAINT "autonomy_activity_participants_activity_id_autonomy_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."autonomy_activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "autonomy_activity_participants" ADD CONSTRAINT "autonomy_activity_participants_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "autonomy_activity_participants" ADD CONSTRAINT "autonomy_activity_participants_referring_organisation_id_organisations_id_fk" FOREIGN KEY ("referring_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "autonomy_activity_sessions" ADD CONSTRAINT "autonomy_activity_sessions_activity_id_autonomy_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."autonomy_activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "autonomy_attendance" ADD CONSTRAINT "autonomy_attendance_participant_id_autonomy_activity_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."autonomy_activity_participants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "autonomy_attendance" ADD CONSTRAINT "autonomy_attendance_session_id_autonomy_activity_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."autonomy_activity_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "autonomy_activities_programme_idx" ON "autonomy_activities" USING btree ("programme_id","kind");--> statement-breakpoint
CREATE UNIQUE INDEX "autonomy_activity_participants_case_idx" ON "autonomy_activity_participants" USING btree ("activity_id","case_id");--> statement-breakpoint
CREATE INDEX "autonomy_activity_sessions_activity_idx" ON "autonomy_activity_sessions" USING btree ("activity_id","held_on");--> statement-breakpoint
CREATE INDEX "autonomy_attendance_session_idx" ON "autonomy_attendance" USING btree ("session_id");