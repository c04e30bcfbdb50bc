-- CreateTable
CREATE TABLE "SecurityAlert" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "repo" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "kind" "EvidenceKind" NOT NULL,
    "severity" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "url" TEXT,
    "state" TEXT NOT NULL,
    "openedAt" TIMESTAMP(3) NOT NULL,
    "closedAt" TIMESTAMP(3),
    "closeReason" TEXT,
    "sourceUpdatedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SecurityAlert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RemediationPolicy" (
    "projectId" TEXT NOT NULL,
    "criticalDays" INTEGER NOT NULL DEFAULT 15,
    "highDays" INTEGER NOT NULL DEFAULT 30,
    "mediumDays" INTEGER NOT NULL DEFAULT 90,
    "lowDays" INTEGER NOT NULL DEFAULT 180,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RemediationPolicy_pkey" PRIMARY KEY ("projectId")
);

-- CreateTable
CREATE TABLE "GitlabIntegration" (
    "projectId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "GitlabIntegration_pkey" PRIMARY KEY ("projectId")
);

-- CreateIndex
CREATE UNIQUE INDEX "SecurityAlert_projectId_source_repo_number_key" ON "SecurityAlert"("projectId", "source", "repo", "number");

-- CreateIndex
CREATE INDEX "SecurityAlert_projectId_kind_closedAt_idx" ON "SecurityAlert"("projectId", "kind", "closedAt");

-- CreateIndex
CREATE INDEX "SecurityAlert_projectId_closedAt_idx" ON "SecurityAlert"("projectId", "closedAt");

-- AddForeignKey
ALTER TABLE "SecurityAlert" ADD CONSTRAINT "SecurityAlert_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RemediationPolicy" ADD CONSTRAINT "RemediationPolicy_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GitlabIntegration" ADD CONSTRAINT "GitlabIntegration_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Readiness reads both (an alert open past its deadline fails the controls of its kind): written by
-- hand, the readiness store's generation triggers (see 20261207071418_readiness_store).
SELECT readiness_watch('"SecurityAlert"', 'projectId');
SELECT readiness_watch('"RemediationPolicy"', 'projectId');
