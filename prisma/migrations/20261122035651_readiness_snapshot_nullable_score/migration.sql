-- AlterTable
ALTER TABLE "ScoreSnapshot" ALTER COLUMN "score" DROP NOT NULL;

-- CreateIndex
CREATE INDEX "ScoreSnapshot_day_idx" ON "ScoreSnapshot"("day");
