import { fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { useState } from "preact/hooks";
import { describe, expect, it, vi } from "vitest";
import type { Profile, ProfileView } from "../ipc/bindings";
import { CALLBACK_URL, GUIDE, uncoveredSetupSteps } from "../lib/setupGuide";
import { SetupGuide } from "../parts/SetupGuide";
import { fakeBackend, view } from "./backend";

function Harness({ initial, onChange }: { initial: ProfileView; onChange?: (p: Profile) => void }) {
  const [v, setV] = useState(initial);
  return (
    <SetupGuide
      view={v}
      onChange={async (p) => {
        onChange?.(p);
        setV({ ...v, profile: p });
      }}
      onError={() => {}}
    />
  );
}

describe("SetupGuide", () => {
  it("covers every setup step Rust knows", () => {
    expect(uncoveredSetupSteps()).toEqual([]);
  });

  it("teaches the traps: both flow switches, username not email, scopes, 10 minutes", () => {
    fakeBackend({ setup_links: () => [] });
    render(<Harness initial={view()} />);
    const text = document.body.textContent ?? "";
    expect(text).toContain("Manage user data via APIs (api)");
    expect(text).toContain("openid");
    expect(text).toContain("must be on in both places");
    expect(text).toContain("username");
    expect(text).toContain("often is not their email");
    expect(text).toContain("Admin approved users are pre-authorized");
    expect(text).toContain("verification code");
    expect(text).toContain("Current My Domain URL");
    expect(text).toContain("10 minutes");
  });

  it("saves ticks with the profile", async () => {
    fakeBackend({ setup_links: () => [] });
    const onChange = vi.fn();
    render(<Harness initial={view({ setup_done: ["create_app"] })} onChange={onChange} />);
    expect(screen.getByTestId("guide-progress").getAttribute("value")).toBe("1");
    fireEvent.click(screen.getByTestId("guide-tick-policies"));
    await waitFor(() => expect(onChange).toHaveBeenCalledTimes(1));
    expect(onChange.mock.calls[0]![0].setup_done).toEqual(["create_app", "policies"]);
    expect(screen.getByText(`2 of ${GUIDE.length} steps done`)).toBeTruthy();
  });

  it("opens each step's Setup page of the admin's org", async () => {
    const opened: string[] = [];
    const url = "https://acme.my.salesforce.com/lightning/setup/ManageExternalClientApplication/home";
    const backend = fakeBackend(
      {
        setup_links: () => [
          { step: "create_app", label: "External Client App Manager", url },
          { step: "my_domain", label: "My Domain", url: "https://acme.my.salesforce.com/lightning/setup/OrgDomain/home" },
        ],
      },
      { "plugin:opener|open_url": (a) => void opened.push(a.url as string) },
    );
    render(<Harness initial={view()} />);
    const button = await screen.findByTestId("guide-open-create_app");
    expect(backend.callsTo("setup_links")[0]?.args).toEqual({ id: "p1" });
    expect(button.textContent).toBe("Open External Client App Manager");
    fireEvent.click(button);
    await waitFor(() => expect(opened).toEqual([url]));
    expect(screen.queryByTestId("guide-open-wait")).toBeNull();
  });

  it("has no Setup buttons until the domain is known, and says why", () => {
    const backend = fakeBackend({ setup_links: () => [] });
    render(<Harness initial={view({ domain: "" })} />);
    expect(screen.getByTestId("guide-no-links").textContent).toContain("My Domain");
    expect(screen.queryByTestId("guide-open-create_app")).toBeNull();
    expect(backend.callsTo("setup_links")).toHaveLength(0);
  });

  it("copies the callback URL", async () => {
    const writeText = vi.fn(async (_: string) => {});
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
    fakeBackend({ setup_links: () => [] });
    render(<Harness initial={view()} />);
    fireEvent.click(screen.getByLabelText(`Copy Callback URL: ${CALLBACK_URL}`));
    await waitFor(() => expect(writeText).toHaveBeenCalledWith("http://localhost:1717/callback"));
  });

  it("says a refused copy beside its button, and clears it once a copy works", async () => {
    const writeText = vi.fn(async (_: string) => {});
    writeText.mockRejectedValueOnce(new Error("denied"));
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
    Object.defineProperty(document, "execCommand", { value: () => false, configurable: true });
    fakeBackend({ setup_links: () => [] });
    render(<Harness initial={view()} />);
    const copy = screen.getByLabelText(`Copy Callback URL: ${CALLBACK_URL}`);
    fireEvent.click(copy);
    const error = await screen.findByTestId("guide-copy-error");
    expect(error.textContent).toBe("The system clipboard refused the copy.");
    expect(copy.closest("li")?.contains(error)).toBe(true);
    fireEvent.click(copy);
    await waitFor(() => expect(screen.queryByTestId("guide-copy-error")).toBeNull());
    expect(screen.getByText("Copied")).toBeTruthy();
  });
});
