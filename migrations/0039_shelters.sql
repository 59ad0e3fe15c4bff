CREATE TABLE "placement_proposals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"structure_id" uuid NOT NULL,
	"state" text DEFAULT 'in_attesa' NOT NULL,
	"sent_by" uuid,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decline_reason" text,
	"decline_note_sealed" text,
	"hold_expires_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "placement_proposals_state_check" CHECK ("placement_proposals"."state" in ('in_attesa', 'accettata', 'rifiutata', 'ritirata', 'scaduta', 'ammessa')),
	CONSTRAINT "placement_proposals_reason_check" CHECK (("placement_proposals"."state" = 'rifiutata') = ("placement_proposals"."decline_reason" is not null) and ("placement_proposals"."decline_reason" is null or "placement_proposals"."decline_reason" in ('no_capacity', 'not_appropriate', 'declined_by_woman', 'other'))),
	CONSTRAINT "placement_proposals_hold_check" CHECK (("placement_proposals"."state" = 'accettata') <= ("placement_proposals"."hold_expires_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "placement_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"requesting_organisation_id" uuid NOT NULL,
	"requested_by" uuid,
	"case_id" uuid,
	"social_service_id" uuid,
	"urgency" text NOT NULL,
	"level" text,
	"adults" integer DEFAULT 1 NOT NULL,
	"children" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"wheelchair" boolean DEFAULT false NOT NULL,
	"pets" boolean DEFAULT false NOT NULL,
	"languages" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"avoid_province_code" text,
	"avoid_lat" double precision,
	"avoid_lon" double precision,
	"min_distance_km" integer,
	"criteria" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"note_sealed" text,
	"state" text DEFAULT 'aperta' NOT NULL,
	"closed_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	CONSTRAINT "placement_requests_code_unique" UNIQUE("code"),
	CONSTRAINT "placement_requests_urgency_check" CHECK ("placement_requests"."urgency" in ('ordinaria', 'urgente', 'emergenza')),
	CONSTRAINT "placement_requests_level_check" CHECK ("placement_requests"."level" is null or "placement_requests"."level" in ('pronto_intervento', 'casa_rifugio', 'comunita', 'seconda_accoglienza', 'non_dedicata')),
	CONSTRAINT "placement_requests_state_check" CHECK ("placement_requests"."state" in ('aperta', 'in_attesa', 'accettata', 'ammessa', 'chiusa')),
	CONSTRAINT "placement_requests_closed_check" CHECK (("placement_requests"."state" = 'chiusa') = ("placement_requests"."closed_reason" is not null) and ("placement_requests"."closed_reason" is null or "placement_requests"."closed_reason" in ('ritirata', 'non_soddisfatta', 'altro'))),
	CONSTRAINT "placement_requests_household_check" CHECK ("placement_requests"."adults" between 1 and 4 and jsonb_array_length("placement_requests"."children") <= 12)
);
--> statement-breakpoint
CREATE TABLE "shelter_authorisations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"social_service_id" uuid NOT NULL,
	"request_id" uuid,
	"stay_id" uuid,
	"state" text DEFAULT 'in_attesa' NOT NULL,
	"requested_by" uuid,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"due_at" timestamp with time zone,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"payer_organisation_id" uuid,
	"note_sealed" text,
	"escalated_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "shelter_authorisations_state_check" CHECK ("shelter_authorisations"."state" in ('in_attesa', 'autorizzata', 'rifiutata')),
	CONSTRAINT "shelter_authorisations_subject_check" CHECK (("shelter_authorisations"."request_id" is not null) <> ("shelter_authorisations"."stay_id" is not null)),
	CONSTRAINT "shelter_authorisations_decided_check" CHECK (("shelter_authorisations"."state" = 'in_attesa') = ("shelter_authorisations"."decided_at" is null)),
	CONSTRAINT "shelter_authorisations_payer_check" CHECK ("shelter_authorisations"."state" <> 'autorizzata' or "shelter_authorisations"."payer_organisation_id" is not null)
);
--> statement-breakpoint
CREATE TABLE "shelter_places" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"structure_id" uuid NOT NULL,
	"label" text NOT NULL,
	"state" text DEFAULT 'libero' NOT NULL,
	"proposal_id" uuid,
	"stay_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "shelter_places_state_check" CHECK ("shelter_places"."state" in ('libero', 'trattenuto', 'occupato', 'fuori_servizio')),
	CONSTRAINT "shelter_places_holder_check" CHECK (("shelter_places"."state" = 'trattenuto') = ("shelter_places"."proposal_id" is not null) and ("shelter_places"."state" = 'occupato') = ("shelter_places"."stay_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "shelter_stays" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"structure_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"request_id" uuid,
	"proposal_id" uuid,
	"case_id" uuid,
	"plan_action_id" uuid,
	"previous_stay_id" uuid,
	"path" text NOT NULL,
	"state" text NOT NULL,
	"adults" integer DEFAULT 1 NOT NULL,
	"children" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"admitted_on" date NOT NULL,
	"admitted_by" uuid,
	"social_service_id" uuid,
	"payer_organisation_id" uuid,
	"daily_fee_cents" integer DEFAULT 0 NOT NULL,
	"contribution_cents" integer,
	"exited_on" date,
	"exit_reason" text,
	"note_sealed" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "shelter_stays_path_check" CHECK ("shelter_stays"."path" in ('accordo', 'emergenza')),
	CONSTRAINT "shelter_stays_state_check" CHECK ("shelter_stays"."state" in ('in_autorizzazione', 'in_corso', 'conclusa', 'non_autorizzata')),
	CONSTRAINT "shelter_stays_exit_check" CHECK (("shelter_stays"."exited_on" is not null) = ("shelter_stays"."exit_reason" is not null) and ("shelter_stays"."exit_reason" is null or "shelter_stays"."exit_reason" in ('percorso_concluso', 'fine_periodo', 'abbandono', 'rientro_maltrattante', 'trasferimento', 'altro'))),
	CONSTRAINT "shelter_stays_dates_check" CHECK ("shelter_stays"."exited_on" is null or "shelter_stays"."exited_on" >= "shelter_stays"."admitted_on"),
	CONSTRAINT "shelter_stays_agreed_check" CHECK ("shelter_stays"."path" = 'emergenza' or ("shelter_stays"."social_service_id" is not null and "shelter_stays"."payer_organisation_id" is not null)),
	CONSTRAINT "shelter_stays_contribution_check" CHECK ("shelter_stays"."daily_fee_cents" >= 0 and ("shelter_stays"."contribution_cents" is null or "shelter_stays"."contribution_cents" >= 0))
);
--> statement-breakpoint
CREATE TABLE "shelter_structure_networks" (
	"structure_id" uuid NOT NULL,
	"network_id" uuid NOT NULL,
	CONSTRAINT "shelter_structure_networks_structure_id_network_id_pk" PRIMARY KEY("structure_id","network_id")
);
--> statement-breakpoint
CREATE TABLE "shelter_structures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"name" text NOT NULL,
	"level" text NOT NULL,
	"address_sealed" text NOT NULL,
	"province_code" text NOT NULL,
	"area_lat" double precision NOT NULL,
	"area_lon" double precision NOT NULL,
	"accepts_children" boolean DEFAULT true NOT NULL,
	"max_children" integer,
	"boys_max_age" integer,
	"pets_allowed" boolean DEFAULT false NOT NULL,
	"wheelchair_accessible" boolean DEFAULT false NOT NULL,
	"languages" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"staffed_24h" boolean DEFAULT false NOT NULL,
	"protection_level" text NOT NULL,
	"daily_fee_cents" integer DEFAULT 0 NOT NULL,
	"contribution_cents" integer,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "shelter_structures_level_check" CHECK ("shelter_structures"."level" in ('pronto_intervento', 'casa_rifugio', 'comunita', 'seconda_accoglienza', 'non_dedicata')),
	CONSTRAINT "shelter_structures_protection_check" CHECK ("shelter_structures"."protection_level" in ('alta', 'media', 'ordinaria')),
	CONSTRAINT "shelter_structures_fee_check" CHECK ("shelter_structures"."daily_fee_cents" >= 0 and ("shelter_structures"."contribution_cents" is null or "shelter_structures"."contribution_cents" >= 0)),
	CONSTRAINT "shelter_structures_contribution_check" CHECK ("shelter_structures"."contribution_cents" is null or "shelter_structures"."level" = 'seconda_accoglienza'),
	CONSTRAINT "shelter_structures_children_check" CHECK (("shelter_structures"."max_children" is null or "shelter_structures"."max_children" >= 0) and ("shelter_structures"."boys_max_age" is null or "shelter_structures"."boys_max_age" between 0 and 25))
);
--> statement-breakpoint
CREATE TABLE "shelter_units" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"structure_id" uuid NOT NULL,
	"label" text NOT NULL,
	"wheelchair_accessible" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "placement_proposals" ADD CONSTRAINT "placement_proposals_request_id_placement_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."placement_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placement_proposals" ADD CONSTRAINT "placement_proposals_structure_id_shelter_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."shelter_structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placement_proposals" ADD CONSTRAINT "placement_proposals_sent_by_users_id_fk" FOREIGN KEY ("sent_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placement_proposals" ADD CONSTRAINT "placement_proposals_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placement_requests" ADD CONSTRAINT "placement_requests_requesting_organisation_id_organisations_id_fk" FOREIGN KEY ("requesting_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placement_requests" ADD CONSTRAINT "placement_requests_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placement_requests" ADD CONSTRAINT "placement_requests_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placement_requests" ADD CONSTRAINT "placement_requests_social_service_id_organisations_id_fk" FOREIGN KEY ("social_service_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shelter_authorisations" ADD CONSTRAINT "shelter_authorisations_social_service_id_organisations_id_fk" FOREIGN KEY ("social_service_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shelter_authorisations" ADD CONSTRAINT "shelter_authorisations_request_id_placement_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."placement_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shelter_authorisations" ADD CONSTRAINT "shelter_authorisations_stay_id_shelter_stays_id_fk" FOREIGN KEY ("stay_id") REFERENCES "public"."shelter_stays"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shelter_authorisations" ADD CONSTRAINT "shelter_authorisations_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shelter_authorisations" ADD CONSTRAINT "shelter_authorisations_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shelter_authorisations" ADD CONSTRAINT "shelter_authorisations_payer_organisation_id_organisations_id_fk" FOREIGN KEY ("payer_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shelter_places" ADD CONSTRAINT "shelter_places_unit_id_shelter_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."shelter_units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shelter_places" ADD CONSTRAINT "shelter_places_structure_id_shelter_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."shelter_structures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shelter_places" ADD CONSTRAINT "shelter_places_proposal_id_placement_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."placement_proposals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shelter_places" ADD CONSTRAINT "shelter_places_stay_id_shelter_stays_id_fk" FOREIGN KEY ("stay_id") REFERENCES "public"."shelter_stays"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shelter_stays" ADD CONSTRAINT "shelter_stays_structure_id_shelter_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."shelter_structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shelter_stays" ADD CONSTRAINT "shelter_stays_unit_id_shelter_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."shelter_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shelter_stays" ADD CONSTRAINT "shelter_stays_request_id_placement_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."placement_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shelter_stays" ADD CONSTRAINT "shelter_stays_proposal_id_placement_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."placement_proposals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shelter_stays" ADD CONSTRAINT "shelter_stays_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shelter_stays" ADD CONSTRAINT "shelter_stays_plan_action_id_plan_actions_id_fk" FOREIGN KEY ("plan_action_id") REFERENCES "public"."plan_actions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shelter_stays" ADD CONSTRAINT "shelter_stays_admitted_by_users_id_fk" FOREIGN KEY ("admitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shelter_stays" ADD CONSTRAINT "shelter_stays_social_service_id_organisations_id_fk" FOREIGN KEY ("social_service_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shelter_stays" ADD CONSTRAINT "shelter_stays_payer_organisation_id_organisations_id_fk" FOREIGN KEY ("payer_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shelter_structure_networks" ADD CONSTRAINT "shelter_structure_networks_structure_id_shelter_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."shelter_structures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shelter_structure_networks" ADD CONSTRAINT "shelter_structure_networks_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shelter_structures" ADD CONSTRAINT "shelter_structures_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shelter_units" ADD CONSTRAINT "shelter_units_structure_id_shelter_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."shelter_structures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "placement_proposals_structure_idx" ON "placement_proposals" USING btree ("structure_id","state","sent_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "placement_proposals_request_idx" ON "placement_proposals" USING btree ("request_id","sent_at");--> statement-breakpoint
CREATE INDEX "placement_proposals_hold_idx" ON "placement_proposals" USING btree ("hold_expires_at") WHERE "placement_proposals"."state" = 'accettata';--> statement-breakpoint
CREATE UNIQUE INDEX "placement_proposals_one_open_idx" ON "placement_proposals" USING btree ("request_id") WHERE "placement_proposals"."state" in ('in_attesa', 'accettata');--> statement-breakpoint
CREATE INDEX "placement_requests_org_idx" ON "placement_requests" USING btree ("requesting_organisation_id","state","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "placement_requests_case_idx" ON "placement_requests" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "placement_requests_social_idx" ON "placement_requests" USING btree ("social_service_id");--> statement-breakpoint
CREATE INDEX "shelter_authorisations_inbox_idx" ON "shelter_authorisations" USING btree ("social_service_id","state","requested_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "shelter_authorisations_due_idx" ON "shelter_authorisations" USING btree ("due_at") WHERE "shelter_authorisations"."state" = 'in_attesa' and "shelter_authorisations"."escalated_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "shelter_authorisations_one_open_request_idx" ON "shelter_authorisations" USING btree ("request_id") WHERE "shelter_authorisations"."state" = 'in_attesa';--> statement-breakpoint
CREATE UNIQUE INDEX "shelter_authorisations_one_open_stay_idx" ON "shelter_authorisations" USING btree ("stay_id") WHERE "shelter_authorisations"."state" = 'in_attesa';--> statement-breakpoint
CREATE UNIQUE INDEX "shelter_places_label_idx" ON "shelter_places" USING btree ("unit_id","label");--> statement-breakpoint
CREATE INDEX "shelter_places_board_idx" ON "shelter_places" USING btree ("structure_id","state","unit_id");--> statement-breakpoint
CREATE INDEX "shelter_places_proposal_idx" ON "shelter_places" USING btree ("proposal_id");--> statement-breakpoint
CREATE INDEX "shelter_places_stay_idx" ON "shelter_places" USING btree ("stay_id");--> statement-breakpoint
CREATE INDEX "shelter_stays_structure_idx" ON "shelter_stays" USING btree ("structure_id","state","admitted_on" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "shelter_stays_payer_idx" ON "shelter_stays" USING btree ("payer_organisation_id","admitted_on");--> statement-breakpoint
CREATE INDEX "shelter_stays_case_idx" ON "shelter_stays" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "shelter_stays_social_idx" ON "shelter_stays" USING btree ("social_service_id","state");--> statement-breakpoint
CREATE UNIQUE INDEX "shelter_stays_plan_action_idx" ON "shelter_stays" USING btree ("plan_action_id");--> statement-breakpoint
CREATE INDEX "shelter_structure_networks_network_idx" ON "shelter_structure_networks" USING btree ("network_id");--> statement-breakpoint
CREATE INDEX "shelter_structures_org_idx" ON "shelter_structures" USING btree ("organisation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "shelter_structures_name_idx" ON "shelter_structures" USING btree ("organisation_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "shelter_units_label_idx" ON "shelter_units" USING btree ("structure_id","label");