#!/bin/sh
# Stand-in for Prisma's native schema engine, which Prisma 7 would download (unreachable offline).
# `prisma generate` only checks that the file exists; migrations run through scripts/db.ts.
echo "The native Prisma schema engine is not used here: run 'npm run db:migrate' (scripts/db.ts)." >&2
exit 1
