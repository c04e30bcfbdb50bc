import type { Db } from "@/lib/db";
import { toCsv, type CsvCell } from "@/lib/core/http/csv";
import { MEMBER_COLUMNS, memberPage, membersByKey, type MemberRow } from "@/lib/audits/population-query";
import { parseDefinition } from "@/lib/audits/population-definition";

const PAGE = 5000;

function cells(row: MemberRow, columns: string[]): CsvCell[] {
  return columns.map((c) => {
    const v = row[c];
    return v instanceof Date || typeof v === "number" || typeof v === "string" || v === null || v === undefined
      ? (v as CsvCell)
      : String(v);
  });
}

/** Every member of a population in its stable order, as CSV chunks (one per few thousand rows). */
export async function* populationCsvChunks(db: Db, definition: unknown): AsyncGenerator<string> {
  const { filter, scope } = parseDefinition(definition);
  const columns = MEMBER_COLUMNS[filter.kind];
  yield toCsv(["position", "key", ...columns], []);
  let after: { at: Date; key: string; position: number } | undefined;
  for (;;) {
    const rows = await memberPage(db, filter, scope, after, PAGE);
    if (!rows.length) return;
    yield toCsv(
      null,
      rows.map((r) => [r.position, r.key, ...cells(r, columns)]),
    );
    const last = rows[rows.length - 1];
    after = { at: last.at, key: last.key, position: last.position };
    if (rows.length < PAGE) return;
  }
}

/** A sample's members in draw order, with their details, as CSV. */
export async function sampleCsv(
  db: Db,
  definition: unknown,
  sample: { seed: string; members: unknown },
): Promise<string> {
  const { filter, scope } = parseDefinition(definition);
  const columns = MEMBER_COLUMNS[filter.kind];
  const keys = (sample.members as string[]).map(String);
  const rows = new Map((await membersByKey(db, filter, scope, keys)).map((r) => [r.key, r]));
  return toCsv(
    ["draw", "key", "seed", ...columns],
    keys.map((key, i) => {
      const r = rows.get(key);
      return [i + 1, key, sample.seed, ...(r ? cells(r, columns) : columns.map(() => "(no longer present)"))];
    }),
  );
}

/** Collects the chunks (for the packet, where the CSV is hashed and zipped whole). */
export async function populationCsv(db: Db, definition: unknown): Promise<string> {
  let out = "";
  for await (const chunk of populationCsvChunks(db, definition)) out += chunk;
  return out;
}
