CREATE TABLE "seed_runs" (
	"name" text NOT NULL,
	"version" integer NOT NULL,
	"ran_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "seed_runs_name_version_pk" PRIMARY KEY("name","version")
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"actor_role" text,
	"action" text NOT NULL,
	"entity" text NOT NULL,
	"entity_id" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"request_id" text
);
--> statement-breakpoint
CREATE TABLE "api_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"prefix" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"expires_at" timestamp with time zone,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id_hash" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"csrf_token" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"display_name" text NOT NULL,
	"password_hash" text NOT NULL,
	"role" text NOT NULL,
	"scope" text,
	"is_demo" boolean DEFAULT false NOT NULL,
	"disabled" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kecamatan" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kota_code" text NOT NULL,
	"area_km2" double precision NOT NULL,
	"boundary" jsonb NOT NULL,
	"rw_count" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kelurahan" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"kecamatan_code" text NOT NULL,
	"postal_code" text NOT NULL,
	"area_km2" double precision NOT NULL,
	"centroid_lat" double precision NOT NULL,
	"centroid_lng" double precision NOT NULL,
	"boundary" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rt" (
	"code" text PRIMARY KEY NOT NULL,
	"rw_code" text NOT NULL,
	"number" text NOT NULL,
	"estimated" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rw" (
	"code" text PRIMARY KEY NOT NULL,
	"kelurahan_code" text NOT NULL,
	"number" text NOT NULL,
	"head_name" text,
	"lat" double precision NOT NULL,
	"lng" double precision NOT NULL,
	"estimated" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kelurahan" ADD CONSTRAINT "kelurahan_kecamatan_code_kecamatan_code_fk" FOREIGN KEY ("kecamatan_code") REFERENCES "public"."kecamatan"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rt" ADD CONSTRAINT "rt_rw_code_rw_code_fk" FOREIGN KEY ("rw_code") REFERENCES "public"."rw"("code") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rw" ADD CONSTRAINT "rw_kelurahan_code_kelurahan_code_fk" FOREIGN KEY ("kelurahan_code") REFERENCES "public"."kelurahan"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_entity_idx" ON "audit_log" USING btree ("entity","entity_id");--> statement-breakpoint
CREATE INDEX "audit_at_idx" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE UNIQUE INDEX "api_tokens_hash_uq" ON "api_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "api_tokens_user_idx" ON "api_tokens" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_uq" ON "users" USING btree ("email");--> statement-breakpoint
CREATE INDEX "kelurahan_kecamatan_idx" ON "kelurahan" USING btree ("kecamatan_code");--> statement-breakpoint
CREATE INDEX "rt_rw_idx" ON "rt" USING btree ("rw_code");--> statement-breakpoint
CREATE INDEX "rw_kelurahan_idx" ON "rw" USING btree ("kelurahan_code");