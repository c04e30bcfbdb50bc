// The environment a bench starts the served app with (bench:web, bench:dashboard, bench:ingest): the
// bench's own database, originals in a scratch directory, a session secret the bench signs cookies with.
export function benchAppEnv(opts: {
  url: string;
  blobDir: string;
  secret: string;
  /** Whether the database holds the demo (its accounts then keep their published password); unset: as inherited. */
  demo?: boolean;
}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATABASE_URL: opts.url,
    BLOB_STORE: "dir",
    BLOB_DIR: opts.blobDir,
    NEXTAUTH_SECRET: opts.secret,
    ...(opts.demo === undefined ? {} : { PROOFLINE_DEMO: opts.demo ? "1" : "0" }),
  };
}
