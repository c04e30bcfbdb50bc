-- DropIndex
DROP INDEX "Evidence_projectId_effectiveAt_id_idx";

-- DropIndex
DROP INDEX "Evidence_projectId_kind_effectiveAt_idx";

-- DropIndex
DROP INDEX "Evidence_projectId_outcome_effectiveAt_idx";

-- AlterTable
ALTER TABLE "Evidence" ADD COLUMN     "subject" TEXT;

-- CreateIndex
CREATE INDEX "Evidence_projectId_effectiveAt_id_idx" ON "Evidence"("projectId", "effectiveAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Evidence_projectId_kind_effectiveAt_id_idx" ON "Evidence"("projectId", "kind", "effectiveAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Evidence_projectId_outcome_effectiveAt_id_idx" ON "Evidence"("projectId", "outcome", "effectiveAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Evidence_projectId_sourceRepo_effectiveAt_id_idx" ON "Evidence"("projectId", "sourceRepo", "effectiveAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "EvidenceControl_projectId_controlId_effectiveAt_evidenceId_idx" ON "EvidenceControl"("projectId", "controlId", "effectiveAt" DESC, "evidenceId" DESC);

-- CreateIndex
CREATE INDEX "EvidenceControl_ruleId_idx" ON "EvidenceControl"("ruleId");
