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
CREATE TABLE "wifi_access_point" (
	"id" serial PRIMARY KEY NOT NULL,
	"mac" text NOT NULL,
	"hotspot_id" integer NOT NULL,
	"serial" text,
	"model" text,
	"firmware" text,
	"mgmt_ip" text,
	"is_demo" boolean DEFAULT false NOT NULL,
	"first_seen_at" timestamp with time zone,
	"last_seen_at" timestamp with time zone,
	"last_nonzero_at" timestamp with time zone,
	"last_clients" integer,
	"last_uptime_s" bigint,
	"last_rtt_ms" double precision,
	"last_signal_dbm" double precision,
	"health" text DEFAULT 'UNKNOWN' NOT NULL,
	"health_reason" text,
	"health_since" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "wifi_alert" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"ap_id" integer NOT NULL,
	"hotspot_id" integer NOT NULL,
	"severity" text NOT NULL,
	"reason" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"detected_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" text,
	"ack_note" text
);
--> statement-breakpoint
CREATE TABLE "wifi_heartbeat" (
	"ap_id" integer NOT NULL,
	"ts" timestamp with time zone NOT NULL,
	"clients" integer NOT NULL,
	"rx_bytes" bigint NOT NULL,
	"tx_bytes" bigint NOT NULL,
	"uptime_s" bigint NOT NULL,
	"rtt_ms" double precision,
	"signal_dbm" double precision,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "wifi_heartbeat_ap_id_ts_pk" PRIMARY KEY("ap_id","ts")
);
--> statement-breakpoint
CREATE TABLE "wifi_hotspot" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"lat" double precision NOT NULL,
	"lng" double precision NOT NULL,
	"location_note" text,
	"address" text,
	"kelurahan_code" text NOT NULL,
	"rw_code" text,
	"category" text NOT NULL,
	"phase" text NOT NULL,
	"provider" text,
	"bandwidth_mbps" integer,
	"ssids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"installed_on" date,
	"status" text DEFAULT 'active' NOT NULL,
	"opening_hours" text,
	"notes" text,
	"state" text DEFAULT 'noService' NOT NULL,
	"state_since" timestamp with time zone DEFAULT now() NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "wifi_setting" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "wifi_unknown_mac" (
	"mac" text PRIMARY KEY NOT NULL,
	"first_seen_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"count" bigint NOT NULL,
	"via" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "wifi_usage_daily" (
	"ap_id" integer NOT NULL,
	"day" date NOT NULL,
	"heartbeats" integer NOT NULL,
	"clients_sum" bigint NOT NULL,
	"clients_max" integer NOT NULL,
	"rx_bytes" bigint NOT NULL,
	"tx_bytes" bigint NOT NULL,
	"school_heartbeats" integer NOT NULL,
	"school_clients_sum" bigint NOT NULL,
	"school_rx_bytes" bigint NOT NULL,
	"school_tx_bytes" bigint NOT NULL,
	CONSTRAINT "wifi_usage_daily_ap_id_day_pk" PRIMARY KEY("ap_id","day")
);
--> statement-breakpoint
CREATE TABLE "wifi_usage_hourly" (
	"ap_id" integer NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"heartbeats" integer NOT NULL,
	"clients_sum" bigint NOT NULL,
	"clients_max" integer NOT NULL,
	"rx_bytes" bigint NOT NULL,
	"tx_bytes" bigint NOT NULL,
	CONSTRAINT "wifi_usage_hourly_ap_id_hour_pk" PRIMARY KEY("ap_id","hour")
);
--> statement-breakpoint
CREATE TABLE "covid_announcement" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"audience_code" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"author_id" uuid,
	"author_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "covid_daily" (
	"level" text NOT NULL,
	"code" text NOT NULL,
	"date" date NOT NULL,
	"active" integer NOT NULL,
	"new_cases" integer NOT NULL,
	"confirmed_cum" integer NOT NULL,
	"recovered_cum" integer NOT NULL,
	"deceased_cum" integer NOT NULL,
	"suspek_active" integer NOT NULL,
	"probable_active" integer NOT NULL,
	"kontak_active" integer NOT NULL,
	"rt_hist" integer[] NOT NULL,
	"rw_reported" integer NOT NULL,
	"demo" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "covid_daily_level_code_date_pk" PRIMARY KEY("level","code","date")
);
--> statement-breakpoint
CREATE TABLE "covid_demo_rw" (
	"rw_code" text PRIMARY KEY NOT NULL,
	"kelurahan_code" text NOT NULL,
	"start" date NOT NULL,
	"active" integer[] NOT NULL,
	"confirmed_cum" integer[] NOT NULL,
	"deceased_cum" integer[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "covid_forum_post" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"rw_code" text NOT NULL,
	"parent_id" uuid,
	"author_id" uuid NOT NULL,
	"author_name" text NOT NULL,
	"body" text NOT NULL,
	"hidden" boolean DEFAULT false NOT NULL,
	"hidden_reason" text,
	"hidden_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "covid_published" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"date" date NOT NULL,
	"level" text NOT NULL,
	"code" text,
	"code_in_source" text NOT NULL,
	"name" text NOT NULL,
	"metric" text NOT NULL,
	"value" double precision NOT NULL,
	"completeness" text,
	"note" text,
	"source_url" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "covid_puskesmas" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"address" text NOT NULL,
	"phone" text,
	"kecamatan_code" text NOT NULL,
	"source" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "covid_report" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"rw_code" text NOT NULL,
	"kelurahan_code" text NOT NULL,
	"kecamatan_code" text NOT NULL,
	"date" date NOT NULL,
	"status" text NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"konf_isolasi_mandiri" integer DEFAULT 0 NOT NULL,
	"konf_dirawat" integer DEFAULT 0 NOT NULL,
	"konf_selesai" integer DEFAULT 0 NOT NULL,
	"konf_meninggal" integer DEFAULT 0 NOT NULL,
	"suspek_diisolasi" integer DEFAULT 0 NOT NULL,
	"suspek_discarded" integer DEFAULT 0 NOT NULL,
	"suspek_meninggal" integer DEFAULT 0 NOT NULL,
	"probable_diisolasi" integer DEFAULT 0 NOT NULL,
	"probable_selesai" integer DEFAULT 0 NOT NULL,
	"probable_meninggal" integer DEFAULT 0 NOT NULL,
	"kontak_dikarantina" integer DEFAULT 0 NOT NULL,
	"kontak_discarded" integer DEFAULT 0 NOT NULL,
	"rt_houses" jsonb NOT NULL,
	"note" text,
	"decline_reason" text,
	"content_hash" text NOT NULL,
	"idempotency_key" text,
	"created_by" uuid,
	"verified_by" uuid,
	"submitted_at" timestamp with time zone,
	"verified_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "covid_report_revision" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"report_id" uuid NOT NULL,
	"revision" integer NOT NULL,
	"action" text NOT NULL,
	"status" text NOT NULL,
	"figures" jsonb NOT NULL,
	"reason" text,
	"actor_id" uuid,
	"actor_name" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "covid_zoning_rule" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"regulation" text NOT NULL,
	"effective_from" date NOT NULL,
	"kuning_max" integer NOT NULL,
	"oranye_max" integer NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "covid_zoning_rule_effective_from_unique" UNIQUE("effective_from")
);
--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kelurahan" ADD CONSTRAINT "kelurahan_kecamatan_code_kecamatan_code_fk" FOREIGN KEY ("kecamatan_code") REFERENCES "public"."kecamatan"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rt" ADD CONSTRAINT "rt_rw_code_rw_code_fk" FOREIGN KEY ("rw_code") REFERENCES "public"."rw"("code") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rw" ADD CONSTRAINT "rw_kelurahan_code_kelurahan_code_fk" FOREIGN KEY ("kelurahan_code") REFERENCES "public"."kelurahan"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wifi_access_point" ADD CONSTRAINT "wifi_access_point_hotspot_id_wifi_hotspot_id_fk" FOREIGN KEY ("hotspot_id") REFERENCES "public"."wifi_hotspot"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wifi_alert" ADD CONSTRAINT "wifi_alert_ap_id_wifi_access_point_id_fk" FOREIGN KEY ("ap_id") REFERENCES "public"."wifi_access_point"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wifi_hotspot" ADD CONSTRAINT "wifi_hotspot_kelurahan_code_kelurahan_code_fk" FOREIGN KEY ("kelurahan_code") REFERENCES "public"."kelurahan"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wifi_hotspot" ADD CONSTRAINT "wifi_hotspot_rw_code_rw_code_fk" FOREIGN KEY ("rw_code") REFERENCES "public"."rw"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "covid_report_revision" ADD CONSTRAINT "covid_report_revision_report_id_covid_report_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."covid_report"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_entity_idx" ON "audit_log" USING btree ("entity","entity_id");--> statement-breakpoint
CREATE INDEX "audit_at_idx" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE UNIQUE INDEX "api_tokens_hash_uq" ON "api_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "api_tokens_user_idx" ON "api_tokens" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_uq" ON "users" USING btree ("email");--> statement-breakpoint
CREATE INDEX "kelurahan_kecamatan_idx" ON "kelurahan" USING btree ("kecamatan_code");--> statement-breakpoint
CREATE INDEX "rt_rw_idx" ON "rt" USING btree ("rw_code");--> statement-breakpoint
CREATE INDEX "rw_kelurahan_idx" ON "rw" USING btree ("kelurahan_code");--> statement-breakpoint
CREATE UNIQUE INDEX "wifi_ap_mac_uq" ON "wifi_access_point" USING btree ("mac");--> statement-breakpoint
CREATE INDEX "wifi_ap_hotspot_idx" ON "wifi_access_point" USING btree ("hotspot_id");--> statement-breakpoint
CREATE UNIQUE INDEX "wifi_alert_open_uq" ON "wifi_alert" USING btree ("ap_id") WHERE "wifi_alert"."ended_at" is null;--> statement-breakpoint
CREATE INDEX "wifi_alert_started_idx" ON "wifi_alert" USING btree ("started_at");--> statement-breakpoint
CREATE INDEX "wifi_heartbeat_received_brin" ON "wifi_heartbeat" USING brin ("received_at");--> statement-breakpoint
CREATE INDEX "wifi_heartbeat_ts_brin" ON "wifi_heartbeat" USING brin ("ts");--> statement-breakpoint
CREATE UNIQUE INDEX "wifi_hotspot_code_uq" ON "wifi_hotspot" USING btree ("code");--> statement-breakpoint
CREATE INDEX "wifi_hotspot_kelurahan_idx" ON "wifi_hotspot" USING btree ("kelurahan_code");--> statement-breakpoint
CREATE INDEX "wifi_hotspot_rw_idx" ON "wifi_hotspot" USING btree ("rw_code");--> statement-breakpoint
CREATE INDEX "wifi_usage_daily_day_idx" ON "wifi_usage_daily" USING btree ("day");--> statement-breakpoint
CREATE INDEX "wifi_usage_hourly_hour_idx" ON "wifi_usage_hourly" USING btree ("hour");--> statement-breakpoint
CREATE INDEX "covid_announcement_audience_idx" ON "covid_announcement" USING btree ("audience_code","created_at");--> statement-breakpoint
CREATE INDEX "covid_forum_rw_idx" ON "covid_forum_post" USING btree ("rw_code","created_at");--> statement-breakpoint
CREATE INDEX "covid_forum_author_idx" ON "covid_forum_post" USING btree ("author_id","created_at");--> statement-breakpoint
CREATE INDEX "covid_published_level_code_idx" ON "covid_published" USING btree ("level","code");--> statement-breakpoint
CREATE UNIQUE INDEX "covid_report_rw_date_uq" ON "covid_report" USING btree ("rw_code","date");--> statement-breakpoint
CREATE UNIQUE INDEX "covid_report_idem_uq" ON "covid_report" USING btree ("created_by","idempotency_key");--> statement-breakpoint
CREATE INDEX "covid_report_kel_date_idx" ON "covid_report" USING btree ("kelurahan_code","date");--> statement-breakpoint
CREATE INDEX "covid_report_revision_report_idx" ON "covid_report_revision" USING btree ("report_id");