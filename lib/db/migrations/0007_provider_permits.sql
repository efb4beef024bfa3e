CREATE TABLE "provider_limit" (
	"provider" text PRIMARY KEY NOT NULL,
	"max" integer NOT NULL,
	"current" integer NOT NULL,
	"slowed_at" timestamp with time zone,
	"slowed_reason" text,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "provider_permit" (
	"provider" text NOT NULL,
	"slot" integer NOT NULL,
	"holder" text,
	"expires_at" timestamp with time zone,
	CONSTRAINT "provider_permit_provider_slot_pk" PRIMARY KEY("provider","slot")
);
