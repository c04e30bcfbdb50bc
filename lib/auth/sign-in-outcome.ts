import { AsyncLocalStorage } from "node:async_hooks";

// next-auth passes only an error's message from `authorize` to its response. The auth route runs
// each request inside this store so that a refusal's Retry-After reaches the HTTP response.
export const signInOutcome = new AsyncLocalStorage<{ retryAfterSeconds?: number }>();
