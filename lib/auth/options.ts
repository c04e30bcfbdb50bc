import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { env } from "@/lib/env";
import { authorizeSignIn } from "@/lib/auth/authorize-sign-in";
import { endSession } from "@/lib/auth/end-session";

export { SIGN_IN_ERRORS } from "@/lib/auth/authorize-sign-in";

const ZCredentials = z.object({ email: z.string().trim().toLowerCase().min(3).max(320), password: z.string().min(1).max(500) });

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
        async authorize(raw, req) {
          const parsed = ZCredentials.safeParse(raw);
          if (!parsed.success) return null;
          return authorizeSignIn({ ...parsed.data, headers: req?.headers ?? {} });
        },
      }),
    ],
    events: {
      // Sign-out ends the session server-side too (the session version), not only the cookie.
      async signOut({ token }) {
        if (token?.sub && typeof token.sv === "number") await endSession({ userId: token.sub, sessionVersion: token.sv });
      },
    },
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
