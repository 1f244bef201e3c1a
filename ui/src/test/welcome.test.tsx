import { fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { describe, expect, it } from "vitest";
import { App } from "../App";
import { deferred, draftView, fakeBackend, view } from "./backend";

const SCENARIOS = [
  { id: "healthy", title: "Healthy app", description: "Everything is set up.", expected_code: null },
  {
    id: "wrong-secret",
    title: "Wrong consumer secret",
    description: "The secret does not match.",
    expected_code: "client_secret_invalid" as const,
  },
];

describe("first launch", () => {
  it("paints the welcome screen before the saved profiles arrive", async () => {
    localStorage.clear();
    const list = deferred<never[]>();
    fakeBackend({ list_profiles: () => list.promise, practice_scenarios: () => SCENARIOS });
    render(<App />);
    // No back-end answer yet: the welcome screen is already there, the sidebar says it is loading.
    expect(screen.getByTestId("app-loading")).toBeTruthy();
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Check your External Client App in one click");
    expect(screen.queryByTestId("profile-list-empty")).toBeNull();
    list.resolve([]);
    await screen.findByTestId("app-ready");
    expect(screen.getByTestId("welcome")).toBeTruthy();
    expect(screen.getByTestId("profile-list-empty")).toBeTruthy();
  });

  it("waits for the profiles when an earlier launch left one selected (no welcome flash)", async () => {
    localStorage.setItem("eca-preflight.selected", "p1");
    const list = deferred<ReturnType<typeof view>[]>();
    fakeBackend({ list_profiles: () => list.promise, practice_scenarios: () => SCENARIOS });
    render(<App />);
    expect(screen.queryByTestId("welcome")).toBeNull();
    localStorage.clear();
  });

  it("offers the practice org first and prominently, next to Connect my org", async () => {
    fakeBackend({ list_profiles: () => [], practice_scenarios: () => SCENARIOS });
    render(<App />);
    await screen.findByTestId("app-ready");
    const practice = screen.getByTestId("practice-start");
    const connect = screen.getByTestId("connect-own-org");
    expect(practice.textContent).toBe("Try without an org");
    expect(practice.className).toContain("btn-primary");
    expect(connect.className).not.toContain("btn-primary");
    // Practice comes first in reading and Tab order.
    expect(practice.compareDocumentPosition(connect) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    // Only one practice-start button exists while the welcome screen is up.
    expect(screen.getAllByTestId("practice-start")).toHaveLength(1);
  });

  it("starts the practice org and opens its test screen with the scenario picker", async () => {
    const practice = (scenario: string) =>
      view({ id: "pr", name: "Practice org", target: { kind: "practice", scenario } }, true);
    const backend = fakeBackend({
      list_profiles: () => [],
      practice_scenarios: () => SCENARIOS,
      start_practice: ({ scenario }) => practice(scenario),
    });
    render(<App />);
    fireEvent.click(await screen.findByTestId("practice-start"));
    const select = (await screen.findByTestId("scenario-select")) as HTMLSelectElement;
    expect(backend.callsTo("start_practice")[0]?.args).toEqual({ scenario: "healthy" });
    expect(select.value).toBe("healthy");
    expect(screen.getByTestId("practice-bar").textContent).toContain("Practice org");
    expect(screen.getByTestId("run-check")).toBeTruthy();
    expect(screen.queryByTestId("welcome")).toBeNull();

    fireEvent.change(select, { target: { value: "wrong-secret" } });
    await waitFor(() => expect(backend.callsTo("start_practice")).toHaveLength(2));
    expect(backend.callsTo("start_practice")[1]?.args).toEqual({ scenario: "wrong-secret" });
    await waitFor(() =>
      expect(screen.getByTestId("scenario-description").textContent).toContain("Expect the diagnosis “The consumer secret is wrong”"),
    );
  });

  it("Connect my org opens an empty connection form", async () => {
    fakeBackend({
      list_profiles: () => [],
      practice_scenarios: () => SCENARIOS,
      new_profile: () => draftView(),
    });
    render(<App />);
    fireEvent.click(await screen.findByTestId("connect-own-org"));
    const name = (await screen.findByTestId("profile-name")) as HTMLInputElement;
    expect(name.value).toBe("My org");
    expect((screen.getByTestId("profile-domain") as HTMLInputElement).value).toBe("");
    expect(screen.getByTestId("tab-connection").getAttribute("aria-selected")).toBe("true");
  });

  it("goes straight to the saved profile when there is one", async () => {
    fakeBackend({ list_profiles: () => [view()], practice_scenarios: () => SCENARIOS });
    render(<App />);
    expect((await screen.findByTestId("profile-title")).textContent).toBe("Acme production");
    expect(screen.queryByTestId("welcome")).toBeNull();
    expect(screen.getByTestId("profile-list").textContent).toContain("Acme production");
  });
});
