-- DropIndex
DROP INDEX "AuditorGrant_userId_idx";

-- DropIndex
DROP INDEX "EvidenceRequest_auditId_status_idx";

-- AlterTable
ALTER TABLE "EvidenceRequest" ADD COLUMN     "answeredAt" TIMESTAMP(3),
ADD COLUMN     "reviewedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "EvidenceRequestComment" ADD COLUMN     "kind" TEXT NOT NULL DEFAULT 'comment';

-- AlterTable
ALTER TABLE "Packet" ADD COLUMN     "dataAsOf" TIMESTAMP(3),
ADD COLUMN     "jobId" TEXT;

-- AlterTable
ALTER TABLE "Population" ADD COLUMN     "controlId" TEXT,
ADD COLUMN     "digest" TEXT NOT NULL;

-- AlterTable
ALTER TABLE "Sample" ADD COLUMN     "populationDigest" TEXT NOT NULL,
ADD COLUMN     "populationSize" INTEGER NOT NULL;

-- CreateIndex
CREATE INDEX "Audit_status_idx" ON "Audit"("status");

-- CreateIndex
CREATE INDEX "AuditorGrant_userId_expiresAt_idx" ON "AuditorGrant"("userId", "expiresAt");

-- CreateIndex
CREATE INDEX "EvidenceRequest_auditId_status_createdAt_idx" ON "EvidenceRequest"("auditId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "EvidenceRequest_auditId_createdAt_id_idx" ON "EvidenceRequest"("auditId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "EvidenceRequest_ownerId_idx" ON "EvidenceRequest"("ownerId");

-- CreateIndex
CREATE INDEX "Population_auditId_createdAt_idx" ON "Population"("auditId", "createdAt");

-- CreateIndex
CREATE INDEX "Sample_populationId_createdAt_idx" ON "Sample"("populationId", "createdAt");
