import { fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { describe, expect, it } from "vitest";
import { App } from "../components/App";
import type { DomainPreview } from "../ipc/bindings";
import { fakeBackend, report, view } from "./backend";

const HOST = "login.example.com";

const OTHER: DomainPreview = {
  ok: true,
  domain: {
    host: HOST,
    base_url: `https://${HOST}`,
    kind: "other",
    my_domain_name: null,
    sandbox_name: null,
    note: null,
  },
  error: null,
};

function backend() {
  return fakeBackend({
    list_profiles: () => [view({ domain: HOST })],
    practice_scenarios: () => [],
    parse_domain: () => OTHER,
    setup_links: () => [],
    run_check: () => report({ ok: false, diagnosis: null }),
  });
}

/** Presses Test connection and waits for the confirmation it must ask first. */
async function pressRun(): Promise<HTMLElement> {
  fireEvent.click(await screen.findByTestId("run-check"));
  const dialog = await screen.findByRole("alertdialog");
  expect(dialog.textContent).toContain(`Send the consumer key and secret to ${HOST}?`);
  return dialog;
}

describe("a host that is not Salesforce", () => {
  it("asks first, with Cancel focused, and Cancel sends nothing", async () => {
    const fake = backend();
    render(<App />);
    const dialog = await pressRun();
    expect(screen.getByTestId("untrusted-host-text").textContent).toContain(
      `${HOST} is not a Salesforce host`,
    );
    const cancel = screen.getByRole("button", { name: "Cancel" });
    await waitFor(() => expect(document.activeElement).toBe(cancel));
    expect(dialog.contains(cancel)).toBe(true);

    fireEvent.click(cancel);
    await waitFor(() => expect(screen.queryByRole("alertdialog")).toBeNull());
    // Escape cancels too.
    await pressRun();
    fireEvent.keyDown(screen.getByRole("alertdialog"), { key: "Escape" });
    await waitFor(() => expect(screen.queryByRole("alertdialog")).toBeNull());
    expect(fake.callsTo("run_check")).toHaveLength(0);
  });

  it("confirming runs with allowUntrustedHost, and the next run asks again", async () => {
    const fake = backend();
    render(<App />);
    await pressRun();
    expect(fake.callsTo("run_check")).toHaveLength(0);
    fireEvent.click(screen.getByTestId("confirm-ok"));
    await waitFor(() => expect(fake.callsTo("run_check")).toHaveLength(1));
    expect(fake.callsTo("run_check")[0]?.args).toMatchObject({
      id: "p1",
      options: { allowUntrustedHost: true },
    });
    await screen.findByTestId("run-result");

    // Nothing was remembered: the next run needs its own confirmation.
    await pressRun();
    expect(fake.callsTo("run_check")).toHaveLength(1);
    fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
    await waitFor(() => expect(screen.queryByRole("alertdialog")).toBeNull());
    expect(fake.callsTo("run_check")).toHaveLength(1);
  });
});
