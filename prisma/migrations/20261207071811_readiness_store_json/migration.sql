-- Stored readiness answers keep their text as computed (json, not jsonb): key order included, so a
-- stored answer serialises byte for byte like a fresh one.
ALTER TABLE "ReadinessStoredFramework" ALTER COLUMN "result" SET DATA TYPE JSON;
ALTER TABLE "ReadinessStoredControl" ALTER COLUMN "result" SET DATA TYPE JSON;
