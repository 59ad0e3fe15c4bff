CREATE TABLE "case_review_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"review_id" uuid NOT NULL,
	"item_id" uuid,
	"owner_organisation_id" uuid NOT NULL,
	"due_on" date,
	"status" text DEFAULT 'prevista' NOT NULL,
	"text_sealed" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_review_actions_status_check" CHECK ("case_review_actions"."status" in ('prevista', 'in_corso', 'fatta', 'annullata'))
);
--> statement-breakpoint
CREATE TABLE "case_review_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"review_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"brought_by_organisation_id" uuid NOT NULL,
	"basis" text NOT NULL,
	"legal_basis" text,
	"reason_sealed" text,
	"brief_sealed" text,
	"case_code" text NOT NULL,
	"risk_level" text,
	"version" integer DEFAULT 1 NOT NULL,
	"brought_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_review_items_review_case_key" UNIQUE("review_id","case_id"),
	CONSTRAINT "case_review_items_basis_check" CHECK ("case_review_items"."basis" in ('consenso', 'tutela_vita')),
	CONSTRAINT "case_review_items_legal_basis_check" CHECK ("case_review_items"."legal_basis" is null or "case_review_items"."legal_basis" in ('interessi_vitali', 'interesse_pubblico_rilevante')),
	CONSTRAINT "case_review_items_protect_life_check" CHECK ("case_review_items"."basis" <> 'tutela_vita' or ("case_review_items"."legal_basis" is not null and "case_review_items"."reason_sealed" is not null)),
	CONSTRAINT "case_review_items_risk_check" CHECK ("case_review_items"."risk_level" is null or "case_review_items"."risk_level" in ('basso', 'medio', 'elevato', 'imminente'))
);
--> statement-breakpoint
CREATE TABLE "case_review_participants" (
	"review_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	CONSTRAINT "case_review_participants_review_id_organisation_id_pk" PRIMARY KEY("review_id","organisation_id")
);
--> statement-breakpoint
CREATE TABLE "case_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"chair_organisation_id" uuid NOT NULL,
	"held_on" date NOT NULL,
	"mode" text NOT NULL,
	"place" text,
	"status" text DEFAULT 'planned' NOT NULL,
	"minutes_sealed" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_reviews_status_check" CHECK ("case_reviews"."status" in ('planned', 'held', 'closed')),
	CONSTRAINT "case_reviews_mode_check" CHECK ("case_reviews"."mode" in ('in_presenza', 'online', 'mista'))
);
--> statement-breakpoint
ALTER TABLE "notifications" DROP CONSTRAINT "notifications_kind_check";--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "review_id" uuid;--> statement-breakpoint
ALTER TABLE "case_review_actions" ADD CONSTRAINT "case_review_actions_review_id_case_reviews_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."case_reviews"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_review_actions" ADD CONSTRAINT "case_review_actions_item_id_case_review_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."case_review_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_review_actions" ADD CONSTRAINT "case_review_actions_owner_organisation_id_organisations_id_fk" FOREIGN KEY ("owner_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_review_actions" ADD CONSTRAINT "case_review_actions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_review_items" ADD CONSTRAINT "case_review_items_review_id_case_reviews_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."case_reviews"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_review_items" ADD CONSTRAINT "case_review_items_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_review_items" ADD CONSTRAINT "case_review_items_brought_by_organisation_id_organisations_id_fk" FOREIGN KEY ("brought_by_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_review_items" ADD CONSTRAINT "case_review_items_brought_by_users_id_fk" FOREIGN KEY ("brought_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_review_participants" ADD CONSTRAINT "case_review_participants_review_id_case_reviews_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."case_reviews"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_review_participants" ADD CONSTRAINT "case_review_participants_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_reviews" ADD CONSTRAINT "case_reviews_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_reviews" ADD CONSTRAINT "case_reviews_chair_organisation_id_organisations_id_fk" FOREIGN KEY ("chair_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_reviews" ADD CONSTRAINT "case_reviews_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_review_actions_review_idx" ON "case_review_actions" USING btree ("review_id");--> statement-breakpoint
CREATE INDEX "case_review_actions_owner_idx" ON "case_review_actions" USING btree ("owner_organisation_id","status","due_on");--> statement-breakpoint
CREATE INDEX "case_review_items_case_idx" ON "case_review_items" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_review_participants_org_idx" ON "case_review_participants" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "case_reviews_network_idx" ON "case_reviews" USING btree ("network_id","held_on");--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_kind_check" CHECK (kind in ('case_team_added', 'plan_action_assigned', 'deadline_due', 'review_due', 'action_due', 'pathway_stale', 'risk_high', 'reassessment_due', 'intake_received', 'intake_taken', 'intake_declined', 'review_action_assigned'));