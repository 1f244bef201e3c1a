import type { Channel } from "@tauri-apps/api/core";
import { act, fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { describe, expect, it } from "vitest";
import { App } from "../App";
import type { CheckReport, RunEvent } from "../ipc/bindings";
import { appHandlers, deferred, diagnosis, fakeBackend, report, step } from "./backend";

function send(channel: Channel<RunEvent>, index: number, message: RunEvent) {
  const internals = (window as unknown as { __TAURI_INTERNALS__: { runCallback: (id: number, data: unknown) => void } })
    .__TAURI_INTERNALS__;
  act(() => internals.runCallback(channel.id, { index, message }));
}

describe("Keep trying", () => {
  it("is offered for a failure a recent change explains, runs with keepTrying and counts down", async () => {
    const runs: { pending: ReturnType<typeof deferred<CheckReport>>; channel: Channel<RunEvent> }[] = [];
    const backend = fakeBackend(appHandlers({
      run_check: (args) => {
        const pending = deferred<CheckReport>();
        runs.push({ pending, channel: args.onEvent });
        return pending.promise;
      },
      cancel_check: () => null,
    }));
    render(<App />);
    fireEvent.click(await screen.findByTestId("run-check"));
    await waitFor(() => expect(runs).toHaveLength(1));
    const refused = diagnosis({ code: "client_id_invalid", title: "The consumer key is not known" });
    await act(async () => runs[0]!.pending.resolve(report({ ok: false, diagnosis: refused })));

    fireEvent.click(await screen.findByTestId("keep-trying"));
    await waitFor(() => expect(runs).toHaveLength(2));
    expect(backend.callsTo("run_check")[1]?.args).toMatchObject({
      options: { allow_untrusted_host: false, keep_trying: true },
    });
    const { channel, pending } = runs[1]!;
    send(channel, 0, { kind: "retrying", code: "client_id_invalid", attempt: 1, pause_s: 5, left_s: 590 });
    const line = await screen.findByTestId("retry-countdown");
    expect(line.textContent).toContain("client_id_invalid");
    expect(line.textContent).toContain("Attempt 1 failed");
    expect(screen.getByTestId("retry-seconds").textContent).toBe("5");
    expect(line.textContent).toContain("up to 10 more minutes");
    expect(screen.getByTestId("run-announcer").textContent).toContain("Trying again in 5 seconds");
    // Cancel is there while it waits.
    fireEvent.click(screen.getByTestId("cancel-check"));
    await waitFor(() => expect(backend.callsTo("cancel_check")).toHaveLength(1));
    // The next attempt's first step clears the countdown.
    send(channel, 1, { kind: "step", step: step("domain", "running") });
    expect(screen.queryByTestId("retry-countdown")).toBeNull();
    await act(async () => pending.resolve(report()));
    expect(screen.queryByTestId("keep-trying")).toBeNull();
  });

  it("is not offered where waiting cannot help", async () => {
    const pending = deferred<CheckReport>();
    fakeBackend(appHandlers({
      run_check: () => pending.promise,
    }));
    render(<App />);
    fireEvent.click(await screen.findByTestId("run-check"));
    await act(async () =>
      pending.resolve(report({ ok: false, diagnosis: diagnosis({ code: "record_create_denied" }) })),
    );
    await screen.findByTestId("run-again");
    expect(screen.queryByTestId("keep-trying")).toBeNull();
  });
});
