-- CreateTable
CREATE TABLE "ActivitySignedHead" (
    "id" BIGSERIAL NOT NULL,
    "eventId" BIGINT NOT NULL,
    "hash" TEXT NOT NULL,
    "signedAt" TIMESTAMP(3) NOT NULL,
    "signature" TEXT NOT NULL,
    "keyFingerprint" TEXT NOT NULL,

    CONSTRAINT "ActivitySignedHead_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ActivityTrailCheck" (
    "id" BIGSERIAL NOT NULL,
    "checkedAt" TIMESTAMP(3) NOT NULL,
    "ok" BOOLEAN NOT NULL,
    "checked" INTEGER NOT NULL,
    "eventId" BIGINT,
    "reason" TEXT,

    CONSTRAINT "ActivityTrailCheck_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ActivitySignedHead_eventId_key" ON "ActivitySignedHead"("eventId");

-- CreateIndex
CREATE INDEX "ActivitySignedHead_signedAt_idx" ON "ActivitySignedHead"("signedAt");

-- CreateIndex
CREATE INDEX "ActivityTrailCheck_checkedAt_idx" ON "ActivityTrailCheck"("checkedAt");
