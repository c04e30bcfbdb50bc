-- The app runs as "proofline_app": normal rights on every table, but only INSERT and SELECT on the
-- activity trail and its signed heads, and it owns nothing, so it can neither disable their triggers
-- nor bypass them. Migrations keep running as the connection's own (owner) role. The app switches to
-- proofline_app on each connection when its login role is a member (lib/db-role.ts); in production give
-- the app a separate login role that is a member of proofline_app (docs/adr/0009-app-role-and-signed-trail-heads.md).
-- Roles are global to the PostgreSQL server: created once, idempotently, and concurrent migrations of
-- several databases on one server (the test tiers) must not race. Written by hand: Prisma's schema
-- language has no roles or grants.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'proofline_app') THEN
    BEGIN
      CREATE ROLE proofline_app NOLOGIN;
    EXCEPTION
      WHEN duplicate_object OR unique_violation THEN NULL; -- another database's migration created it meanwhile
      WHEN insufficient_privilege THEN
        RAISE WARNING 'proofline: the migration role may not create roles, so role proofline_app was not created and the app will run with the migration role''s rights; create it as described in docs/adr/0009 and run the migrations again';
        RETURN;
    END;
  END IF;
  -- Let the migrating (owner) role switch to proofline_app; a superuser needs no membership.
  IF NOT pg_has_role(current_user, 'proofline_app', 'MEMBER') THEN
    EXECUTE format('GRANT proofline_app TO %I', current_user);
  END IF;
END
$$;

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'proofline_app') THEN
    RETURN;
  END IF;
  EXECUTE format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO proofline_app', current_database());
  GRANT USAGE ON SCHEMA public TO proofline_app;
  GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO proofline_app;
  GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO proofline_app;
  -- Tables and sequences that later migrations create (run by this same owner role) get the same rights.
  ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO proofline_app;
  ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO proofline_app;
  -- The trail and its signed heads: append and read, nothing else.
  REVOKE ALL ON "ActivityEvent", "ActivitySignedHead" FROM proofline_app;
  GRANT SELECT, INSERT ON "ActivityEvent", "ActivitySignedHead" TO proofline_app;
  -- The migration history: readable (the health check counts it), never written by the app.
  IF to_regclass('public."_prisma_migrations"') IS NOT NULL THEN
    REVOKE ALL ON "_prisma_migrations" FROM proofline_app;
    GRANT SELECT ON "_prisma_migrations" TO proofline_app;
  END IF;
END
$$;

-- Signed heads are append-only too, for every role (the trail's trigger function is reused).
CREATE TRIGGER activity_signed_head_no_update
  BEFORE UPDATE ON "ActivitySignedHead"
  FOR EACH ROW EXECUTE FUNCTION activity_event_append_only();

CREATE TRIGGER activity_signed_head_no_delete
  BEFORE DELETE ON "ActivitySignedHead"
  FOR EACH ROW EXECUTE FUNCTION activity_event_append_only();

CREATE TRIGGER activity_signed_head_no_truncate
  BEFORE TRUNCATE ON "ActivitySignedHead"
  FOR EACH STATEMENT EXECUTE FUNCTION activity_event_append_only();
