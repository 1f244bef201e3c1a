import { defineConfig } from "vitest/config";

// Tauri loads devUrl http://localhost:1420 in dev and ui/dist when built.
export default defineConfig({
  clearScreen: false,
  server: {
    port: 1420,
    strictPort: true,
    watch: { ignored: ["**/src-tauri/**", "**/target/**"] },
  },
  envPrefix: ["VITE_", "TAURI_ENV_"],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // WebKitGTK 2.4x / WebView2 / WKWebView of the last years all run ES2022.
    target: "es2022",
    sourcemap: false,
  },
  esbuild: { jsx: "automatic", jsxImportSource: "preact" },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.{ts,tsx}"],
    setupFiles: ["src/test/setup.ts"],
    restoreMocks: true,
    // The style sheet is read as text by the spacing tests (other CSS stays out of the tests).
    css: { include: [/styles\.css/] },
  },
});
