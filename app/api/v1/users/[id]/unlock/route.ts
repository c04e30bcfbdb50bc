import { z } from "zod";
import { defineRoute } from "@/lib/api/handler";
import { unlockUser } from "@/lib/users/unlock-user";

/** Lifts the sign-in throttle's locks on the user's account (admins). */
export const POST = defineRoute(
  { auth: "session", permission: "user:manage", params: z.strictObject({ id: z.string().min(1).max(64) }) },
  async ({ ctx, params }) => unlockUser({ ctx, userId: params.id }),
);
