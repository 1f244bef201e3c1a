import type { Channel } from "@tauri-apps/api/core";
import { act, fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { describe, expect, it } from "vitest";
import { App } from "../App";
import type { CheckReport, RunEvent, StepResult } from "../ipc/bindings";
import { deferred, diagnosis, fakeBackend, report, step, view } from "./backend";

/** Delivers a message the way Rust's Channel does: through the IPC callback, with an index. */
function send(channel: Channel<RunEvent>, index: number, s: StepResult) {
  const internals = (window as unknown as { __TAURI_INTERNALS__: { runCallback: (id: number, data: unknown) => void } })
    .__TAURI_INTERNALS__;
  act(() => internals.runCallback(channel.id, { index, message: { kind: "step", step: s } }));
}

async function startRun() {
  const pending = deferred<CheckReport>();
  let channel: Channel<RunEvent> | null = null;
  const backend = fakeBackend({
    list_profiles: () => [view()],
    practice_scenarios: () => [],
    parse_domain: () => ({ ok: true, domain: null, error: null }),
    setup_links: () => [],
    run_check: (args) => {
      channel = args.onEvent;
      return pending.promise;
    },
    cancel_check: () => null,
  });
  render(<App />);
  const button = (await screen.findByTestId("run-check")) as HTMLButtonElement;
  expect(button.disabled).toBe(false);
  fireEvent.click(button);
  await waitFor(() => expect(channel).not.toBeNull());
  return { backend, pending, button, channel: channel as unknown as Channel<RunEvent> };
}

describe("CheckRun", () => {
  it("shows no waiting steps under a result from a run it did not show (Check every profile)", async () => {
    fakeBackend({
      list_profiles: () => [view({ last_result: { ok: true, code: null, at: "2026-12-05T10:00:00Z" } })],
      practice_scenarios: () => [],
      parse_domain: () => ({ ok: true, domain: null, error: null }),
      setup_links: () => [],
    });
    render(<App />);
    const button = await screen.findByTestId("run-check");
    expect(button.closest("section")?.textContent).toMatch(/Last test .*: passed\./);
    expect(document.querySelectorAll('[data-status="pending"]')).toHaveLength(0);
    expect(screen.queryByText("Waiting")).toBeNull();
  });

  it("shows each step live from the channel and announces it", async () => {
    const { backend, channel } = await startRun();
    expect(backend.callsTo("run_check")[0]?.args).toMatchObject({
      id: "p1",
      // The saved profile says what to create; the run only says whether a host is confirmed.
      options: { allow_untrusted_host: false },
    });
    const row = screen.getByTestId("step-domain");
    expect(row.getAttribute("data-status")).toBe("pending");

    send(channel, 0, step("domain", "running"));
    expect(row.getAttribute("data-status")).toBe("running");
    expect(row.textContent).toContain("Running…");

    send(channel, 1, { ...step("domain", "passed", 3), summary: "acme.my.salesforce.com" });
    expect(row.getAttribute("data-status")).toBe("passed");
    expect(row.textContent).toContain("3 ms");
    expect(row.textContent).toContain("acme.my.salesforce.com");
    expect(screen.getByTestId("run-announcer").textContent).toBe(
      "Understand the My Domain: passed in 3 ms",
    );
    expect(screen.getByTestId("run-announcer").getAttribute("aria-live")).toBe("polite");

    // Out-of-order delivery is put back in order by the Channel.
    send(channel, 3, step("token", "passed", 80));
    expect(screen.getByTestId("step-token").getAttribute("data-status")).toBe("pending");
    send(channel, 2, step("token", "running"));
    expect(screen.getByTestId("step-token").getAttribute("data-status")).toBe("passed");
    // Every step keeps its row: the list never changes length while running.
    expect(screen.getByTestId("step-list").children).toHaveLength(11);
  });

  it("disables the button while running and Cancel calls cancel_check", async () => {
    const { backend, pending, button } = await startRun();
    expect(button.disabled).toBe(true);
    fireEvent.click(button);
    expect(backend.callsTo("run_check")).toHaveLength(1);

    fireEvent.click(screen.getByTestId("cancel-check"));
    await waitFor(() => expect(backend.callsTo("cancel_check")).toHaveLength(1));

    await act(async () => {
      pending.resolve(report({ ok: false, cancelled: true, diagnosis: null }));
      await pending.promise;
    });
    const result = await screen.findByTestId("run-result");
    expect(result.getAttribute("data-ok")).toBe("false");
    expect(result.textContent).toContain("You cancelled the test.");
    expect(screen.queryByTestId("cancel-check")).toBeNull();
    expect(button.disabled).toBe(false);
  });

  it("shows the result header, the Run As user, API version, usage and scopes", async () => {
    const { pending } = await startRun();
    await act(async () => {
      pending.resolve(report());
      await pending.promise;
    });
    const result = await screen.findByTestId("run-result");
    expect(result.getAttribute("data-ok")).toBe("true");
    expect(result.textContent).toContain("This External Client App works.");
    expect(screen.getByTestId("identity-username").textContent).toBe("integration@acme.com");
    expect(screen.getByTestId("identity-org").textContent).toBe("00D000000000001EAA");
    expect(screen.getByTestId("identity-integration").textContent).toContain("Yes");
    expect(screen.getByTestId("api-version").textContent).toBe("v68.0 (Winter '27)");
    expect(screen.getByTestId("api-usage").textContent).toContain("42 of 15,000");
    expect(screen.getByTestId("scopes").textContent).toContain("openid");
    expect(screen.getByTestId("step-revoke").getAttribute("data-status")).toBe("passed");
    expect(screen.getByTestId("record-id").textContent).toBe("001000000000001AAA");
    expect(screen.getByTestId("record-status").textContent).toBe("Deleted");
    expect(screen.queryByTestId("diagnosis")).toBeNull();
  });

  it("a passed run whose token was kept says so, and the revoke step says why", async () => {
    const { pending } = await startRun();
    const reason =
      "Token kept: Salesforce issued it on 2026-12-05 at 14:02 UTC, before this check. Another client of this app is using the same session; revoking it would sign that client out.";
    const steps = report().steps.map((s) =>
      s.id === "revoke" ? { ...s, status: "skipped" as const, summary: reason } : s,
    );
    await act(async () => {
      pending.resolve(
        report({ steps, token_kept: { shared: true, issued_at: "2026-12-05T14:02:00Z", reason } }),
      );
      await pending.promise;
    });
    const result = await screen.findByTestId("run-result");
    expect(result.textContent).toContain("The token was kept, not revoked");
    expect(result.textContent).not.toContain("Every step passed");
    expect(screen.getByTestId("step-revoke").getAttribute("data-status")).toBe("skipped");
    expect(screen.getByTestId("step-revoke").textContent).toContain("revoking it would sign that client out");
  });

  it("a failed run shows the diagnosis, and Run again starts a new run", async () => {
    const { backend, pending } = await startRun();
    const failed = report({
      ok: false,
      diagnosis: diagnosis(),
      identity: null,
      record: null,
      steps: report().steps.map((s) =>
        s.id === "token" ? { ...s, status: "failed" } : s.id === "domain" || s.id === "reachability" ? s : { ...s, status: "skipped", ms: null },
      ),
    });
    await act(async () => {
      pending.resolve(failed);
      await pending.promise;
    });
    const result = await screen.findByTestId("run-result");
    expect(result.getAttribute("data-ok")).toBe("false");
    expect(result.textContent).toContain("Get an access token");
    expect(screen.getByTestId("diagnosis-code").textContent).toBe("run_as_user_missing");
    // The fix is where the keyboard (and the eye) lands after a failed run.
    await waitFor(() => expect(document.activeElement?.id).toBe("diag-title"));
    fireEvent.click(screen.getByTestId("run-again"));
    await waitFor(() => expect(backend.callsTo("run_check")).toHaveLength(2));
  });

  it("a run that cannot start shows Rust's message and its diagnosis", async () => {
    const { pending } = await startRun();
    await act(async () => {
      pending.reject({
        kind: "diagnosed",
        message: "Save the consumer secret first.",
        diagnosis: diagnosis({ code: "client_secret_missing", title: "No consumer secret" }),
      });
      await pending.promise.catch(() => {});
    });
    const result = await screen.findByTestId("run-result");
    expect(result.getAttribute("data-ok")).toBe("false");
    expect(result.textContent).toContain("Save the consumer secret first.");
    expect(screen.getByTestId("diagnosis-code").textContent).toBe("client_secret_missing");
  });

  it("cannot start without a stored secret, and says where to add it", async () => {
    fakeBackend({
      list_profiles: () => [view({}, false)],
      practice_scenarios: () => [],
      parse_domain: () => ({ ok: true, domain: null, error: null }),
      setup_links: () => [],
    });
    render(<App />);
    const button = (await screen.findByTestId("run-check")) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    expect(screen.getByTestId("run-blocked").textContent).toContain("consumer secret");
    expect(button.getAttribute("aria-describedby")).toBe("run-blocked");
  });
});
