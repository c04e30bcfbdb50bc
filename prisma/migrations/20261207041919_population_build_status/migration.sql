-- CreateEnum
CREATE TYPE "PopulationStatus" AS ENUM ('QUEUED', 'RUNNING', 'READY', 'FAILED');

-- AlterTable
ALTER TABLE "Population" ADD COLUMN     "error" TEXT,
ADD COLUMN     "finishedAt" TIMESTAMP(3),
ADD COLUMN     "jobId" TEXT,
ADD COLUMN     "status" "PopulationStatus" NOT NULL DEFAULT 'READY';
