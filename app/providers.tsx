"use client";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { config as zodConfig } from "zod/v4/core";
import { ApiError } from "@/lib/client/api";

// The pages' Content-Security-Policy allows no eval (lib/csp.ts). Zod probes `new Function` before using
// its compiled fast path; the probe is caught, but browsers still report it as a CSP violation. Only
// zod's core `config` is imported here (the settings live on one global that every zod import reads):
// the whole of zod in this root provider would be ~30 KB of every page's first-load script.
if (typeof window !== "undefined") zodConfig({ jitless: true });

export function Providers({ children }: { children: ReactNode }) {
  const [client] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: {
            staleTime: 15_000,
            refetchOnWindowFocus: false,
            // Do not retry what cannot succeed on retry (bad input, no permission, not found).
            retry: (count, err) => !(err instanceof ApiError && err.status >= 400 && err.status < 500) && count < 2,
          },
        },
      }),
  );
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
