// Imported first by scripts: read .env like Next does (variables already set win). Node >= 20.12.
import { existsSync } from "node:fs";

if (existsSync(".env")) process.loadEnvFile(".env");
