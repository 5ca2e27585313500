import { describe, expect, it } from "vitest";
import { browserSession } from "./support";

const { personPage } = browserSession();

describe("the API's documentation page (Swagger UI)", () => {
  it("boots under a policy that allows no inline script", async () => {
    const page = await personPage();
    const response = await page.goto("/api/docs/");
    expect(response?.status()).toBe(200);
    const policy = response?.headers()["content-security-policy"] ?? "";
    expect(/script-src ([^;]+);/.exec(policy)?.[1]).toBe("'self'");
    // Swagger UI ran (its init script is /api/docs/?script) and rendered the schema's operations;
    // a script the policy refused would be a console error, which fails the test (support.ts).
    await expect.poll(() => page.locator(".swagger-ui .info .title").textContent()).toContain("Mutirões API");
    await expect.poll(() => page.locator(".opblock").count()).toBeGreaterThan(10);
  });
});
