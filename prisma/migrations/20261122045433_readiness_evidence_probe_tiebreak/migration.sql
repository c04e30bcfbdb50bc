-- DropIndex
DROP INDEX "EvidenceControl_projectId_controlId_kind_effectiveAt_idx";

-- CreateIndex
CREATE INDEX "EvidenceControl_projectId_controlId_kind_effectiveAt_eviden_idx" ON "EvidenceControl"("projectId", "controlId", "kind", "effectiveAt" DESC, "evidenceId" DESC);
