import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { prisma } from "@/lib/db";
import { env } from "@/lib/env";
import { verifyPassword } from "@/lib/auth/password";
import { recordSignIn } from "@/lib/auth/record-sign-in";
import { failedAttempts } from "@/lib/auth/throttle";

// Error codes the sign-in page turns into sentences (components/auth/sign-in-form.tsx).
export const SIGN_IN_ERRORS = {
  invalid: "CredentialsSignin",
  deactivated: "AccountDeactivated",
  throttled: "TooManyAttempts",
} as const;

const ZCredentials = z.object({ email: z.string().trim().toLowerCase().min(3).max(320), password: z.string().min(1).max(500) });

// Compared against when the email is unknown, so that a miss costs as long as a wrong password.
const DUMMY_HASH = "scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

export function authOptions(): NextAuthOptions {
  const maxAge = env().SESSION_MAX_AGE_SECONDS;
  return {
    secret: env().NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge },
    jwt: { maxAge },
    pages: { signIn: "/signin", error: "/signin" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(raw) {
          const parsed = ZCredentials.safeParse(raw);
          if (!parsed.success) return null;
          const { email, password } = parsed.data;
          if (failedAttempts.blocked(email)) throw new Error(SIGN_IN_ERRORS.throttled);
          const user = await prisma.user.findUnique({ where: { email } });
          const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
          if (!user || !ok) {
            failedAttempts.fail(email);
            return null;
          }
          if (!user.active) throw new Error(SIGN_IN_ERRORS.deactivated);
          failedAttempts.clear(email);
          await recordSignIn(user.id);
          return { id: user.id, email: user.email, name: user.name, sv: user.sessionVersion };
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
          token.sub = user.id;
          token.sv = (user as { sv?: number }).sv ?? 0;
        }
        return token;
      },
      async session({ session, token }) {
        return { ...session, user: { ...session.user, id: token.sub } };
      },
    },
  };
}
