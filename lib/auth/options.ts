import type { NextAuthOptions } from "next-auth";
import type { OAuthConfig } from "next-auth/providers/oauth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { env } from "@/lib/env";
import { authorizeSignIn, SignInRefused } from "@/lib/auth/authorize-sign-in";
import { endSession } from "@/lib/auth/end-session";
import { oidcSignIn } from "@/lib/auth/oidc-sign-in";
import { groupsFromClaim, ssoConfig, type SsoConfig } from "@/lib/auth/sso-config";

export { SIGN_IN_ERRORS } from "@/lib/auth/authorize-sign-in";

const ZCredentials = z.object({
  email: z.string().trim().toLowerCase().min(3).max(320),
  password: z.string().min(1).max(500),
});

/** The provider id of single sign-on (the sign-in button calls signIn(OIDC_PROVIDER_ID)). */
export const OIDC_PROVIDER_ID = "oidc";

type Claims = Record<string, unknown> & { sub: string };

/**
 * next-auth's generic OAuth provider, driven by the provider's discovery document: authorization code
 * flow with PKCE, state and nonce, and the ID token checked (signature, issuer, audience, expiry). The
 * claims come from the ID token; when the groups claim is not in it (some providers put it only in
 * userinfo), userinfo is asked too.
 */
function oidcProvider(cfg: SsoConfig): OAuthConfig<Claims> {
  return {
    id: OIDC_PROVIDER_ID,
    name: cfg.displayName,
    type: "oauth",
    wellKnown: `${cfg.issuer}/.well-known/openid-configuration`,
    clientId: cfg.clientId,
    clientSecret: cfg.clientSecret,
    authorization: { params: { scope: cfg.scopes } },
    checks: ["pkce", "state", "nonce"],
    idToken: true,
    userinfo: {
      async request({ client, tokens }) {
        // next-auth passes openid-client's TokenSet (its type says only the parameters).
        const set = tokens as unknown as { claims(): Claims; access_token?: string };
        const claims = set.claims();
        if (cfg.groupsClaim in claims || !set.access_token) return claims;
        const extra = (await client.userinfo(set as never)) as Record<string, unknown>;
        return { ...extra, ...claims, [cfg.groupsClaim]: extra[cfg.groupsClaim] };
      },
    },
    profile(claims) {
      return {
        id: claims.sub,
        email: typeof claims.email === "string" ? claims.email : null,
        name: typeof claims.name === "string" ? claims.name : null,
      };
    },
  };
}

export function authOptions(): NextAuthOptions {
  const maxAge = env().SESSION_MAX_AGE_SECONDS;
  const sso = ssoConfig();
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
      ...(sso ? [oidcProvider(sso)] : []),
    ],
    events: {
      // Sign-out ends the session server-side too (the session version), not only the cookie.
      async signOut({ token }) {
        if (token?.sub && typeof token.sv === "number")
          await endSession({ userId: token.sub, sessionVersion: token.sv });
      },
    },
    callbacks: {
      // After the provider has authenticated someone: provision, map the role, or refuse (lib/auth/oidc-sign-in.ts).
      // The user object becomes the session's: its id is swapped for Proofline's user id.
      async signIn({ user, account, profile }) {
        if (account?.provider !== OIDC_PROVIDER_ID) return true;
        if (!sso || !profile) return `/signin?error=${encodeURIComponent("OAuthCallback")}`;
        const claims = profile as unknown as Claims;
        try {
          const signedIn = await oidcSignIn({
            issuer: sso.issuer,
            claims,
            groups: groupsFromClaim(claims[sso.groupsClaim]),
            roleMap: sso.roleMap,
          });
          Object.assign(user, { id: signedIn.id, email: signedIn.email, name: signedIn.name, sv: signedIn.sv });
          return true;
        } catch (err) {
          if (err instanceof SignInRefused) return `/signin?error=${encodeURIComponent(err.code)}`;
          throw err;
        }
      },
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
