// Changes made with the admin's login: "Set it up for me", "Fix in Salesforce", "Rotate for me".
// Each shows its before → after sheet and sends nothing until it is confirmed.
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/preact";
import { useState } from "preact/hooks";
import { describe, expect, it } from "vitest";
import { App } from "../App";
import type { CheckReport, CreatePlan, FixPlan, Inspection, ProfileView } from "../ipc/bindings";
import { RotateCredentials } from "../parts/RotateCredentials";
import { appHandlers, deferred, diagnosis, fakeBackend, report, view } from "./backend";

const USERS = [
  { id: "005A", username: "admin@acme.com", name: "Ada Admin", profile: "System Administrator", active: true, api_enabled: true },
  { id: "005B", username: "int@acme.com", name: "Integration", profile: "Minimum Access - API Only Integrations", active: true, api_enabled: true },
];

const PLAN: CreatePlan = {
  app: "Acme_production",
  host: "acme.my.salesforce.com",
  org_kind: "production",
  run_as: USERS[1]!,
  components: [
    { phase: 1, component: { kind: "ExternalClientApplication", full_name: "Acme_production", fields: [["label", "Acme production"]] } },
    {
      phase: 2,
      component: {
        kind: "ExtlClntAppOauthConfigurablePolicies",
        full_name: "Acme_production_oauthPlcy",
        fields: [["clientCredentialsFlowUser", "int@acme.com"]],
      },
    },
  ],
};

