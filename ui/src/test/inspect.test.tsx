import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/preact";
import { describe, expect, it } from "vitest";
import { App } from "../App";
import type { AdminLoginView, CheckReport, Inspection } from "../ipc/bindings";
import { deferred, diagnosis, fakeBackend, report, view } from "./backend";

const FOUND: Inspection = {
  app: { kind: "external_client_app", name: "Preflight_Integration", label: "Preflight Integration", id: "0xA", distribution_state: "Local", run_as: null },
  checks: [
    { label: "An app of this org has this consumer key", status: "passed", read: "ExtlClntAppGlobalOauthSettings X", finding: null },
    { label: "A Run As user is set", status: "failed", read: "ExtlClntAppOauthPlcyCnfg.ClientCredentialsFlowUser is empty", finding: "run_as_missing" },
    { label: "The Run As user exists", status: "not_read", read: "No Run As user is set", finding: null },
  ],
  findings: [
    {
      code: "run_as_missing",
      severity: "error",
      title: "No Run As user is set",
      read: "ExtlClntAppOauthPlcyCnfg.ClientCredentialsFlowUser is empty",
      fix: "Setup → External Client App Manager → Preflight Integration → Policies → Edit → OAuth Policies → Client Credentials Flow: enter the username.",
      setup_url: "https://acme.my.salesforce.com/lightning/setup/ManageExternalClientApplication/home",
      setup_label: "External Client App Manager",
      salesforce_says: "Restricted IP (Login History, 2026-12-05 14:02 UTC, from 203.0.113.9)",
    },
  ],
  login_history: {
    attempts: [
      { login_time: "2026-12-05T14:02:11.000+0000", status: "Restricted IP", login_type: "Remote Access 2.0", application: "Preflight Integration", source_ip: "203.0.113.9" },
      { login_time: "2026-12-05T13:00:00.000+0000", status: "Success", login_type: "Remote Access 2.0", application: "Preflight Integration", source_ip: "203.0.113.9" },
    ],
    note: null,
  },
};

function failedRunBackend(extra: Parameters<typeof fakeBackend>[0]) {
  const pending = deferred<CheckReport>();
  const backend = fakeBackend(
    {
      list_profiles: () => [view()],
      practice_scenarios: () => [],
      parse_domain: () => ({ ok: true, domain: null, error: null }),
      setup_links: () => [],
      run_check: () => pending.promise,
      ...extra,
    },
    { "plugin:opener|open_url": () => null },
  );
  return { backend, pending };
}

