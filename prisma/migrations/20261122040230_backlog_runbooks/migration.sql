-- DropIndex
DROP INDEX "BacklogItem_projectId_status_priority_idx";

-- AlterTable
ALTER TABLE "AcceptanceCriterion" ADD COLUMN     "depth" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "BacklogItem" ADD COLUMN     "documentVersionId" TEXT,
ADD COLUMN     "priorityRank" INTEGER NOT NULL DEFAULT 5;

-- AlterTable
ALTER TABLE "DocumentVersion" ADD COLUMN     "format" TEXT NOT NULL,
ADD COLUMN     "reflowed" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "PullRequest" ADD COLUMN     "detailsSource" TEXT NOT NULL DEFAULT 'manual';

-- AlterTable
ALTER TABLE "Runbook" ADD COLUMN     "documentVersionId" TEXT;

-- AlterTable
ALTER TABLE "RunbookControl" ADD COLUMN     "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- AlterTable
ALTER TABLE "SourceDocument" ADD COLUMN     "filename" TEXT;

-- CreateIndex
CREATE INDEX "BacklogItem_projectId_status_priorityRank_id_idx" ON "BacklogItem"("projectId", "status", "priorityRank", "id");

-- CreateIndex
CREATE INDEX "BacklogItem_projectId_priorityRank_id_idx" ON "BacklogItem"("projectId", "priorityRank", "id");

-- CreateIndex
CREATE INDEX "BacklogItem_priorityRank_id_idx" ON "BacklogItem"("priorityRank", "id");

-- CreateIndex
CREATE INDEX "BacklogItem_projectId_ownerId_idx" ON "BacklogItem"("projectId", "ownerId");

-- CreateIndex
CREATE INDEX "DocumentVersion_documentId_importedAt_idx" ON "DocumentVersion"("documentId", "importedAt");

-- CreateIndex
CREATE INDEX "Runbook_documentId_idx" ON "Runbook"("documentId");

-- CreateIndex
CREATE INDEX "SourceDocument_projectId_updatedAt_idx" ON "SourceDocument"("projectId", "updatedAt");

-- AddForeignKey
ALTER TABLE "BacklogItem" ADD CONSTRAINT "BacklogItem_documentVersionId_fkey" FOREIGN KEY ("documentVersionId") REFERENCES "DocumentVersion"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Runbook" ADD CONSTRAINT "Runbook_documentVersionId_fkey" FOREIGN KEY ("documentVersionId") REFERENCES "DocumentVersion"("id") ON DELETE SET NULL ON UPDATE CASCADE;
