import { act, fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { describe, expect, it, vi } from "vitest";
import { App } from "../App";
import type { CheckReport } from "../ipc/bindings";
import { deferred, diagnosis, fakeBackend, report, view } from "./backend";

describe("a link no browser opens", () => {
  it("shows the address with a Copy button instead of the launcher's error", async () => {
    const writeText = vi.fn(async (_: string) => {});
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
    const pending = deferred<CheckReport>();
    fakeBackend(
      {
        list_profiles: () => [view()],
        practice_scenarios: () => [],
        parse_domain: () => ({ ok: true, domain: null, error: null }),
        setup_links: () => [],
        run_check: () => pending.promise,
      },
      {
        "plugin:opener|open_url": () => {
          throw 'Launcher "gio" "open" "https://acme.my.salesforce.com/x" failed with ExitStatus(unix_wait_status(1024))';
        },
      },
    );
    render(<App />);
    fireEvent.click(await screen.findByTestId("run-check"));
    const d = diagnosis({ setup_url: "https://acme.my.salesforce.com/lightning/setup/OrgDomain/home" });
    await act(async () => pending.resolve(report({ ok: false, diagnosis: d })));
    fireEvent.click(await screen.findByTestId("diagnosis-open-setup"));
    const notice = await screen.findByTestId("link-notice");
    // Beside the button that was pressed, not at the top of a page scrolled down to it.
    expect(screen.getByTestId("diagnosis").contains(notice)).toBe(true);
    expect(notice.textContent).toContain("Your browser did not open");
    expect(notice.textContent).not.toContain("Launcher");
    expect(screen.getByTestId("link-notice-url").textContent).toBe(
      "https://acme.my.salesforce.com/lightning/setup/OrgDomain/home",
    );
    fireEvent.click(screen.getByTestId("link-notice-copy"));
    expect(writeText).toHaveBeenCalledWith("https://acme.my.salesforce.com/lightning/setup/OrgDomain/home");
    fireEvent.click(screen.getByLabelText("Dismiss"));
    await waitFor(() => expect(screen.queryByTestId("link-notice")).toBeNull());
  });

  it("is shown under the link that was pressed, not under its neighbours", async () => {
    fakeBackend(
      {
        list_profiles: () => [view()],
        practice_scenarios: () => [],
        parse_domain: () => ({ ok: true, domain: null, error: null }),
        setup_links: () => [
          { step: "create_app", label: "External Client App Manager", url: "https://acme.my.salesforce.com/a" },
          { step: "run_as_user", label: "Users", url: "https://acme.my.salesforce.com/b" },
        ],
      },
      {
        "plugin:opener|open_url": () => {
          throw "no browser";
        },
      },
    );
    render(<App />);
    fireEvent.click(await screen.findByTestId("tab-guide"));
    fireEvent.click(await screen.findByTestId("guide-open-run_as_user"));
    const notice = await screen.findByTestId("link-notice");
    expect(screen.getByTestId("guide-step-run_as_user").contains(notice)).toBe(true);
    expect(screen.getAllByTestId("link-notice")).toHaveLength(1);
  });
});

describe("a damaged profile file at launch", () => {
  it("is said once, with where it was kept", async () => {
    fakeBackend({
      list_profiles: () => [],
      practice_scenarios: () => [],
      store_problem: () => "The saved profiles could not be read (the file is damaged). It was kept as /x/profiles.json.unreadable",
    });
    render(<App />);
    expect((await screen.findByTestId("notice")).textContent).toContain("profiles.json.unreadable");
  });
});
