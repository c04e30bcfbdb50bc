-- The readiness store (docs/adr/0019-readiness-store.md). computeReadiness remembers its answers per
-- (project, framework) and per (project, control); a stored answer is used only while the generations
-- it was computed at are still current and `at` lies in [computedAt, validUntil).
-- Written by hand: Prisma's schema language has no triggers.

-- CreateTable
CREATE TABLE "ReadinessGeneration" (
    "scope" TEXT NOT NULL,
    "generation" BIGINT NOT NULL DEFAULT 1,

    CONSTRAINT "ReadinessGeneration_pkey" PRIMARY KEY ("scope")
);

-- CreateTable
CREATE TABLE "ReadinessStoredFramework" (
    "projectId" TEXT NOT NULL,
    "frameworkId" TEXT NOT NULL,
    "projectGen" BIGINT NOT NULL,
    "catalogueGen" BIGINT NOT NULL,
    "computedAt" TIMESTAMP(3) NOT NULL,
    "validUntil" TIMESTAMP(3),
    "controlIds" TEXT[],
    "score" DOUBLE PRECISION,
    "met" INTEGER NOT NULL,
    "applicable" INTEGER NOT NULL,
    "result" JSONB NOT NULL,

    CONSTRAINT "ReadinessStoredFramework_pkey" PRIMARY KEY ("projectId","frameworkId")
);

-- CreateTable
CREATE TABLE "ReadinessStoredControl" (
    "projectId" TEXT NOT NULL,
    "controlId" TEXT NOT NULL,
    "projectGen" BIGINT NOT NULL,
    "catalogueGen" BIGINT NOT NULL,
    "computedAt" TIMESTAMP(3) NOT NULL,
    "validUntil" TIMESTAMP(3),
    "state" TEXT NOT NULL,
    "result" JSONB NOT NULL,

    CONSTRAINT "ReadinessStoredControl_pkey" PRIMARY KEY ("projectId","controlId")
);

INSERT INTO "ReadinessGeneration" ("scope", "generation") VALUES ('*', 1);

-- Bumps the generation of every project a statement touched (or of the shared catalogue), once per
-- statement, inside the writing transaction: a stored answer can never outlive the write that changed
-- its inputs, whichever code path wrote. TG_ARGV[0] says how a row names its project:
--   'catalogue'          shared by every project (bumps scope '*')
--   'projectId'          the row's own "projectId" column
--   'runbookId'          through "Runbook"."projectId"
--   'itemId'             through "BacklogItem"."projectId"
--   'project'            the row is a project (its deletion drops its stored answers)
-- Lock order is by scope, so two writers never wait on each other in opposite orders.
CREATE FUNCTION readiness_invalidate() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  via text := TG_ARGV[0];
  src text;
  scopes text[];
BEGIN
  IF via = 'catalogue' OR TG_OP = 'TRUNCATE' THEN
    scopes := ARRAY['*'];
  ELSE
    src := CASE TG_OP
      WHEN 'INSERT' THEN 'SELECT * FROM readiness_new'
      WHEN 'DELETE' THEN 'SELECT * FROM readiness_old'
      ELSE 'SELECT * FROM readiness_new UNION ALL SELECT * FROM readiness_old'
    END;
    IF via = 'projectId' THEN
      EXECUTE format('SELECT array_agg(DISTINCT t."projectId") FROM (%s) t', src) INTO scopes;
    ELSIF via = 'runbookId' THEN
      EXECUTE format('SELECT array_agg(DISTINCT r."projectId") FROM (%s) t JOIN "Runbook" r ON r.id = t."runbookId"', src) INTO scopes;
    ELSIF via = 'itemId' THEN
      EXECUTE format('SELECT array_agg(DISTINCT b."projectId") FROM (%s) t JOIN "BacklogItem" b ON b.id = t."itemId"', src) INTO scopes;
    ELSIF via = 'project' THEN
      EXECUTE format('SELECT array_agg(DISTINCT t.id) FROM (%s) t', src) INTO scopes;
      IF TG_OP = 'DELETE' AND scopes IS NOT NULL THEN
        DELETE FROM "ReadinessStoredFramework" WHERE "projectId" = ANY (scopes);
        DELETE FROM "ReadinessStoredControl" WHERE "projectId" = ANY (scopes);
      END IF;
    ELSE
      RAISE EXCEPTION 'readiness_invalidate: unknown way to a project: %', via;
    END IF;
  END IF;
  IF scopes IS NULL THEN
    RETURN NULL;
  END IF;
  INSERT INTO "ReadinessGeneration" AS g ("scope", "generation")
    SELECT s, 1 FROM unnest(scopes) AS s WHERE s IS NOT NULL ORDER BY s
    ON CONFLICT ("scope") DO UPDATE SET "generation" = g."generation" + 1;
  RETURN NULL;
END
$fn$;

-- Puts a table under watch: statement-level triggers for INSERT, UPDATE, DELETE (with transition
-- tables) and TRUNCATE. A later migration that adds a table readiness reads calls this once, e.g.
--   SELECT readiness_watch('"GithubSecurityAlert"', 'projectId');
CREATE FUNCTION readiness_watch(tbl regclass, via text) RETURNS void LANGUAGE plpgsql AS $fn$
BEGIN
  IF via NOT IN ('catalogue', 'projectId', 'runbookId', 'itemId', 'project') THEN
    RAISE EXCEPTION 'readiness_watch: unknown way to a project: %', via;
  END IF;
  EXECUTE format('CREATE TRIGGER readiness_invalidate_ins AFTER INSERT ON %s REFERENCING NEW TABLE AS readiness_new FOR EACH STATEMENT EXECUTE FUNCTION readiness_invalidate(%L)', tbl, via);
  EXECUTE format('CREATE TRIGGER readiness_invalidate_upd AFTER UPDATE ON %s REFERENCING OLD TABLE AS readiness_old NEW TABLE AS readiness_new FOR EACH STATEMENT EXECUTE FUNCTION readiness_invalidate(%L)', tbl, via);
  EXECUTE format('CREATE TRIGGER readiness_invalidate_del AFTER DELETE ON %s REFERENCING OLD TABLE AS readiness_old FOR EACH STATEMENT EXECUTE FUNCTION readiness_invalidate(%L)', tbl, via);
  EXECUTE format('CREATE TRIGGER readiness_invalidate_trunc AFTER TRUNCATE ON %s FOR EACH STATEMENT EXECUTE FUNCTION readiness_invalidate(%L)', tbl, via);
END
$fn$;

-- Every table gather-facts.ts reads.
SELECT readiness_watch('"Framework"', 'catalogue');
SELECT readiness_watch('"Requirement"', 'catalogue');
SELECT readiness_watch('"Control"', 'catalogue');
SELECT readiness_watch('"ControlExpectation"', 'catalogue');
SELECT readiness_watch('"ControlMapping"', 'catalogue');
SELECT readiness_watch('"Project"', 'project');
SELECT readiness_watch('"ProjectFramework"', 'projectId');
SELECT readiness_watch('"ProjectControl"', 'projectId');
SELECT readiness_watch('"Evidence"', 'projectId');
SELECT readiness_watch('"EvidenceControl"', 'projectId');
SELECT readiness_watch('"BacklogItem"', 'projectId');
SELECT readiness_watch('"BacklogItemControl"', 'itemId');
SELECT readiness_watch('"Runbook"', 'projectId');
SELECT readiness_watch('"RunbookControl"', 'runbookId');
SELECT readiness_watch('"RunbookExercise"', 'runbookId');
