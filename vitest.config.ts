import swc from "unplugin-swc"
import { defineConfig } from "vitest/config"

export default defineConfig({
  // TypeORM models need decorator metadata, which esbuild does not emit.
  // Documents are React components (tsx) with the automatic JSX runtime, as the jobs plugin builds them.
  plugins: [swc.vite({ module: { type: "es6" }, jsc: { transform: { react: { runtime: "automatic" } } } })],
  test: {
    include: ["tests/**/*.test.ts"],
    globalSetup: ["tests/setup/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 180_000,
    teardownTimeout: 60_000,
    reporters: ["default"],
    pool: "forks",
  },
})
