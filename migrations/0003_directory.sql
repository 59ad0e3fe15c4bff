CREATE TABLE "comuni" (
	"istat_code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"name_alt" text,
	"province_code" text NOT NULL,
	"province_name" text NOT NULL,
	"province_sigla" text NOT NULL,
	"region_code" text NOT NULL,
	"region_name" text NOT NULL,
	"population" integer NOT NULL,
	"lat" double precision NOT NULL,
	"lon" double precision NOT NULL,
	"cadastral_code" text NOT NULL,
	"search_name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "directory_changes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_user_id" uuid,
	"source" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" uuid NOT NULL,
	"organisation_id" uuid,
	"network_id" uuid,
	"change" text NOT NULL,
	"fields" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "network_comuni" (
	"network_id" uuid NOT NULL,
	"istat_code" text NOT NULL,
	"referent_sportello_id" uuid,
	CONSTRAINT "network_comuni_network_id_istat_code_pk" PRIMARY KEY("network_id","istat_code")
);
--> statement-breakpoint
CREATE TABLE "sportelli" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"external_id" text,
	"name" text NOT NULL,
	"visibility" text DEFAULT 'public' NOT NULL,
	"address" text,
	"comune_code" text NOT NULL,
	"lat" double precision,
	"lon" double precision,
	"secret_location" text,
	"phones" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"email" text,
	"transfer_phone" text,
	"opening_hours" text,
	"phone_hours" text,
	"h24" boolean DEFAULT false NOT NULL,
	"closures" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"languages" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"services" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"accessibility" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"notes" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sportelli_external_id_unique" UNIQUE("external_id"),
	CONSTRAINT "sportelli_visibility_check" CHECK ("sportelli"."visibility" in ('public', 'reserved', 'secret')),
	CONSTRAINT "sportelli_secret_location_check" CHECK ("sportelli"."visibility" <> 'secret' or ("sportelli"."address" is null and "sportelli"."lat" is null and "sportelli"."lon" is null))
);
--> statement-breakpoint
CREATE TABLE "api_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_tokens_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "call_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"operator_user_id" uuid,
	"organisation_id" uuid,
	"comune_code" text NOT NULL,
	"network_id" uuid,
	"sportello_id" uuid,
	"outcome" text NOT NULL,
	"language" text NOT NULL,
	CONSTRAINT "call_log_outcome_check" CHECK ("call_log"."outcome" in ('transferred', 'informed', 'emergency', 'other'))
);
--> statement-breakpoint
ALTER TABLE "networks" ADD COLUMN "external_id" text;--> statement-breakpoint
ALTER TABLE "networks" ADD COLUMN "referent_sportello_id" uuid;--> statement-breakpoint
ALTER TABLE "networks" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "networks" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "external_id" text;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "legal_name" text;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "albo_status" text;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "albo_date" date;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "email" text;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "phone" text;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "website" text;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "services" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "languages" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "accessibility" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "network_comuni" ADD CONSTRAINT "network_comuni_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_comuni" ADD CONSTRAINT "network_comuni_istat_code_comuni_istat_code_fk" FOREIGN KEY ("istat_code") REFERENCES "public"."comuni"("istat_code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_comuni" ADD CONSTRAINT "network_comuni_referent_sportello_id_sportelli_id_fk" FOREIGN KEY ("referent_sportello_id") REFERENCES "public"."sportelli"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sportelli" ADD CONSTRAINT "sportelli_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sportelli" ADD CONSTRAINT "sportelli_comune_code_comuni_istat_code_fk" FOREIGN KEY ("comune_code") REFERENCES "public"."comuni"("istat_code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_log" ADD CONSTRAINT "call_log_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_log" ADD CONSTRAINT "call_log_comune_code_comuni_istat_code_fk" FOREIGN KEY ("comune_code") REFERENCES "public"."comuni"("istat_code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_log" ADD CONSTRAINT "call_log_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_log" ADD CONSTRAINT "call_log_sportello_id_sportelli_id_fk" FOREIGN KEY ("sportello_id") REFERENCES "public"."sportelli"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "comuni_search_idx" ON "comuni" USING btree ("search_name");--> statement-breakpoint
CREATE INDEX "directory_changes_entity_idx" ON "directory_changes" USING btree ("entity_type","entity_id");--> statement-breakpoint
CREATE INDEX "directory_changes_org_idx" ON "directory_changes" USING btree ("organisation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "network_comuni_comune_key" ON "network_comuni" USING btree ("istat_code");--> statement-breakpoint
CREATE INDEX "sportelli_org_idx" ON "sportelli" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "sportelli_comune_idx" ON "sportelli" USING btree ("comune_code");--> statement-breakpoint
CREATE INDEX "call_log_at_idx" ON "call_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "call_log_network_idx" ON "call_log" USING btree ("network_id","at");--> statement-breakpoint
ALTER TABLE "networks" ADD CONSTRAINT "networks_external_id_unique" UNIQUE("external_id");--> statement-breakpoint
ALTER TABLE "organisations" ADD CONSTRAINT "organisations_external_id_unique" UNIQUE("external_id");--> statement-breakpoint
ALTER TABLE "organisations" ADD CONSTRAINT "organisations_albo_check" CHECK ("organisations"."albo_status" is null or "organisations"."albo_status" in ('iscritta', 'in_istruttoria', 'non_iscritta', 'non_applicabile'));--> statement-breakpoint
ALTER TABLE "networks" ADD CONSTRAINT "networks_referent_sportello_fk" FOREIGN KEY ("referent_sportello_id") REFERENCES "public"."sportelli"("id") ON DELETE set null ON UPDATE no action;
