import { act, fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { describe, expect, it } from "vitest";
import { App } from "../App";
import type { CheckReport } from "../ipc/bindings";
import { appHandlers, deferred, fakeBackend, profile, report, view, viewOf } from "./backend";

describe("a result after the settings changed", () => {
  it("is marked out of date once the secret is replaced, and the run button says so", async () => {
    const pending = deferred<CheckReport>();
    fakeBackend(appHandlers({
      run_check: () => pending.promise,
      save_secret: ({ id }) => viewOf(profile({ id }), { stored: true, last4: "NEW1" }),
      last_report: () => "# report",
      leftovers: () => [],
    }));
    render(<App />);
    fireEvent.click(await screen.findByTestId("run-check"));
    await act(async () => pending.resolve(report()));
    await screen.findByTestId("run-result");
    expect(screen.queryByTestId("result-stale")).toBeNull();
    expect(screen.getByTestId("run-check").textContent).toBe("Test connection");

    fireEvent.click(screen.getByTestId("tab-connection"));
    fireEvent.click(await screen.findByTestId("replace-secret"));
    fireEvent.input(screen.getByTestId("profile-secret"), { target: { value: "a-brand-new-secret-NEW1" } });
    fireEvent.click(screen.getByTestId("save-secret"));
    await waitFor(() => expect(screen.getByTestId("secret-status").textContent).toContain("NEW1"));
    fireEvent.click(screen.getByTestId("tab-test"));
    expect((await screen.findByTestId("result-stale")).textContent).toContain("Out of date");
    expect(screen.getByTestId("run-check").textContent).toBe("Test again with the new settings");
  });
});

describe("unsaved edits on the Connection tab", () => {
  it("block the test (it would use the saved settings) and leaving the profile asks first", async () => {
    fakeBackend({
      list_profiles: () => [view(), view({ id: "p2", name: "Acme UAT", domain: "acme--uat.sandbox.my.salesforce.com" })],
      practice_scenarios: () => [],
      parse_domain: () => ({ ok: true, domain: null, error: null }),
      setup_links: () => [],
      leftovers: () => [],
    });
    render(<App />);
    await screen.findByTestId("run-check");
    fireEvent.click(screen.getByTestId("tab-connection"));
    fireEvent.input(screen.getByLabelText("API version"), { target: { value: "abc" } });
    fireEvent.click(screen.getByTestId("tab-test"));
    await waitFor(() => expect((screen.getByTestId("run-check") as HTMLButtonElement).disabled).toBe(true));
    expect(screen.getByTestId("run-blocked").textContent).toContain("not saved");

    const other = screen.getAllByTestId("profile-item")[1]!.querySelector("button")!;
    fireEvent.click(other);
    const dialog = await screen.findByRole("alertdialog");
    expect(dialog.textContent).toContain("Leave without saving?");
    fireEvent.click(screen.getByText("Cancel"));
    expect(screen.getByTestId("profile-title").textContent).toBe("Acme production");
    fireEvent.click(other);
    fireEvent.click(await screen.findByTestId("confirm-ok"));
    await waitFor(() => expect(screen.getByTestId("profile-title").textContent).toBe("Acme UAT"));
  });
});

describe("Try without an org from a form with unsaved edits", () => {
  it("makes no practice profile until leaving is confirmed, and none after Escape", async () => {
    const backend = fakeBackend(appHandlers({
      start_practice: () => view({ id: "practice", name: "Practice org", practice: true }),
    }));
    render(<App />);
    await screen.findByTestId("run-check");
    fireEvent.click(screen.getByTestId("tab-connection"));
    fireEvent.input(screen.getByLabelText("API version"), { target: { value: "abc" } });
    fireEvent.click(screen.getByTestId("practice-start"));
    const dialog = await screen.findByRole("alertdialog");
    expect(dialog.textContent).toContain("Leave without saving?");
    expect(backend.callsTo("start_practice")).toHaveLength(0);
    fireEvent.keyDown(dialog, { key: "Escape" });
    expect(screen.queryByRole("alertdialog")).toBeNull();
    expect(backend.callsTo("start_practice")).toHaveLength(0);
    expect(screen.getAllByTestId("profile-item")).toHaveLength(1);

    fireEvent.click(screen.getByTestId("practice-start"));
    fireEvent.click(await screen.findByTestId("confirm-ok"));
    await waitFor(() => expect(screen.getByTestId("profile-title").textContent).toBe("Practice org"));
    expect(backend.callsTo("start_practice")).toHaveLength(1);
  });
});

describe("after a restart", () => {
  it("shows the last run of an earlier launch, with its report", async () => {
    const backend = fakeBackend(appHandlers({
      last_run: () => ({ profile_id: "p1", report: report() }),
      last_report: () => "# ✅ The External Client App works",
    }));
    render(<App />);
    await waitFor(() => expect(screen.getByTestId("run-result").getAttribute("data-ok")).toBe("true"));
    expect(await screen.findByTestId("report")).toBeTruthy();
    expect(backend.callsTo("run_check")).toHaveLength(0);
  });
});
