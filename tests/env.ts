// Tests that set environment variables put them back afterwards: remember them first.
import { resetEnvForTests } from "@/lib/env";

/** Remembers the variables' values now; the function returned puts them back and has lib/env read them again. */
export function savedEnv(vars: readonly string[]): () => void {
  const saved = Object.fromEntries(vars.map((v) => [v, process.env[v]]));
  return () => {
    for (const v of vars) {
      if (saved[v] === undefined) delete process.env[v];
      else process.env[v] = saved[v];
    }
    resetEnvForTests();
  };
}