describe("Set it up for me", () => {
  it("signs in, offers the API users as Run As, shows every setting first, then makes the app and tests it", async () => {
    const made = view({ client_id: "3MVG9MADE" });
    const backend = fakeBackend(
      appHandlers({
        kept_admin_login: () => null,
        run_as_users: () => USERS,
        plan_new_app: () => PLAN,
        create_new_app: () => ({
          created: { name: "Acme_production", id: "0xA1", client_id: "3MVG9MADE", secret_unavailable: null, setup_url: "https://acme.my.salesforce.com/x" },
          view: made,
          secret_stored: true,
          secret_note: null,
        }),
        run_check: () => report(),
      }),
    );
    render(<App />);
    fireEvent.click(await screen.findByTestId("tab-guide"));
    const panel = await screen.findByTestId("setup-for-me");
    fireEvent.click(within(panel).getByTestId("setup-source-token"));
    fireEvent.input(within(panel).getByTestId("setup-token"), { target: { value: "00Dadmin!tok" } });
    fireEvent.click(within(panel).getByTestId("setup-read"));
    const runAs = (await screen.findByTestId("setup-run-as")) as HTMLSelectElement;
    // The integration user is picked for the admin; every API user is offered.
    expect(runAs.value).toBe("int@acme.com");
    expect(within(runAs).getAllByRole("option").map((o) => o.textContent)).toEqual([
      "admin@acme.com — Ada Admin (System Administrator)",
      "int@acme.com — Integration (Minimum Access - API Only Integrations)",
    ]);
    expect((screen.getByTestId("setup-name") as HTMLInputElement).value).toBe("Acme_production");
    await waitFor(() => expect((screen.getByTestId("setup-review") as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(screen.getByTestId("setup-review"));
    const sheet = await screen.findByTestId("change-sheet");
    expect(within(sheet).getAllByTestId("change-row").map((r) => r.textContent)).toEqual([
      "The app — Acme_production (deploy 1)label(not set)Acme production",
      "Policies tab (OAuth policies) — Acme_production_oauthPlcy (deploy 2)clientCredentialsFlowUser(not set)int@acme.com",
    ]);
    expect(screen.getByTestId("setup-sheet-org").textContent).toContain("a production org");
    // Nothing is made before the admin confirms.
    expect(backend.callsTo("create_new_app")).toHaveLength(0);
    fireEvent.click(screen.getByTestId("confirm-ok"));
    await screen.findByTestId("setup-done");
    const args = backend.callsTo("create_new_app")[0]?.args as Record<string, unknown>;
    expect(args.login).toEqual({ source: "pasted", token: "00Dadmin!tok", keep: false });
    expect(args.app).toEqual({ name: "Acme_production", label: "Acme production", contact_email: "", run_as: "int@acme.com", scopes: [] });
    // The new pair is tested at once, trying again while Salesforce spreads the new app.
    await waitFor(() => expect(backend.callsTo("run_check")).toHaveLength(1));
    expect(backend.callsTo("run_check")[0]?.args.options).toMatchObject({ keep_trying: true });
  });

  it("says what a half-made app left in the org, and removes it only after its own confirmation", async () => {
    const backend = fakeBackend(
      appHandlers({
        kept_admin_login: () => ({ host: "acme.my.salesforce.com", username: "admin@acme.com" }),
        run_as_users: () => USERS,
        plan_new_app: () => PLAN,
        create_new_app: () => {
          throw {
            kind: "half_done",
            message: "The app was only half made.",
            exists: ["ExternalClientApplication Acme_production"],
          };
        },
        remove_new_app: () => ["ExternalClientApplication Acme_production"],
      }),
    );
    render(<App />);
    fireEvent.click(await screen.findByTestId("tab-guide"));
    await screen.findByTestId("setup-kept");
    fireEvent.click(screen.getByTestId("setup-read"));
    const review = (await screen.findByTestId("setup-review")) as HTMLButtonElement;
    await waitFor(() => expect(review.disabled).toBe(false));
    fireEvent.click(review);
    await screen.findByTestId("change-sheet");
    fireEvent.click(screen.getByTestId("confirm-ok"));
    const half = await screen.findByTestId("setup-half-done");
    expect(half.textContent).toContain("ExternalClientApplication Acme_production");
    expect(backend.callsTo("create_new_app")[0]?.args.login).toEqual({ source: "kept" });
    fireEvent.click(within(half).getByTestId("setup-remove"));
    expect(backend.callsTo("remove_new_app")).toHaveLength(0);
    fireEvent.click(await screen.findByTestId("confirm-ok"));
    expect((await screen.findByTestId("setup-removed")).textContent).toContain("Acme_production");
  });
});

const BROKEN: Inspection = {
  app: { kind: "external_client_app", name: "Acme", label: "Acme", id: "0xA", distribution_state: "Local", run_as: null },
  checks: [{ label: "A Run As user is set", status: "failed", read: "empty", finding: "run_as_missing" }],
  findings: [
    {
      code: "run_as_missing",
      severity: "error",
      title: "No Run As user is set",
      read: "empty",
      fix: "Set it.",
      setup_url: null,
      setup_label: null,
      salesforce_says: null,
    },
  ],
  login_history: { attempts: [], note: null },
};

const FIX: FixPlan = {
  app: "Acme",
  host: "acme.my.salesforce.com",
  changes: [
    {
      component: "Acme_oauthPlcy",
      kind: "ExtlClntAppOauthConfigurablePolicies",
      setting: "clientCredentialsFlowUser",
      before: null,
      after: "int@acme.com",
      mends: "run_as_missing",
    },
  ],
  listed_only: [],
  needs: [],
  components: [],
};

describe("Fix in Salesforce", () => {
  it("asks for the Run As user the fix needs, shows before → after, deploys, reads again and tests", async () => {
    const pending = deferred<CheckReport>();
    let runs = 0;
    const backend = fakeBackend(
      appHandlers({
        kept_admin_login: () => null,
        run_check: () => (runs++ === 0 ? pending.promise : report()),
        inspect_app: () => BROKEN,
        plan_fix: ({ runAs }) => (runAs ? FIX : { ...FIX, changes: [], needs: ["a Run As username"] }),
        run_as_users: () => USERS,
        apply_fix: () => ({ ...BROKEN, checks: [], findings: [] }),
      }),
    );
    render(<App />);
    fireEvent.click(await screen.findByTestId("run-check"));
    await act(async () => pending.resolve(report({ ok: false, diagnosis: diagnosis({ code: "run_as_user_missing" }) })));
    fireEvent.click(await screen.findByTestId("inspect-open"));
    fireEvent.click(await screen.findByTestId("inspect-source-token"));
    fireEvent.input(screen.getByTestId("inspect-token"), { target: { value: "00Dadmin!tok" } });
    fireEvent.click(screen.getByTestId("inspect-read"));
    fireEvent.click(await screen.findByTestId("fix-open"));
    const picker = (await screen.findByTestId("fix-run-as")) as HTMLSelectElement;
    fireEvent.change(picker, { target: { value: "int@acme.com" } });
    await waitFor(() => expect((screen.getByTestId("fix-open") as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(screen.getByTestId("fix-open"));
    const row = await screen.findByTestId("change-row");
    expect(row.textContent).toBe("Policies tab (OAuth policies) — Acme_oauthPlcyclientCredentialsFlowUser(not set)int@acme.com");
    expect(backend.callsTo("plan_fix")[1]?.args.runAs).toBe("int@acme.com");
    expect(backend.callsTo("apply_fix")).toHaveLength(0);
    fireEvent.click(screen.getByTestId("confirm-ok"));
    expect((await screen.findByTestId("fix-done")).textContent).toContain("the app's settings are right now");
    expect(backend.callsTo("apply_fix")[0]?.args.login).toEqual({ source: "pasted", token: "00Dadmin!tok", keep: false });
    // The test runs again at once (its new result replaces the inspection of the old failure).
    await waitFor(() => expect(backend.callsTo("run_check")).toHaveLength(2));
    expect(backend.callsTo("run_check")[1]?.args.options).toMatchObject({ keep_trying: true });
  });
});

function Harness({ initial }: { initial: ProfileView }) {
  const [v, setV] = useState(initial);
  return <RotateCredentials view={v} onSaved={setV} />;
}

describe("Rotate for me", () => {
  it("shows what changes, rotates, says when the old pair stops, and deletes it after a confirmation", async () => {
    const rotated: ProfileView = {
      ...view({ client_id: "3MVG9NEW", rotation: { staged_client_id: "", previous_client_id: "3MVG9EXAMPLEKEY", old_pair_expires_at: "2027-01-04T10:00:00Z" } }),
      old_pair_note: "the old pair stops working on 2027-01-04 (30 days)",
    };
    const backend = fakeBackend({
      kept_admin_login: () => null,
      setup_links: () => [],
      rotate_credentials: () => rotated,
      finish_rotation: () => view({ client_id: "3MVG9NEW" }),
    });
    render(<Harness initial={view()} />);
    fireEvent.click(screen.getByTestId("rotate-toggle"));
    fireEvent.input(screen.getByTestId("rotate-admin-alias"), { target: { value: "acme" } });
    fireEvent.click(screen.getByTestId("rotate-admin-read"));
    const rows = (await screen.findAllByTestId("change-row")).map((r) => r.textContent);
    expect(rows[0]).toContain("3MVG9EXAMPLE…");
    expect(backend.callsTo("rotate_credentials")).toHaveLength(0);
    fireEvent.click(screen.getByTestId("confirm-ok"));
    expect((await screen.findByTestId("rotate-done")).textContent).toContain("passed a real token request");
    expect(screen.getByTestId("rotate-old-pair").textContent).toContain("the old pair stops working on 2027-01-04 (30 days)");
    expect(backend.callsTo("rotate_credentials")[0]?.args).toMatchObject({
      id: "p1",
      login: { source: "salesforce_cli", alias: "acme", keep: false },
      existing: "refuse",
    });
    expect(screen.getByTestId("rotate-old-pair").textContent).toContain("3MVG9EXAMPLE…");
    fireEvent.click(screen.getByTestId("rotate-delete-old"));
    expect(backend.callsTo("finish_rotation")).toHaveLength(0);
    fireEvent.click(await screen.findByTestId("confirm-ok"));
    await waitFor(() => expect(screen.queryByTestId("rotate-old-pair")).toBeNull());
    expect(backend.callsTo("finish_rotation")[0]?.args.login).toEqual({ source: "salesforce_cli", alias: "acme", keep: false });
  });

  it("offers to use or replace a pair already staged", async () => {
    let tries = 0;
    const backend = fakeBackend({
      kept_admin_login: () => ({ host: "acme.my.salesforce.com", username: null }),
      setup_links: () => [],
      rotate_credentials: () => {
        if (tries++ === 0) throw { kind: "staged_exists", message: "The consumer already has a staged pair (3 days old)" };
        return view({ client_id: "3MVG9NEW" });
      },
    });
    render(<Harness initial={view()} />);
    fireEvent.click(screen.getByTestId("rotate-toggle"));
    await screen.findByTestId("rotate-admin-kept");
    fireEvent.click(screen.getByTestId("rotate-admin-read"));
    fireEvent.click(await screen.findByTestId("confirm-ok"));
    expect((await screen.findByTestId("rotate-staged-exists")).textContent).toContain("3 days old");
    fireEvent.click(screen.getByTestId("rotate-use-staged"));
    await screen.findByTestId("rotate-done");
    expect(backend.callsTo("rotate_credentials")[1]?.args).toMatchObject({ login: { source: "kept" }, existing: "use" });
  });
});
