/**
 * Runs a script's main and exits with its code (0 when it returns nothing). A throw is printed (its
 * message, its stack, or as it is) and exits with `failCode`.
 */
export function runMain(
  main: () => Promise<number | void>,
  opts: { failCode?: number; print?: "message" | "stack" | "raw" } = {},
): void {
  const { failCode = 1, print = "message" } = opts;
  main().then(
    (code) => process.exit(code ?? 0),
    (err) => {
      console.error(err instanceof Error && print !== "raw" ? (print === "stack" ? err.stack : err.message) : err);
      process.exit(failCode);
    },
  );
}
