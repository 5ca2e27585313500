import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["e2e/**/*.e2e.ts"],
    environment: "node",
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    // The browser waits on a real cluster: give polled expectations room (vitest's default is 1 s).
    expect: { poll: { timeout: 20_000, interval: 100 } },
    sequence: { concurrent: false },
  },
});
