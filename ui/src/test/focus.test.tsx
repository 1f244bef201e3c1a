import { act, fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { describe, expect, it } from "vitest";
import { App } from "../App";
import type { CheckReport } from "../ipc/bindings";
import { appHandlers, deferred, fakeBackend, report } from "./backend";

const testid = () => (document.activeElement as HTMLElement | null)?.dataset.testid;

describe("focus stays sensible", () => {
  it("moves to Cancel while a run goes and back to the run button after", async () => {
    const pending = deferred<CheckReport>();
    fakeBackend(appHandlers({
      run_check: () => pending.promise,
      cancel_check: () => null,
      leftovers: () => [],
      last_report: () => "# r",
    }));
    render(<App />);
    const run = await screen.findByTestId("run-check");
    run.focus();
    fireEvent.click(run);
    await waitFor(() => expect(testid()).toBe("cancel-check"));
    await act(async () => pending.resolve(report()));
    await waitFor(() => expect(testid()).toBe("run-check"));
  });

  it("returns to the profile after Escape in the rename field", async () => {
    fakeBackend(appHandlers({
    }));
    render(<App />);
    fireEvent.click(await screen.findByTestId("profile-rename"));
    const input = await screen.findByTestId("profile-rename-input");
    fireEvent.keyDown(input, { key: "Escape" });
    await waitFor(() =>
      expect((document.activeElement as HTMLElement | null)?.classList.contains("profile-select")).toBe(true),
    );
  });
});