describe("Find the exact setting", () => {
  it("asks for an admin login, reads the settings and shows each finding with its Setup page", async () => {
    let kept: AdminLoginView | null = null;
    const { backend, pending } = failedRunBackend({
      kept_admin_login: () => kept,
      inspect_app: (args) => {
        if (args.login.source !== "kept" && "keep" in args.login && args.login.keep) kept = { host: "acme.my.salesforce.com", username: "admin@acme.com" };
        return FOUND;
      },
      forget_admin_login: () => {
        kept = null;
        return null;
      },
    });
    render(<App />);
    fireEvent.click(await screen.findByTestId("run-check"));
    await act(async () =>
      pending.resolve(report({ ok: false, diagnosis: diagnosis({ code: "run_as_user_missing" }) })),
    );
    fireEvent.click(await screen.findByTestId("inspect-open"));
    const panel = await screen.findByTestId("inspect");
    expect(document.activeElement?.id).toBe("inspect-title");
    fireEvent.click(within(panel).getByTestId("inspect-source-token"));
    fireEvent.input(within(panel).getByTestId("inspect-token"), { target: { value: "00Dadmin!tok" } });
    fireEvent.click(within(panel).getByTestId("inspect-keep"));
    fireEvent.click(within(panel).getByTestId("inspect-read"));
    await screen.findByTestId("inspect-result");
    expect(backend.callsTo("inspect_app")[0]?.args).toEqual({
      id: "p1",
      login: { source: "pasted", token: "00Dadmin!tok", keep: true },
    });
    expect(screen.getByTestId("inspect-summary").textContent).toContain("1 setting to fix");
    const checks = screen.getAllByTestId("inspect-check");
    expect(checks.map((c) => c.dataset.status)).toEqual(["passed", "failed", "not_read"]);
    expect(checks[1]!.textContent).toContain("Wrong: A Run As user is set");
    const finding = screen.getByTestId("inspect-finding");
    expect(finding.dataset.code).toBe("run_as_missing");
    // Salesforce's own words beside the finding, and the logins they come from.
    expect(within(finding).getByTestId("inspect-salesforce-says").textContent).toBe(
      "Salesforce says: Restricted IP (Login History, 2026-12-05 14:02 UTC, from 203.0.113.9)",
    );
    const logins = within(screen.getByTestId("inspect-login-history")).getAllByTestId("inspect-login-attempt");
    expect(logins.map((r) => r.textContent)).toEqual([
      "2026-12-05 14:02:11Restricted IPPreflight Integration203.0.113.9",
      "2026-12-05 13:00:00SuccessPreflight Integration203.0.113.9",
    ]);
    fireEvent.click(within(finding).getByTestId("inspect-open-setup"));
    await waitFor(() =>
      expect(backend.callsTo("plugin:opener|open_url")[0]?.args).toMatchObject({
        url: "https://acme.my.salesforce.com/lightning/setup/ManageExternalClientApplication/home",
      }),
    );
    // The kept login is offered next time, and can be forgotten.
    expect(await screen.findByTestId("inspect-kept")).toBeTruthy();
    expect(screen.getByTestId("inspect-kept").textContent).toContain("admin@acme.com");
    fireEvent.click(screen.getByTestId("inspect-forget"));
    await screen.findByTestId("inspect-login");
    expect(backend.callsTo("forget_admin_login")).toHaveLength(1);
    // The token typed is gone from the form.
    fireEvent.click(screen.getByTestId("inspect-source-token"));
    expect((screen.getByTestId("inspect-token") as HTMLInputElement).value).toBe("");
  });

  it("says why a login was refused and is not offered for other failures", async () => {
    const { pending } = failedRunBackend({
      kept_admin_login: () => null,
      inspect_app: () => {
        throw { kind: "bad_input", message: "Salesforce refused the admin login (INVALID_SESSION_ID)." };
      },
    });
    render(<App />);
    fireEvent.click(await screen.findByTestId("run-check"));
    await act(async () =>
      pending.resolve(report({ ok: false, diagnosis: diagnosis({ code: "flow_disabled" }) })),
    );
    fireEvent.click(await screen.findByTestId("inspect-open"));
    fireEvent.input(await screen.findByTestId("inspect-alias"), { target: { value: "acme" } });
    // The way Salesforce CLI gives a token today, not `sf org display` (it hides it).
    const hint = screen.getByTestId("inspect-login").textContent ?? "";
    expect(hint).toContain("sf org auth show-access-token --target-org acme --json");
    expect(hint).not.toContain("sf org display --json --target-org");
    fireEvent.click(screen.getByTestId("inspect-read"));
    expect((await screen.findByTestId("inspect-error")).textContent).toContain("refused the admin login");
    fireEvent.click(screen.getByTestId("inspect-close"));
    expect(screen.queryByTestId("inspect")).toBeNull();
  });

  it("forgets the error of one kind of login when the admin picks the other", async () => {
    const { pending } = failedRunBackend({
      kept_admin_login: () => null,
      inspect_app: () => {
        throw { kind: "not_found", message: "Salesforce CLI (sf) was not found on this computer." };
      },
    });
    render(<App />);
    fireEvent.click(await screen.findByTestId("run-check"));
    await act(async () =>
      pending.resolve(report({ ok: false, diagnosis: diagnosis({ code: "flow_disabled" }) })),
    );
    fireEvent.click(await screen.findByTestId("inspect-open"));
    fireEvent.input(await screen.findByTestId("inspect-alias"), { target: { value: "acme" } });
    fireEvent.click(screen.getByTestId("inspect-read"));
    expect((await screen.findByTestId("inspect-error")).textContent).toContain("was not found");
    fireEvent.click(screen.getByTestId("inspect-source-token"));
    expect(screen.queryByTestId("inspect-error")).toBeNull();
  });

  it("shows the refusal of a redacted token pasted from sf org display", async () => {
    const { backend, pending } = failedRunBackend({
      kept_admin_login: () => null,
      inspect_app: () => {
        throw {
          kind: "bad_input",
          message:
            "The pasted value is not an access token: it is Salesforce CLI's `[REDACTED] …` placeholder or holds a space, and tokens hold none. Salesforce CLI hides tokens since version 2.136.8; get one with `sf org auth show-access-token --target-org ALIAS --json` (its accessToken). Nothing was sent to the org.",
        };
      },
    });
    render(<App />);
    fireEvent.click(await screen.findByTestId("run-check"));
    await act(async () =>
      pending.resolve(report({ ok: false, diagnosis: diagnosis({ code: "run_as_user_missing" }) })),
    );
    fireEvent.click(await screen.findByTestId("inspect-open"));
    fireEvent.click(await screen.findByTestId("inspect-source-token"));
    fireEvent.input(screen.getByTestId("inspect-token"), {
      target: { value: "[REDACTED] Use 'sf org auth show-access-token' to view" },
    });
    fireEvent.click(screen.getByTestId("inspect-read"));
    const error = await screen.findByTestId("inspect-error");
    expect(error.textContent).toContain("sf org auth show-access-token");
    expect(error.getAttribute("role")).toBe("alert");
    expect(backend.callsTo("inspect_app")).toHaveLength(1);
    expect(screen.queryByTestId("inspect-result")).toBeNull();
  });

  it("is not offered where no setting explains the failure", async () => {
    const { pending } = failedRunBackend({});
    render(<App />);
    fireEvent.click(await screen.findByTestId("run-check"));
    await act(async () =>
      pending.resolve(report({ ok: false, diagnosis: diagnosis({ code: "record_create_denied" }) })),
    );
    await screen.findByTestId("run-again");
    expect(screen.queryByTestId("inspect-open")).toBeNull();
  });
});
