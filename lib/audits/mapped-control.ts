import { prisma } from "@/lib/db";
import type { Prisma } from "@/generated/prisma/client";
import { InvalidInputError } from "@/lib/errors";

/** The live controls mapped to a requirement of the audit's framework: what requests and populations may name. */
export function mappedControlWhere(frameworkId: string) {
  return {
    archivedAt: null,
    mappings: { some: { requirement: { frameworkId } } },
  } satisfies Prisma.ControlWhereInput;
}

/** The id of the control `controlKey` mapped to the framework; 422 on `controlKey` when there is none. */
export async function mappedControlId(frameworkId: string, controlKey: string): Promise<string> {
  const control = await prisma.control.findFirst({
    where: { key: controlKey, ...mappedControlWhere(frameworkId) },
    select: { id: true },
  });
  if (!control)
    throw new InvalidInputError(`controlKey: no control "${controlKey}" is mapped to this audit's framework`, [
      { path: "controlKey", message: `No control "${controlKey}" is mapped to this audit's framework` },
    ]);
  return control.id;
}
