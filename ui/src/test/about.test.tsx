import { fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { describe, expect, it } from "vitest";
import { App } from "../App";
import type { AboutInfo, UpdateCheck } from "../ipc/bindings";
import { About } from "../screens/About";
import { appHandlers, fakeBackend } from "./backend";

const INFO: AboutInfo = {
  version: "0.1.0",
  build: "release · 1a2b3c4 · x86_64-linux",
  homepage: "https://github.com/eca-preflight/eca-preflight",
  log_folder: "/home/ada/.local/share/dev.ecapreflight.desktop/logs",
  updates: { state: "on" },
};

function setup(check: UpdateCheck, info: AboutInfo = INFO) {
  const backend = fakeBackend({
    about: () => info,
    open_about: () => null,
    check_for_updates: () => check,
    install_update: () => null,
  });
  let closed = false;
  render(<About onClose={() => (closed = true)} />);
  return { backend, closed: () => closed };
}

describe("About", () => {
  it("is opened from the sidebar and names the version, the build and the log folder", async () => {
    fakeBackend(appHandlers({ about: () => INFO }));
    render(<App />);
    fireEvent.click(await screen.findByTestId("about-open"));
    expect(await screen.findByText("0.1.0")).toBeTruthy();
    expect(screen.getByText("release · 1a2b3c4 · x86_64-linux")).toBeTruthy();
    expect(screen.getByTestId("about-log-folder").textContent).toBe(INFO.log_folder);
    fireEvent.keyDown(screen.getByTestId("about"), { key: "Escape" });
    expect(screen.queryByTestId("about")).toBeNull();
  });

  it("opens the log folder through the app, not the browser", async () => {
    const { backend } = setup({ kind: "up_to_date", version: "0.1.0" });
    await screen.findByText("0.1.0");
    fireEvent.click(screen.getByTestId("about-open-logs"));
    await waitFor(() => expect(backend.callsTo("open_about")[0]?.args).toEqual({ link: "log_folder" }));
  });

  it("checks only when asked, and says when it is the newest version", async () => {
    const { backend } = setup({ kind: "up_to_date", version: "0.1.0" });
    await screen.findByText("0.1.0");
    expect(backend.callsTo("check_for_updates")).toHaveLength(0);
    fireEvent.click(screen.getByTestId("check-updates"));
    await waitFor(() =>
      expect(screen.getByTestId("updates-result").textContent).toBe("ECA Preflight 0.1.0 is the newest version."),
    );
  });

  it("offers a newer version with its notes, and installs it on request", async () => {
    const { backend } = setup({ kind: "available", version: "0.2.0", notes: "Faster checks.", date: "2026-11-30" });
    await screen.findByText("0.1.0");
    fireEvent.click(screen.getByTestId("check-updates"));
    const install = await screen.findByTestId("install-update");
    expect(screen.getByTestId("updates-result").textContent).toContain("Version 0.2.0 is available (released 2026-11-30).");
    expect(screen.getByText("Faster checks.")).toBeTruthy();
    fireEvent.click(install);
    await waitFor(() => expect(backend.callsTo("install_update")).toHaveLength(1));
  });

  it("offers the releases page when the update server cannot be reached", async () => {
    const backend = fakeBackend({
      about: () => INFO,
      open_about: () => null,
      check_for_updates: () => {
        throw {
          kind: "internal",
          message: "Could not reach the update server. Check this computer's internet connection (or proxy), or get the newest version from the releases page.",
        };
      },
    });
    render(<About onClose={() => undefined} />);
    await screen.findByText("0.1.0");
    fireEvent.click(screen.getByTestId("check-updates"));
    expect((await screen.findByTestId("updates-error")).textContent).toContain("Could not reach the update server");
    fireEvent.click(screen.getByTestId("updates-releases"));
    await waitFor(() => expect(backend.callsTo("open_about")[0]?.args).toEqual({ link: "releases" }));
  });

  it("says who turned the check off, and offers no button", async () => {
    setup(
      { kind: "up_to_date", version: "0.1.0" },
      { ...INFO, updates: { state: "off", reason: "Turned off by your organisation's policy (/etc/eca-preflight/policy.json)." } },
    );
    expect((await screen.findByTestId("updates-off")).textContent).toContain("/etc/eca-preflight/policy.json");
    expect(screen.queryByTestId("check-updates")).toBeNull();
  });
});
