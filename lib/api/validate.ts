import type { z } from "zod";
import { InvalidInputError } from "@/lib/errors";

/** Parses `value` with a zod schema; failures become one InvalidInputError naming every bad field. */
export function validate<S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => {
    const path = [where, ...issue.path.map(String)].filter(Boolean).join(".");
    const message = issue.code === "unrecognized_keys" ? `not recognised: ${issue.keys.join(", ")}` : issue.message;
    return { path, message };
  });
  throw new InvalidInputError(issues.map((i) => `${i.path}: ${i.message}`).join("; "), issues);
}
