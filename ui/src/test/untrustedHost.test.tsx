import { fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { describe, expect, it } from "vitest";
import { App } from "../App";
import type { AppError } from "../ipc/bindings";
import { diagnosis, fakeBackend, report, view } from "./backend";

const HOST = "login.example.com";

/** Rust refuses a run to a non-Salesforce host until the run allows it (sending nothing). */
const UNTRUSTED: AppError = {
  kind: "untrusted_host",
  message: `${HOST} is not a Salesforce host; credentials are sent there only after you confirm it.`,
  host: HOST,
  diagnosis: diagnosis({ code: "untrusted_host", title: `${HOST} is not a Salesforce host` }),
};

function backend() {
  const fake = fakeBackend({
    list_profiles: () => [view({ domain: HOST })],
    practice_scenarios: () => [],
    setup_links: () => [],
    run_check: ({ options }) => {
      if (!options.allow_untrusted_host) throw UNTRUSTED;
      return report({ ok: false, diagnosis: null });
    },
  });
  return {
    ...fake,
    /** Runs that were allowed to send the credentials. */
    sent: () => fake.callsTo("run_check").filter((c) => (c.args.options as { allow_untrusted_host: boolean }).allow_untrusted_host),
  };
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
    expect(fake.sent()).toHaveLength(0);
    // A refused try is not shown as a failed run.
    expect(screen.queryByTestId("run-error")).toBeNull();
  });

  it("confirming runs with allow_untrusted_host, and the next run asks again", async () => {
    const fake = backend();
    render(<App />);
    await pressRun();
    expect(fake.sent()).toHaveLength(0);
    fireEvent.click(screen.getByTestId("confirm-ok"));
    await waitFor(() => expect(fake.sent()).toHaveLength(1));
    expect(fake.sent()[0]?.args).toMatchObject({
      id: "p1",
      options: { allow_untrusted_host: true },
    });
    await screen.findByTestId("run-result");

    // Nothing was remembered: the next run needs its own confirmation.
    await pressRun();
    expect(fake.sent()).toHaveLength(1);
    fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
    await waitFor(() => expect(screen.queryByRole("alertdialog")).toBeNull());
    expect(fake.sent()).toHaveLength(1);
  });
});
