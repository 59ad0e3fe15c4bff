CREATE TABLE "case_meetings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"on" date NOT NULL,
	"participant_user_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"minutes_sealed" text,
	"by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"goal_id" uuid NOT NULL,
	"type" text NOT NULL,
	"owner_organisation_id" uuid NOT NULL,
	"due_on" date,
	"status" text DEFAULT 'prevista' NOT NULL,
	"description_sealed" text,
	"meeting_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_actions_type_check" CHECK ("plan_actions"."type" in ('piano_sicurezza', 'consulenza_legale', 'accompagnamento_denuncia', 'supporto_psicologico', 'presa_in_carico_sociale', 'ospitalita_casa_rifugio', 'ricerca_alloggio', 'orientamento_lavoro', 'tirocinio', 'formazione', 'sostegno_economico', 'reddito_di_liberta', 'conciliazione', 'supporto_figli', 'sanitario', 'altro')),
	CONSTRAINT "plan_actions_status_check" CHECK ("plan_actions"."status" in ('prevista', 'in_corso', 'fatta', 'annullata'))
);
--> statement-breakpoint
CREATE TABLE "plan_goals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"area" text NOT NULL,
	"status" text DEFAULT 'aperto' NOT NULL,
	"description_sealed" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_goals_area_check" CHECK ("plan_goals"."area" in ('sicurezza', 'legale', 'salute', 'casa', 'lavoro', 'figli', 'autonomia_economica')),
	CONSTRAINT "plan_goals_status_check" CHECK ("plan_goals"."status" in ('aperto', 'raggiunto', 'abbandonato'))
);
--> statement-breakpoint
CREATE TABLE "plan_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"on" date NOT NULL,
	"her_agreement" boolean NOT NULL,
	"notes_sealed" text,
	"next_review_on" date,
	"by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "case_meetings" ADD CONSTRAINT "case_meetings_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_meetings" ADD CONSTRAINT "case_meetings_by_user_id_users_id_fk" FOREIGN KEY ("by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_actions" ADD CONSTRAINT "plan_actions_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_actions" ADD CONSTRAINT "plan_actions_goal_id_plan_goals_id_fk" FOREIGN KEY ("goal_id") REFERENCES "public"."plan_goals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_actions" ADD CONSTRAINT "plan_actions_owner_organisation_id_organisations_id_fk" FOREIGN KEY ("owner_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_actions" ADD CONSTRAINT "plan_actions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_goals" ADD CONSTRAINT "plan_goals_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_goals" ADD CONSTRAINT "plan_goals_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_reviews" ADD CONSTRAINT "plan_reviews_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_reviews" ADD CONSTRAINT "plan_reviews_by_user_id_users_id_fk" FOREIGN KEY ("by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_meetings_case_idx" ON "case_meetings" USING btree ("case_id","on");--> statement-breakpoint
CREATE INDEX "plan_actions_case_idx" ON "plan_actions" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "plan_actions_due_idx" ON "plan_actions" USING btree ("owner_organisation_id","status","due_on");--> statement-breakpoint
CREATE INDEX "plan_goals_case_idx" ON "plan_goals" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "plan_reviews_case_idx" ON "plan_reviews" USING btree ("case_id","on");