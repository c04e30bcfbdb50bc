-- The activity trail is append-only: the database itself refuses to change or remove an event.
-- (Prisma's schema language cannot express triggers, so this migration is written by hand.)
CREATE OR REPLACE FUNCTION activity_event_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ActivityEvent is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER activity_event_no_update
  BEFORE UPDATE ON "ActivityEvent"
  FOR EACH ROW EXECUTE FUNCTION activity_event_append_only();

CREATE TRIGGER activity_event_no_delete
  BEFORE DELETE ON "ActivityEvent"
  FOR EACH ROW EXECUTE FUNCTION activity_event_append_only();

CREATE TRIGGER activity_event_no_truncate
  BEFORE TRUNCATE ON "ActivityEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION activity_event_append_only();
