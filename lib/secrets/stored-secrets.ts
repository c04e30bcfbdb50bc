// Every secret Proofline stores and must read back, sealed with lib/secret-box.ts. A new one is added
// here (its table, key column, secret column), so that `npm run secrets:rotate` and the release step
// re-seal it too. Hashed secrets (API tokens, SCIM tokens, the GitLab webhook token) are not listed:
// they are only compared, never read back.

export interface StoredSecretColumn {
  /** Table and column, as in SQL. */
  table: string;
  idColumn: string;
  column: string;
}

export const STORED_SECRETS: StoredSecretColumn[] = [
  { table: "GithubIntegration", idColumn: "projectId", column: "webhookSecret" },
];

/** What a sealed value is bound to: its table, column and row (a value moved elsewhere does not open). */
export function secretContext(c: Pick<StoredSecretColumn, "table" | "column">, id: string): string {
  return `${c.table}.${c.column}:${id}`;
}

export const githubSecretContext = (projectId: string) => secretContext(STORED_SECRETS[0], projectId);
