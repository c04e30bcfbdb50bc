-- AlterTable
ALTER TABLE "User" ADD COLUMN     "oidcSubject" TEXT,
ADD COLUMN     "scimExternalId" TEXT,
ADD COLUMN     "source" TEXT NOT NULL DEFAULT 'password';

-- CreateTable
CREATE TABLE "ScimToken" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),
    "lastUsedAt" TIMESTAMP(3),

    CONSTRAINT "ScimToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ScimGroup" (
    "id" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "externalId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ScimGroup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ScimGroupMember" (
    "groupId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,

    CONSTRAINT "ScimGroupMember_pkey" PRIMARY KEY ("groupId","userId")
);

-- CreateTable
CREATE TABLE "OneTimeLink" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OneTimeLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UserRoleHistory" (
    "id" BIGSERIAL NOT NULL,
    "userId" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "active" BOOLEAN NOT NULL,
    "validFrom" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "UserRoleHistory_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ScimToken_tokenHash_key" ON "ScimToken"("tokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "ScimGroup_displayName_key" ON "ScimGroup"("displayName");

-- CreateIndex
CREATE UNIQUE INDEX "ScimGroup_externalId_key" ON "ScimGroup"("externalId");

-- CreateIndex
CREATE INDEX "ScimGroupMember_userId_idx" ON "ScimGroupMember"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "OneTimeLink_tokenHash_key" ON "OneTimeLink"("tokenHash");

-- CreateIndex
CREATE INDEX "OneTimeLink_userId_idx" ON "OneTimeLink"("userId");

-- CreateIndex
CREATE INDEX "UserRoleHistory_userId_validFrom_idx" ON "UserRoleHistory"("userId", "validFrom");

-- CreateIndex
CREATE UNIQUE INDEX "User_oidcSubject_key" ON "User"("oidcSubject");

-- CreateIndex
CREATE UNIQUE INDEX "User_scimExternalId_key" ON "User"("scimExternalId");

-- AddForeignKey
ALTER TABLE "ScimGroupMember" ADD CONSTRAINT "ScimGroupMember_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "ScimGroup"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScimGroupMember" ADD CONSTRAINT "ScimGroupMember_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OneTimeLink" ADD CONSTRAINT "OneTimeLink_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Written by hand: the role history is kept by the database itself, so every path that creates a user or
-- changes a role or the active flag (the app, the seed, a script, plain SQL) leaves a row.
CREATE FUNCTION user_role_history() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'INSERT' OR NEW."role" IS DISTINCT FROM OLD."role" OR NEW."active" IS DISTINCT FROM OLD."active" THEN
    INSERT INTO "UserRoleHistory" ("userId", "role", "active", "validFrom")
    VALUES (NEW."id", NEW."role", NEW."active", CASE WHEN TG_OP = 'INSERT' THEN NEW."createdAt" ELSE (clock_timestamp() AT TIME ZONE 'UTC') END);
  END IF;
  RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER user_role_history
  AFTER INSERT OR UPDATE OF "role", "active" ON "User"
  FOR EACH ROW EXECUTE FUNCTION user_role_history();

-- Users that exist already: their current role and state, since they were created (the best the
-- database knows; the activity trail holds the earlier changes).
INSERT INTO "UserRoleHistory" ("userId", "role", "active", "validFrom")
SELECT "id", "role", "active", "createdAt" FROM "User";

-- The history is evidence: the app's role may add to it and read it, never change or remove it.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'proofline_app') THEN
    REVOKE ALL ON "UserRoleHistory" FROM proofline_app;
    GRANT SELECT, INSERT ON "UserRoleHistory" TO proofline_app;
  END IF;
END
$$;
