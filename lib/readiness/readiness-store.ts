// The readiness store: computeReadiness' answers, remembered in PostgreSQL per (project, framework)
// and per (project, control). It never scores anything itself. A stored answer is used for a moment
// `at` only when
//  - the generations it was computed at are still current: triggers on every table readiness reads
//    bump the project's generation (or the shared catalogue's) in the writing transaction
//    (prisma/migrations/20261207071418_readiness_store), and
//  - computedAt <= at < validUntil: time alone changes nothing in between (next-change.ts).
// Within those bounds the rules' answer differs only in `at`, which the caller supplies.
// docs/adr/0019-readiness-store.md explains the choice; readiness-store.int.test.ts is its property test.
import { Prisma } from "@/generated/prisma/client";
import { prisma } from "@/lib/db";
import { naturalOrder } from "@/lib/readiness/order";
import type { ControlResult, FrameworkResult, ReadinessFacts, ReadinessResult } from "@/lib/readiness/types";

/** The generations an answer is computed at, read before its facts are gathered. */
export interface StoreGenerations {
  project: bigint;
  catalogue: bigint;
}

/**
 * Where an answer holds: computed at these generations, and the same (but for `at`) for every moment
 * in [from, until) (epoch milliseconds; until may be Infinity) while they stay current.
 */
export interface StoreValidity {
  generations: StoreGenerations;
  from: number;
  until: number;
}

/** The stored answer (null when some part of it is missing or no longer valid), and the current generations. */
export interface StoredLookup {
  result: ReadinessResult | null;
  generations: StoreGenerations;
  /** Set with a result: where it holds. */
  validity?: StoreValidity;
}

export function sameGenerations(a: StoreGenerations, b: StoreGenerations): boolean {
  return a.project === b.project && a.catalogue === b.catalogue;
}

/** Whether an answer of this validity still answers for `at`, given the current generations. */
export function holdsAt(validity: StoreValidity, current: StoreGenerations | undefined, at: Date): boolean {
  return (
    current !== undefined &&
    sameGenerations(validity.generations, current) &&
    validity.from <= at.getTime() &&
    at.getTime() < validity.until
  );
}

/** The current generations of several projects (and the catalogue's), in one query. */
export async function readGenerations(projectIds: string[]): Promise<Map<string, StoreGenerations>> {
  const rows = await prisma.$queryRaw<Array<{ id: string; pgen: bigint; cgen: bigint }>>`
    SELECT ids.id, COALESCE(g.generation, 0) AS pgen, COALESCE((SELECT generation FROM "ReadinessGeneration" WHERE scope = '*'), 0) AS cgen
    FROM unnest(${projectIds}::text[]) AS ids(id) LEFT JOIN "ReadinessGeneration" g ON g.scope = ids.id`;
  return new Map(rows.map((r) => [r.id, { project: BigInt(r.pgen), catalogue: BigInt(r.cgen) }]));
}

// Every Date in a ReadinessResult sits under one of these keys (types.ts); JSON keeps them as ISO strings.
const DATE_KEYS = new Set([
  "at",
  "effectiveAt",
  "collectedAt",
  "expiresAt",
  "expiredAt",
  "openedAt",
  "performedAt",
  "dueAt",
  "lastPerformedAt",
]);

function reviveDates(_key: string, value: unknown): unknown {
  return typeof value === "string" && DATE_KEYS.has(_key) ? new Date(value) : value;
}

interface FrameworkRow {
  pgen: bigint;
  cgen: bigint;
  frameworkId: string;
  result: string | null;
  controlIds: string[] | null;
  computedAt: Date | null;
  validUntil: Date | null;
}

/**
 * The last parsed answers of this process, per project and framework selection: an answer is the same
 * object for every `at` in [from, until) while the generations stay the same, so it is reused (as a
 * copy: callers may change what they get) after checking only the generations.
 */
interface MemoEntry extends StoreValidity {
  answer: Omit<ReadinessResult, "at">;
}
const MEMO = new Map<string, MemoEntry>();
const MEMO_MAX = 256;

/** The process's copy is frozen, so that a caller given it to read (`shared`) cannot change it for the next. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/**
 * The stored answer for the project's frameworks (all, or those keyed) at `at`, when every part of it
 * is valid; otherwise the generations to store a fresh computation under. A framework key the project
 * is not assessed against is a miss, so that the computation explains it. A caller that only reads the
 * answer may ask for the process's own (frozen) copy with `shared`; others get a copy of their own.
 */
