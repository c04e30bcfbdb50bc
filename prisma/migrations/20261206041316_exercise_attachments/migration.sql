-- Exercise attachments get a table of their own (file name, type, size, sha256). The old array held
-- only the sha256 of the drill evidence an exercise came from, which "evidenceId" already names, so
-- dropping it loses nothing.
-- AlterTable
ALTER TABLE "RunbookExercise" DROP COLUMN "attachments";

-- CreateTable
CREATE TABLE "ExerciseAttachment" (
    "id" TEXT NOT NULL,
    "exerciseId" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "filename" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "uploadedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ExerciseAttachment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ExerciseAttachment_exerciseId_sha256_key" ON "ExerciseAttachment"("exerciseId", "sha256");

-- AddForeignKey
ALTER TABLE "ExerciseAttachment" ADD CONSTRAINT "ExerciseAttachment_exerciseId_fkey" FOREIGN KEY ("exerciseId") REFERENCES "RunbookExercise"("id") ON DELETE CASCADE ON UPDATE CASCADE;
