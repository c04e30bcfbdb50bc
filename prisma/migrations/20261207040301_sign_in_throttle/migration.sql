-- CreateTable
CREATE TABLE "SignInThrottle" (
    "key" TEXT NOT NULL,
    "account" TEXT,
    "count" INTEGER NOT NULL,
    "windowEndsAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SignInThrottle_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "SignInThrottle_account_idx" ON "SignInThrottle"("account");

-- CreateIndex
CREATE INDEX "SignInThrottle_windowEndsAt_idx" ON "SignInThrottle"("windowEndsAt");
