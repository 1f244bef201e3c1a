import { emit } from "@tauri-apps/api/event";
import { act, render, screen, waitFor } from "@testing-library/preact";
import { describe, expect, it } from "vitest";
import { App } from "../App";
import { PROFILES_CHANGED } from "../ipc/bindings";
import { appHandlers, fakeBackend, view } from "./backend";

describe("the profile list follows Rust's profiles-changed event", () => {
  it("shows the list Rust sends, e.g. a last result from a run elsewhere", async () => {
    fakeBackend(appHandlers());
    render(<App />);
    await screen.findByTestId("run-check");
    expect(screen.getAllByTestId("profile-item")).toHaveLength(1);

    const checked = view({ last_result: { ok: false, code: "client_secret_invalid", at: "2026-12-05T10:00:00Z" } });
    const other = view({ id: "p2", name: "Acme UAT", domain: "acme--uat.sandbox.my.salesforce.com" });
    await act(() => emit(PROFILES_CHANGED, [checked, other]));
    await waitFor(() => expect(screen.getAllByTestId("profile-item")).toHaveLength(2));
    expect(screen.getByTestId("profile-list").textContent).toContain("Acme UAT");
    expect(screen.getByTestId("run-check").closest("section")?.textContent).toMatch(/Last test .*: failed/);
  });
});
