-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "retentionYears" INTEGER NOT NULL DEFAULT 3;
