// A control named by its key ("BCK-02") or id, for linking.
import type { Db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";

export async function findControl(db: Db, ref: string) {
  const control = await db.control.findFirst({
    where: { OR: [{ id: ref }, { key: ref.toUpperCase() }] },
    select: { id: true, key: true, title: true, archivedAt: true },
  });
  if (!control) throw new NotFoundError(`There is no control "${ref}" in the library.`);
  return control;
}
