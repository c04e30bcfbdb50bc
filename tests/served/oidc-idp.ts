// A real OpenID Provider for the SSO tests: `oidc-provider` (the certified Node implementation) on a
// loopback port, with its development login page (any password; the login is the account id), one
// confidential client for Proofline, and a groups claim in the ID token. Accounts live in a Map the test
// changes between sign-ins (groups changed, account removed).
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import Provider, { type Configuration, type KoaContextWithOIDC } from "oidc-provider";

export interface IdpAccount {
  email: string;
  name: string;
  groups: string[];
}

export interface TestIdp {
  issuer: string;
  clientId: string;
  clientSecret: string;
  accounts: Map<string, IdpAccount>;
  stop(): Promise<void>;
}

export const TEST_CLIENT_ID = "proofline-test";
export const TEST_CLIENT_SECRET = "proofline-test-client-secret-0123456789";

export async function startTestIdp(opts: { port: number; redirectUri: string }): Promise<TestIdp> {
  const issuer = `http://127.0.0.1:${opts.port}`;
  const clientId = TEST_CLIENT_ID;
  const clientSecret = TEST_CLIENT_SECRET;
  const accounts = new Map<string, IdpAccount>();
  const config: Configuration = {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [opts.redirectUri],
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"], groups: ["groups"] },
    scopes: ["openid", "email", "profile", "groups"],
    // Put the requested claims in the ID token (as Okta and Entra ID do for groups when configured to).
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    cookies: { keys: ["proofline-test-idp-cookie-key"] },
    features: { devInteractions: { enabled: true } },
    async findAccount(_ctx: KoaContextWithOIDC, id: string) {
      const account = accounts.get(id);
      if (!account) return undefined;
      return {
        accountId: id,
        claims: async () => ({
          sub: id,
          email: account.email,
          email_verified: true,
          name: account.name,
          groups: [...account.groups],
        }),
      };
    },
    // A first-party client: no consent screen.
    async loadExistingGrant(ctx: KoaContextWithOIDC) {
      const oidc = ctx.oidc;
      const grantId =
        oidc.result?.consent?.grantId ?? (oidc.client ? oidc.session?.grantIdFor(oidc.client.clientId) : undefined);
      if (grantId) return oidc.provider.Grant.find(grantId);
      const grant = new oidc.provider.Grant({ clientId: oidc.client!.clientId, accountId: oidc.session!.accountId! });
      grant.addOIDCScope("openid email profile groups");
      grant.addOIDCClaims(["email", "email_verified", "name", "groups"]);
      await grant.save();
      return grant;
    },
  };
  const provider = new Provider(issuer, config);
  const server: Server = provider.listen(opts.port, "127.0.0.1");
  await new Promise<void>((resolve, reject) => {
    server.once("listening", resolve);
    server.once("error", reject);
  });
  void (server.address() as AddressInfo);
  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
