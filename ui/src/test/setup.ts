import { clearMocks } from "@tauri-apps/api/mocks";
import { cleanup } from "@testing-library/preact";
import { afterEach } from "vitest";

afterEach(() => {
  cleanup();
  clearMocks();
  localStorage.clear();
});
