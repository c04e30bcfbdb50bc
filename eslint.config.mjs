import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      "node_modules/**",
      ".next/**",
      ".next-*/**",
      "generated/**",
      ".data/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  // The layering (docs/architecture.md): app -> components -> lib/<area> -> lib/core, checked here, not hoped for.
  // Tests may reach across layers (an integration test calls a route handler), so they are left out.
  {
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}", "lib/**/*.{ts,tsx,mjs}"],
    ignores: ["**/*.test.{ts,tsx}", "**/testing/**", "**/test-helpers.ts", "**/*-test-world.ts"],
    settings: { "import/resolver": { typescript: { project: "./tsconfig.json" } } },
    rules: {
      "import/no-cycle": ["error", { ignoreExternal: true }],
      "import/no-restricted-paths": [
        "error",
        {
          zones: [
            {
              target: "./lib",
              from: ["./app", "./components"],
              message: "lib sits below app and components: pass what it needs in.",
            },
            {
              target: "./components",
              from: "./app",
              message: "components sit below app: move the shared piece into components or lib.",
            },
            {
              target: "./lib/core",
              from: "./lib",
              // The kernel stands on the database client, the env, private files, the typed errors and who is acting (the actor and
              // the permission table): lib/core/access decides project access with them.
              except: [
                "./core",
                "./errors.ts",
                "./db.ts",
                "./env.ts",
                "./private-files.ts",
                "./auth/actor.ts",
                "./auth/permissions.ts",
              ],
              message: "lib/core is the kernel: it imports no area (move what it needs into lib/core).",
            },
          ],
        },
      ],
    },
  },
];

export default config;
