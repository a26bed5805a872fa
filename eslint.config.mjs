import importPlugin from "eslint-plugin-import"
import tseslint from "typescript-eslint"

export default tseslint.config(
  {
    ignores: [
      "**/node_modules/**",
      "**/dist/**",
      "build/**",
      ".data/**",
      "**/.cache/**",
      "coverage/**",
    ],
  },
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx,js,mjs}"],
    plugins: { import: importPlugin },
    settings: {
      "import/resolver": {
        typescript: { project: ["tsconfig.json", "tsconfig.server.json", "src/admin-kit/tsconfig.json", "storefront-plugin/tsconfig.json"] },
        node: true,
      },
      // A plugin's own path aliases (`#services/*`, … decision 0135) are internal imports too.
      "import/internal-regex": "^(@customer-modules/|#)",
    },
    rules: {
      "import/order": [
        "error",
        {
          groups: ["builtin", "external", "internal", ["parent", "sibling", "index"]],
          // The plugin's own path aliases (decision 0135) after the other plugins' packages.
          pathGroups: [{ pattern: "{#*,#*/**}", patternOptions: { nocomment: true }, group: "internal", position: "after" }],
          "newlines-between": "always",
          alphabetize: { order: "asc", caseInsensitive: true },
        },
      ],
      "import/no-cycle": ["error", { maxDepth: 10 }],
      "import/no-extraneous-dependencies": ["error", { includeTypes: true }],
      "import/no-duplicates": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // react-pdf loads only in the PDF threads (decision 165): documents take its primitives from jobs.
    files: ["src/plugins/**/*.{ts,tsx}"],
    ignores: ["src/plugins/jobs/src/pdf/render.tsx", "src/plugins/jobs/src/pdf/render-worker.ts", "src/plugins/jobs/src/pdf/paginated.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          paths: ["@react-pdf/renderer", "@react-pdf/layout", "@react-pdf/render", "pdfkit"].map((name) => ({
            name,
            allowTypeImports: true,
            message: "Import Text, View, … from @customer-modules/jobs (its pdf primitives): react-pdf itself loads only where documents are rendered (decision 165).",
          })),
        },
      ],
    },
  },
  {
    // Tests, benchmarks and tooling use the root's dev dependencies.
    files: ["tests/**", "bench/**", "*.config.*", "eslint.config.mjs"],
    rules: {
      "import/no-extraneous-dependencies": ["error", { devDependencies: true, includeTypes: true }],
      "@typescript-eslint/no-explicit-any": "off",
    },
  },
  {
    files: ["**/*.js"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  }
)
