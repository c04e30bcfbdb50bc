// Node flags and environment for the production web server, wherever it is started (npm start, the
// served test tier, bench:ingest). Measured through `next start` (docs/adr/0007-request-bodies-bypass-the-proxy.md):
// with V8's defaults the server idles at ~220 MB and a 300 MB JSON Lines push took it to ~390 MB,
// because V8 lets a 16 MB-per-semi-space young generation and an uncapped old space fill with the
// garbage of streaming (chunks, parsed lines) before collecting. A 2 MB semi-space and a capped old
// space keep the same push near 250 MB (idle ~200 MB); the live heap of the server is far below the
// cap. Two malloc arenas instead of one per thread trim another ~10 MB. `next dev` keeps the defaults.
// The price is CPU: with 2 MB, a quarter of a busy server's time is garbage collection. An 8 MB
// semi-space cut the server's CPU per dashboard request by about 20% (20 projects, 1,500 requests),
// but the web server peaked at 284 and 291 MB in two runs of the served tier's 300 MB pushes (bound:
// 300 MB; 2026-12-07, a loaded machine), so it stays at 2 MB until uploads need less memory.
export const WEB_SERVER_NODE_FLAGS = ["--max-old-space-size=160", "--max-semi-space-size=2"];
export const WEB_SERVER_ENV = { MALLOC_ARENA_MAX: "2" };
