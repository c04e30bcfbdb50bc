import { describe, expect, it } from "vitest";
import { productionSecretProblem } from "@/lib/secret-check";

describe("productionSecretProblem", () => {
  it("refuses a missing, empty, placeholder or short secret, saying why", () => {
    expect(productionSecretProblem(undefined)).toMatch(/not set/);
    expect(productionSecretProblem("   ")).toMatch(/not set/);
    expect(productionSecretProblem("change-me")).toMatch(/placeholder/);
    expect(productionSecretProblem("short-but-random-9f8a")).toMatch(/at least 32/);
  });
  it("accepts 32 or more random characters", () => {
    expect(productionSecretProblem("q3V2mX9pLr8sT1uY6wZ0aB4cD7eF5gH2")).toBeNull();
  });
});
