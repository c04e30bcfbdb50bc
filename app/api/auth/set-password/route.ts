import { defineRoute } from "@/lib/api/handler";
import { requestNow } from "@/lib/clock";
import { ZSetPassword } from "@/lib/schemas/identity";
import { setPasswordWithLink } from "@/lib/users/set-password-with-link";

// POST /api/auth/set-password { token, password }: public on purpose; the one-time link's token is the credential.
export const POST = defineRoute({ auth: "public", body: ZSetPassword }, async ({ body, requestId }) =>
  setPasswordWithLink({ data: body, now: await requestNow(), requestId }),
);
