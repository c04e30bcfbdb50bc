// The project tokens API's answers as the browser receives them (app/api/v1/projects/[slug]/tokens).
import type { ResponseOf } from "@/lib/dto/serialized";
import type { listTokens } from "@/lib/tokens/list-tokens";
import type { createToken } from "@/lib/tokens/create-token";

/** GET /api/v1/projects/[slug]/tokens; the tokens page hands the same over as initial data. */
export type TokensDto = ResponseOf<typeof listTokens>;
/** POST /api/v1/projects/[slug]/tokens (carries the secret, once) */
export type CreatedTokenDto = ResponseOf<typeof createToken>;