export async function readStoredReadiness(opts: {
  projectId: string;
  at: Date;
  frameworkKeys?: string[];
  shared?: boolean;
}): Promise<StoredLookup> {
  const { projectId, at } = opts;
  const keys = opts.frameworkKeys ?? null;
  // The process's own copy first: one tiny query for the generations, no rows read or parsed.
  const memoKey = `${projectId}|${keys?.join(",") ?? "*"}`;
  const memo = MEMO.get(memoKey);
  if (memo) {
    const [g] = await prisma.$queryRaw<Array<{ pgen: bigint; cgen: bigint }>>`
      SELECT COALESCE((SELECT generation FROM "ReadinessGeneration" WHERE scope = ${projectId}), 0) AS pgen,
             COALESCE((SELECT generation FROM "ReadinessGeneration" WHERE scope = '*'), 0) AS cgen`;
    const generations = { project: BigInt(g.pgen), catalogue: BigInt(g.cgen) };
    if (holdsAt(memo, generations, at)) {
      MEMO.delete(memoKey);
      MEMO.set(memoKey, memo); // most recently used last
      const answer = opts.shared ? memo.answer : structuredClone(memo.answer);
      return { generations, result: { at, ...answer }, validity: { generations, from: memo.from, until: memo.until } };
    }
  }
  const rows = await prisma.$queryRaw<FrameworkRow[]>`
    WITH g AS (
      SELECT COALESCE((SELECT generation FROM "ReadinessGeneration" WHERE scope = ${projectId}), 0) AS pgen,
             COALESCE((SELECT generation FROM "ReadinessGeneration" WHERE scope = '*'), 0) AS cgen
    )
    SELECT g.pgen, g.cgen, f.id AS "frameworkId", s.result::text AS result, s."controlIds", s."computedAt", s."validUntil"
    FROM g
    LEFT JOIN ("ProjectFramework" pf JOIN "Framework" f ON f.id = pf."frameworkId")
      ON pf."projectId" = ${projectId} AND (${keys}::text[] IS NULL OR f.key = ANY(${keys}::text[]))
    LEFT JOIN "ReadinessStoredFramework" s
      ON s."projectId" = ${projectId} AND s."frameworkId" = f.id AND s."projectGen" = g.pgen AND s."catalogueGen" = g.cgen
     AND s."computedAt" <= ${at} AND (s."validUntil" IS NULL OR s."validUntil" > ${at})
    ORDER BY f.key`;
  const generations = { project: BigInt(rows[0].pgen), catalogue: BigInt(rows[0].cgen) };
  const frameworks = rows.filter((r) => r.frameworkId !== null);
  const found = new Set(frameworks.map((r) => r.frameworkId));
  if (keys && keys.length !== found.size) return { result: null, generations };
  if (frameworks.some((r) => r.result === null)) return { result: null, generations };

  const controlIds = [...new Set(frameworks.flatMap((r) => r.controlIds ?? []))];
  const controls = controlIds.length
    ? await prisma.$queryRaw<Array<{ result: string; computedAt: Date; validUntil: Date | null }>>`
        SELECT result::text AS result, "computedAt", "validUntil" FROM "ReadinessStoredControl"
        WHERE "projectId" = ${projectId} AND "controlId" = ANY(${controlIds}::text[])
          AND "projectGen" = ${generations.project} AND "catalogueGen" = ${generations.catalogue}
          AND "computedAt" <= ${at} AND ("validUntil" IS NULL OR "validUntil" > ${at})`
    : [];
  if (controls.length !== controlIds.length) return { result: null, generations };
  const controlResults = controls
    .map((c) => JSON.parse(c.result, reviveDates) as ControlResult)
    .sort((a, b) => naturalOrder(a.key, b.key));
  // Keys in evaluateReadiness' order, so that a stored answer serialises exactly like a fresh one.
  const answer = {
    controls: controlResults,
    frameworks: frameworks.map((r) => JSON.parse(r.result!, reviveDates) as FrameworkResult),
  };
  const spans = [...frameworks, ...controls] as Array<{ computedAt: Date | null; validUntil: Date | null }>;
  const validity: StoreValidity = {
    generations,
    from: Math.max(...spans.map((r) => r.computedAt?.getTime() ?? 0)),
    until: Math.min(...spans.map((r) => r.validUntil?.getTime() ?? Infinity)),
  };
  MEMO.delete(memoKey);
  MEMO.set(memoKey, { ...validity, answer: deepFreeze(structuredClone(answer)) });
  if (MEMO.size > MEMO_MAX) MEMO.delete(MEMO.keys().next().value!);
  return { generations, result: { at, ...answer }, validity };
}

