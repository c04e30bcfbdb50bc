import { defineRoute } from "@/lib/api/handler";
import { apiDocument } from "@/lib/api/openapi";

export const GET = defineRoute({ auth: "public" }, async () => apiDocument());
