// Ids for rows written in bulk: sortable by creation (like the cuids Prisma makes), so that keyset
// pagination by id keeps document order for items created by one import.
import { randomBytes } from "node:crypto";

let last = 0;
let counter = 0;

export function sortableId(): string {
  const now = Date.now();
  counter = now === last ? counter + 1 : 0;
  last = now;
  return `c${now.toString(36).padStart(8, "0")}${counter.toString(36).padStart(4, "0")}${randomBytes(6).toString("hex")}`;
}
