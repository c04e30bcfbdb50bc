import { z } from "zod";
import { InvalidInputError } from "@/lib/errors";

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Query fields shared by every cursor-paginated list. */
export const ZPageQuery = {
  cursor: z.string().max(1000).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
};

export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

export function decodeCursor<S extends z.ZodType>(cursor: string | undefined, schema: S): z.output<S> | undefined {
  if (!cursor) return undefined;
  try {
    const parsed = schema.safeParse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
    if (parsed.success) return parsed.data;
  } catch {
    // fall through
  }
  throw new InvalidInputError("The cursor is not valid; start again from the first page.", [
    { path: "query.cursor", message: "not valid" },
  ]);
}

/** Given `limit + 1` rows, returns the page and the cursor for the next one. */
export function toPage<T>(rows: T[], limit: number, cursorOf: (last: T) => unknown): Page<T> {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? encodeCursor(cursorOf(items[items.length - 1])) : null };
}