/** The controls each framework's result reads: those mapped to its requirements (current, and retired ancestors). */
function controlsByFramework(facts: ReadinessFacts): Map<string, string[]> {
  return new Map(
    facts.frameworks.map((fw) => [fw.id, [...new Set(fw.requirements.flatMap((r) => r.controlIds))].sort()]),
  );
}

/**
 * Remembers a fresh answer. A row is replaced only by one computed at the same or newer generations,
 * and at a later moment unless the row it replaces is stale: an "as of" question about the past
 * never evicts the answer for now.
 */
export async function storeReadiness(opts: {
  projectId: string;
  facts: ReadinessFacts;
  result: ReadinessResult;
  generations: StoreGenerations;
  validUntil: Date | null;
}): Promise<void> {
  const { projectId, facts, result, generations, validUntil } = opts;
  const byFramework = controlsByFramework(facts);
  const frameworks = result.frameworks.map((fw) => ({
    frameworkId: fw.frameworkId,
    controlIds: byFramework.get(fw.frameworkId) ?? [],
    score: fw.score,
    met: fw.met,
    applicable: fw.applicable,
    result: fw,
  }));
  const controls = [...result.controls]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((c) => ({ controlId: c.id, state: c.state, result: c }));
  const common = Prisma.sql`${projectId}, ${generations.project}::bigint, ${generations.catalogue}::bigint, ${result.at}::timestamp(3), ${validUntil}::timestamp(3)`;
  const replaceIf = (t: string) =>
    Prisma.raw(`WHERE EXCLUDED."projectGen" >= ${t}."projectGen" AND EXCLUDED."catalogueGen" >= ${t}."catalogueGen"
      AND (EXCLUDED."projectGen" > ${t}."projectGen" OR EXCLUDED."catalogueGen" > ${t}."catalogueGen"
           OR EXCLUDED."computedAt" >= ${t}."computedAt" OR ${t}."validUntil" <= EXCLUDED."computedAt")`);
  if (frameworks.length) {
    await prisma.$executeRaw`
      INSERT INTO "ReadinessStoredFramework" AS s ("projectId", "projectGen", "catalogueGen", "computedAt", "validUntil", "frameworkId", "controlIds", score, met, applicable, result)
      SELECT ${common}, x."frameworkId", ARRAY(SELECT json_array_elements_text(x."controlIds")), x.score, x.met, x.applicable, x.result
      FROM json_to_recordset(${JSON.stringify(frameworks)}::json) AS x("frameworkId" text, "controlIds" json, score float8, met int, applicable int, result json)
      ORDER BY x."frameworkId"
      ON CONFLICT ("projectId", "frameworkId") DO UPDATE SET "projectGen" = EXCLUDED."projectGen", "catalogueGen" = EXCLUDED."catalogueGen",
        "computedAt" = EXCLUDED."computedAt", "validUntil" = EXCLUDED."validUntil", "controlIds" = EXCLUDED."controlIds",
        score = EXCLUDED.score, met = EXCLUDED.met, applicable = EXCLUDED.applicable, result = EXCLUDED.result
      ${replaceIf("s")}`;
  }
  if (controls.length) {
    await prisma.$executeRaw`
      INSERT INTO "ReadinessStoredControl" AS s ("projectId", "projectGen", "catalogueGen", "computedAt", "validUntil", "controlId", state, result)
      SELECT ${common}, x."controlId", x.state, x.result
      FROM json_to_recordset(${JSON.stringify(controls)}::json) AS x("controlId" text, state text, result json)
      ORDER BY x."controlId"
      ON CONFLICT ("projectId", "controlId") DO UPDATE SET "projectGen" = EXCLUDED."projectGen", "catalogueGen" = EXCLUDED."catalogueGen",
        "computedAt" = EXCLUDED."computedAt", "validUntil" = EXCLUDED."validUntil", state = EXCLUDED.state, result = EXCLUDED.result
      ${replaceIf("s")}`;
  }
}
