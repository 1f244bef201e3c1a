import { fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { describe, expect, it } from "vitest";
import { App } from "../App";
import type { Profile } from "../ipc/bindings";
import { diagnosis, draftView, fakeBackend, report, view, viewOf } from "./backend";

function app(extra = {}) {
  const acme = view();
  const backend = fakeBackend({
    list_profiles: () => [acme],
    practice_scenarios: () => [],
    parse_domain: () => ({ ok: true, domain: null, error: null }),
    setup_links: () => [],
    delete_profile: () => null,
    duplicate_profile: () => ({ ...view({ id: "p2", name: "Copy of Acme production" }, false) }),
    save_profile: ({ profile }) => viewOf(profile, acme.secret, acme.proxy_password),
    new_profile: () => draftView(),
    ...extra,
  });
  render(<App />);
  return backend;
}

describe("ProfileList", () => {
  it("calls a run closed mid-way cancelled, as the Test tab does, not failed", async () => {
    const cancelled = view({ last_result: { ok: false, code: "cancelled", at: "2026-12-05T10:00:00Z" } });
    fakeBackend({
      list_profiles: () => [cancelled],
      practice_scenarios: () => [],
      parse_domain: () => ({ ok: true, domain: null, error: null }),
      setup_links: () => [],
      last_run: () => ({
        profile_id: "p1",
        report: report({ ok: false, cancelled: true, diagnosis: diagnosis({ code: "cancelled" }) }),
      }),
    });
    render(<App />);
    await waitFor(() => expect(screen.getByTestId("run-result").textContent).toContain("You cancelled the test"));
    const item = screen.getByTestId("profile-item");
    expect(item.textContent).toContain("last test cancelled");
    expect(item.textContent).not.toContain("failed");
    expect(item.querySelector(".dot-failed")).toBeNull();
  });

  it("says a cancelled last test is cancelled when no run of this launch is shown", async () => {
    fakeBackend({
      list_profiles: () => [view({ last_result: { ok: false, code: "cancelled", at: "2026-12-05T10:00:00Z" } })],
      practice_scenarios: () => [],
      parse_domain: () => ({ ok: true, domain: null, error: null }),
      setup_links: () => [],
    });
    render(<App />);
    const panel = await screen.findByTestId("run-check");
    expect(panel.closest("section")?.textContent).toMatch(/Last test .*: cancelled\./);
  });

  it("opens the New form at its top, even from a profile scrolled down", async () => {
    app();
    await screen.findByTestId("run-check");
    const main = document.getElementById("main") as HTMLElement;
    Object.defineProperty(main, "scrollTop", { value: 92, writable: true, configurable: true });
    fireEvent.click(screen.getByTestId("profile-new"));
    await waitFor(() => expect(screen.getByTestId("profile-title").textContent).toBe("New connection"));
    expect(main.scrollTop).toBe(0);
  });

  it("deletes only after confirming, and Escape cancels", async () => {
    const backend = app();
    fireEvent.click(await screen.findByLabelText("Delete Acme production"));
    const dialog = screen.getByRole("alertdialog");
    expect(dialog.textContent).toContain("system keychain");
    expect(document.activeElement?.textContent).toBe("Cancel");
    fireEvent.keyDown(dialog, { key: "Escape" });
    expect(screen.queryByRole("alertdialog")).toBeNull();
    expect(backend.callsTo("delete_profile")).toHaveLength(0);

    fireEvent.click(screen.getByLabelText("Delete Acme production"));
    fireEvent.click(screen.getByTestId("confirm-ok"));
    await waitFor(() => expect(backend.callsTo("delete_profile")).toHaveLength(1));
    expect(backend.callsTo("delete_profile")[0]?.args).toEqual({ id: "p1" });
    // The last profile gone: back to the welcome screen.
    expect(await screen.findByTestId("welcome")).toBeTruthy();
  });

  it("duplicates and selects the copy, copying the secret only when asked", async () => {
    const backend = app();
    fireEvent.click(await screen.findByLabelText("Duplicate Acme production"));
    // The profile has a stored secret: the dialog asks whether to copy it (unticked by default).
    fireEvent.click(await screen.findByTestId("duplicate-copy-secret"));
    fireEvent.click(screen.getByTestId("confirm-ok"));
    await waitFor(() => expect(screen.getByTestId("profile-title").textContent).toBe("Copy of Acme production"));
    expect(backend.callsTo("duplicate_profile")[0]?.args).toEqual({ id: "p1", copySecret: true });
    expect(screen.getAllByTestId("profile-item")).toHaveLength(2);
  });

  it("renames inline with Enter", async () => {
    const backend = app();
    fireEvent.click(await screen.findByLabelText("Rename Acme production"));
    const input = screen.getByTestId("profile-rename-input") as HTMLInputElement;
    expect(document.activeElement).toBe(input);
    fireEvent.input(input, { target: { value: "Acme prod" } });
    fireEvent.keyDown(input, { key: "Enter" });
    await waitFor(() => expect(screen.getByTestId("profile-title").textContent).toBe("Acme prod"));
    await waitFor(() => expect(screen.getByTestId("profile-list").textContent).toContain("Acme prod"));
    expect(backend.callsTo("save_profile")).toHaveLength(1);
  });

  it("New opens a blank form; saving adds the profile to the list", async () => {
    const backend = app({
      save_profile: ({ profile }: { profile: Profile }) => viewOf({ ...profile, id: "p3" }, { stored: false, last4: null }),
    });
    fireEvent.click(await screen.findByTestId("profile-new"));
    // The draft comes from Rust (new_profile): wait for its form.
    await waitFor(() => expect(screen.getByTestId("profile-title").textContent).toBe("New connection"));
    expect((screen.getByTestId("profile-name") as HTMLInputElement).value).toBe("My org");
    fireEvent.input(screen.getByTestId("profile-name"), { target: { value: "Acme UAT" } });
    fireEvent.input(screen.getByTestId("profile-domain"), { target: { value: "acme--uat.sandbox.my.salesforce.com" } });
    fireEvent.input(screen.getByTestId("profile-client-id"), { target: { value: "3MVG9UAT" } });
    fireEvent.click(screen.getByTestId("profile-save"));
    // The list may show Rust's event before the form has the answer: wait for both.
    await waitFor(() => expect(screen.getByTestId("profile-save-status").textContent).toBe("Saved."));
    expect(screen.getAllByTestId("profile-item")).toHaveLength(2);
    expect(backend.callsTo("save_profile")[0]?.args.profile).toMatchObject({
      id: "",
      name: "Acme UAT",
      target: { kind: "org", domain: "acme--uat.sandbox.my.salesforce.com" },
      client_id: "3MVG9UAT",
      api_version: "latest",
    });
    // Still on the form, now for the saved profile.
    expect((screen.getByTestId("profile-name") as HTMLInputElement).value).toBe("Acme UAT");
    expect(screen.getByTestId("profile-save-status").textContent).toBe("Saved.");
  });
});

describe("keyboard", () => {
  it("arrow keys move between the Test, Connection and Setup guide tabs", async () => {
    app();
    const test = await screen.findByTestId("tab-test");
    test.focus();
    fireEvent.keyDown(test, { key: "ArrowRight" });
    const connection = screen.getByTestId("tab-connection");
    expect(connection.getAttribute("aria-selected")).toBe("true");
    expect(document.activeElement).toBe(connection);
    expect(screen.getByTestId("profile-name").closest("[role=tabpanel]")?.hasAttribute("hidden")).toBe(false);
    fireEvent.keyDown(connection, { key: "End" });
    expect(screen.getByTestId("tab-guide").getAttribute("aria-selected")).toBe("true");
    // Only the active tab is in the Tab order.
    expect(screen.getAllByRole("tab").map((t) => t.tabIndex)).toEqual([-1, -1, 0]);
  });
});
