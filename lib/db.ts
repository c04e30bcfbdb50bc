import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/prisma/client";
import { databaseUrl, env } from "@/lib/env";
import { appPoolConfig } from "@/lib/db-role";

// Created on first use, not at import: `next build` imports route modules and must not need a
// database. One client per process, surviving dev hot reloads.
const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

function client(): PrismaClient {
  // Every connection works as the app role (lib/db-role.ts): append-only rights on the activity trail.
  return (globalForPrisma.prisma ??= new PrismaClient({
    adapter: new PrismaPg(appPoolConfig(databaseUrl(), env().DATABASE_POOL_MAX)),
    // Under load, more requests want a transaction than the pool has connections: they queue for one.
    // Prisma's default is to give up after 2 s (a 500); a request waits up to 10 s instead, and a
    // transaction (which may wait on the activity chain's lock) may take up to 15 s.
    transactionOptions: { maxWait: 10_000, timeout: 15_000 },
  }));
}

export const prisma = new Proxy({} as PrismaClient, {
  get(_target, prop) {
    const c = client();
    const value = Reflect.get(c, prop, c);
    return typeof value === "function" ? value.bind(c) : value;
  },
});

export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
export type Db = PrismaClient | Tx;

export async function disconnectDb(): Promise<void> {
  if (globalForPrisma.prisma) {
    await globalForPrisma.prisma.$disconnect();
    globalForPrisma.prisma = undefined;
  }
}
