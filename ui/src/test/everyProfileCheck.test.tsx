import { fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { describe, expect, it } from "vitest";
import { App } from "../App";
import type { ProfileCheck } from "../ipc/bindings";
import { EveryProfileCheck } from "../screens/EveryProfileCheck";
import { appHandlers, fakeBackend, view } from "./backend";

const rows: ProfileCheck[] = [
  { id: "prod", name: "Production", ok: true, code: null, detail: "passed" },
  {
    id: "uat",
    name: "UAT sandbox",
    ok: false,
    code: "client_secret_invalid",
    detail: "The consumer secret is wrong [client_secret_invalid]",
  },
];

describe("every screen", () => {
  it("has exactly one level-one heading (welcome, a profile, Check every profile)", async () => {
    const h1s = () => Array.from(document.querySelectorAll("h1")).map((h) => h.textContent);
    fakeBackend(appHandlers({
      list_profiles: () => [view(), view({ id: "p2", name: "Acme UAT", domain: "acme--uat.sandbox.my.salesforce.com" })],
      check_every_profile: () => rows,
    }));
    render(<App />);
    await screen.findByTestId("run-check");
    expect(h1s()).toEqual(["Acme production"]);
    fireEvent.click(screen.getByTestId("every-check-open"));
    await screen.findByTestId("every-check-table");
    expect(h1s()).toEqual(["Check every profile"]);
  });

  it("has one on the welcome screen", async () => {
    fakeBackend(appHandlers({ list_profiles: () => [] }));
    render(<App />);
    await screen.findByTestId("welcome");
    expect(document.querySelectorAll("h1")).toHaveLength(1);
  });
});

describe("Check every profile", () => {
  it("runs when opened, shows a line each, reloads the badges and opens a profile", async () => {
    let done = 0;
    const opened: string[] = [];
    const backend = fakeBackend({ check_every_profile: () => rows });
    render(<EveryProfileCheck count={2} onDone={() => done++} onOpen={(id) => opened.push(id)} />);
    await waitFor(() => expect(screen.getByTestId("every-check-status").textContent).toBe("1 of 2 did not pass."));
    expect(backend.callsTo("check_every_profile")).toHaveLength(1);
    expect(done).toBe(1);
    expect(screen.getByTestId("every-row-prod").getAttribute("data-ok")).toBe("true");
    const uat = screen.getByTestId("every-row-uat");
    expect(uat.getAttribute("data-ok")).toBe("false");
    expect(uat.textContent).toContain("Did not pass: The consumer secret is wrong [client_secret_invalid]");
    fireEvent.click(screen.getByRole("button", { name: "UAT sandbox" }));
    expect(opened).toEqual(["uat"]);
    fireEvent.click(screen.getByTestId("every-check-again"));
    await waitFor(() => expect(backend.callsTo("check_every_profile")).toHaveLength(2));
  });

  it("offers Cancel while running and says why it could not run", async () => {
    let fail: (e: unknown) => void = () => {};
    const backend = fakeBackend({
      check_every_profile: () =>
        new Promise<ProfileCheck[]>((_, reject) => {
          fail = reject;
        }),
      cancel_check: () => null,
    });
    render(<EveryProfileCheck count={3} onDone={() => {}} onOpen={() => {}} />);
    await waitFor(() =>
      expect(screen.getByTestId("every-check-status").textContent).toBe("Checking 3 profiles, a few at a time…"),
    );
    fireEvent.click(screen.getByTestId("every-check-cancel"));
    await waitFor(() => expect(backend.callsTo("cancel_check")).toHaveLength(1));
    fail({ kind: "busy", message: "A test is already running." });
    await waitFor(() => expect(screen.getByTestId("every-check-error").textContent).toBe("A test is already running."));
  });
});
