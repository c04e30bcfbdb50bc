// The project tokens and webhook credentials APIs' answers as the browser receives them
// (app/api/v1/projects/[slug]/tokens, /github/secret, /gitlab/token).
import type { ResponseOf } from "@/lib/dto/serialized";
import type { listTokens } from "@/lib/tokens/list-tokens";
import type { createToken } from "@/lib/tokens/create-token";
import type { getGitlabStatus } from "@/lib/evidence/get-gitlab-status";
import type { setGitlabToken } from "@/lib/evidence/set-gitlab-token";
import type { setGithubSecret } from "@/lib/evidence/set-github-secret";

/** GET /api/v1/projects/[slug]/tokens; the tokens page hands the same over as initial data. */
export type TokensDto = ResponseOf<typeof listTokens>;
/** POST /api/v1/projects/[slug]/tokens (carries the secret, once) */
export type CreatedTokenDto = ResponseOf<typeof createToken>;

/** The project's GitLab webhook (is a token set, since when); the tokens page hands it over serialised. */
export type GitlabStatusDto = ResponseOf<typeof getGitlabStatus>;
/** POST /api/v1/projects/[slug]/gitlab/token (carries the token, once) */
export type GitlabTokenDto = ResponseOf<typeof setGitlabToken>;
/** POST /api/v1/projects/[slug]/github/secret (carries the secret, once) */
export type GithubSecretDto = ResponseOf<typeof setGithubSecret>;
