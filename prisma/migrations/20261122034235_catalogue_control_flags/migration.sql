-- AlterTable
ALTER TABLE "Control" ADD COLUMN     "customisedAt" TIMESTAMP(3),
ADD COLUMN     "starter" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE INDEX "Control_ownerId_idx" ON "Control"("ownerId");

-- CreateIndex
CREATE INDEX "Control_frequency_idx" ON "Control"("frequency");

-- CreateIndex
CREATE INDEX "Control_archivedAt_idx" ON "Control"("archivedAt");

-- CreateIndex
CREATE INDEX "ProjectControl_controlId_idx" ON "ProjectControl"("controlId");
