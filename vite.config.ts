import { defineConfig } from "vitest/config";
import { svelte } from "@sveltejs/vite-plugin-svelte";

// One config for the app (vite dev/build) and the test runner (vitest).
// Test projects: "unit" is fast and VM-free; "vm" restores the real guest
// snapshot and runs serially (one emulator at a time keeps timings sane).
export default defineConfig({
  plugins: [svelte()],
  worker: { format: "es" },
  server: { port: 5173, strictPort: false },
  build: { target: "es2022", sourcemap: true },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["test/**/*.test.ts"],
          exclude: ["test/**/*.vm.test.ts", "test/e2e/**"],
          environment: "node",
        },
      },
      {
        extends: true,
        test: {
          name: "vm",
          include: ["test/**/*.vm.test.ts"],
          environment: "node",
          testTimeout: 300_000,
          hookTimeout: 600_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
