// oidc-provider 9 ships no type declarations; the SSO tests use a small part of it (tests/served/oidc-idp.ts).
declare module "oidc-provider" {
  import type { Server } from "node:http";
  interface Grant {
    addOIDCScope(scope: string): void;
    addOIDCClaims(claims: string[]): void;
    save(): Promise<string>;
  }
  interface OidcContext {
    oidc: {
      result?: { consent?: { grantId?: string } };
      client?: { clientId: string };
      session?: { accountId?: string; grantIdFor(clientId: string): string | undefined };
      provider: {
        Grant: {
          new (init: { clientId: string; accountId: string }): Grant;
          find(id: string): Promise<Grant | undefined>;
        };
      };
    };
  }
  export type KoaContextWithOIDC = OidcContext;
  export type Configuration = Record<string, unknown>;
  export default class Provider {
    constructor(issuer: string, configuration: Configuration);
    listen(port: number, host: string): Server;
  }
}
