import { fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { describe, expect, it } from "vitest";
import { App } from "../App";
import type { Profile } from "../ipc/bindings";
import { fakeBackend, view, viewOf } from "./backend";

describe("company network settings", () => {
  it("saves a proxy with a user, keeps its password write-only, and picks an extra CA file", async () => {
    const saved = view({}, true);
    let current = saved;
    const backend = fakeBackend(
      {
        list_profiles: () => [saved],
        practice_scenarios: () => [],
        parse_domain: () => ({ ok: true, domain: null, error: null }),
        setup_links: () => [],
        save_profile: ({ profile }) => {
          current = viewOf(profile, saved.secret);
          return current;
        },
        save_proxy_password: () => viewOf(current.profile, current.secret, { stored: true, last4: null }),
        proxy_needs_password: ({ proxy }) => /@/.test(proxy),
      },
      { "plugin:dialog|open": () => "/home/admin/company-root.pem" },
    );
    render(<App />);
    fireEvent.click(await screen.findByTestId("tab-connection"));
    expect(screen.queryByTestId("proxy-password")).toBeNull();
    fireEvent.input(screen.getByTestId("profile-proxy"), {
      target: { value: "http://ci@proxy.acme.example:3128" },
    });
    const password = (await screen.findByTestId("proxy-password")) as HTMLInputElement;
    expect(password.type).toBe("password");
    fireEvent.click(screen.getByTestId("choose-ca"));
    await waitFor(() =>
      expect(screen.getByTestId("profile-ca-file").textContent).toBe("/home/admin/company-root.pem"),
    );
    fireEvent.input(password, { target: { value: "Pr0xy-Pa55" } });
    fireEvent.click(screen.getByTestId("proxy-save-secret"));
    await waitFor(() => expect(backend.callsTo("save_proxy_password")).toHaveLength(1));
    // The address changed, so the profile is saved first; the password goes to its own command.
    const profile = backend.callsTo("save_profile")[0]?.args.profile as Profile;
    expect(profile.proxy).toBe("http://ci@proxy.acme.example:3128");
    expect(profile.ca_cert_file).toBe("/home/admin/company-root.pem");
    expect(JSON.stringify(profile)).not.toContain("Pr0xy-Pa55");
    expect(backend.callsTo("save_proxy_password")[0]?.args).toEqual({ id: "p1", password: "Pr0xy-Pa55" });
    // Stored: the field is gone, only the status is shown.
    await waitFor(() =>
      expect(screen.getByTestId("proxy-secret-status").getAttribute("data-stored")).toBe("true"),
    );
    expect(screen.queryByTestId("proxy-password")).toBeNull();
    expect(document.body.textContent).not.toContain("Pr0xy-Pa55");
  });
});
