// Dev-only: the UI against a scripted fake back end, to look at every screen in a browser without
// building Rust (`npm run dev`, then open /dev/preview.html). Never part of the build.
import { mockIPC, mockWindows } from "@tauri-apps/api/mocks";
import { render } from "preact";
import { App } from "../src/App";
import type { CheckReport, ProfileView, StepResult } from "../src/ipc/bindings";
import { STEPS } from "../src/ipc/bindings";
import { viewOf } from "../src/test/backend";
import "../src/styles.css";

const params = new URLSearchParams(location.search);
const fail = params.get("fail"); // e.g. ?fail=token
let profiles: ProfileView[] = params.has("empty")
  ? []
  : [
      viewOf(
        {
          id: "p1",
          name: "Acme production",
          target: { kind: "org", domain: "acme.my.salesforce.com" },
          client_id: "3MVG9EXAMPLE",
          api_version: "latest",
          object: "Account",
          fields: {},
          create_record: true,
          keep_record: false,
          setup_done: ["create_app"],
          proxy: "",
          ca_cert_file: "",
          rotation: { staged_client_id: "", previous_client_id: "", old_pair_expires_at: null },
          last_result: { ok: false, code: "client_secret_invalid", at: "2026-11-20T09:00:00Z" },
        },
        { stored: true, last4: "WXYZ" },
      ),
    ];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let cancelled = false;

mockWindows("main");
mockIPC(async (cmd, raw) => {
  const args = (raw ?? {}) as Record<string, any>;
  switch (cmd) {
    case "list_profiles":
      return profiles;
    case "new_profile":
      return viewOf(
        { ...profiles[0]!.profile, id: "", name: "My org", target: { kind: "org", domain: "" }, client_id: "", setup_done: [], last_result: null },
        { stored: false, last4: null },
      );
    case "practice_scenarios":
      return [
        { id: "healthy", title: "Healthy app", description: "Everything is set up as it should be.", expected_code: null },
        { id: "wrong-secret", title: "Wrong consumer secret", description: "The secret does not match the app.", expected_code: "client_secret_invalid" },
      ];
    case "save_profile": {
      const p = { ...args.profile, id: args.profile.id || `p${profiles.length + 1}` };
      const v = viewOf(p, profiles.find((x) => x.profile.id === p.id)?.secret ?? { stored: false, last4: null });
      profiles = profiles.some((x) => x.profile.id === p.id) ? profiles.map((x) => (x.profile.id === p.id ? v : x)) : [...profiles, v];
      return v;
    }
    case "save_secret":
      return { stored: true, last4: String(args.secret).slice(-4) };
    case "forget_secret":
      return { stored: false, last4: null };
    case "parse_domain":
      return String(args.input).includes("login.salesforce.com")
        ? { ok: false, domain: null, error: { code: "not_my_domain", message: "login.salesforce.com does not support the Client Credentials flow. Use your org's My Domain instead (Setup → My Domain → Current My Domain URL), e.g. acme.my.salesforce.com." } }
        : { ok: true, domain: { host: "acme.my.salesforce.com", base_url: "https://acme.my.salesforce.com", kind: "production", my_domain_name: "acme", sandbox_name: null, note: null }, error: null };
    case "setup_links":
      return [
        { step: "create_app", label: "External Client App Manager", url: "https://acme.my.salesforce.com/lightning/setup/ManageExternalClientApplication/home" },
        { step: "my_domain", label: "My Domain", url: "https://acme.my.salesforce.com/lightning/setup/OrgDomain/home" },
      ];
    case "start_practice":
      return profiles[0];
    case "cancel_check":
      cancelled = true;
      return null;
    case "describe_required":
      return [{ name: "Name", label: "Account Name", field_type: "string", value: "ECA Preflight test", picklist_values: [] }];
    case "list_objects":
      return [{ name: "Account", label: "Account", custom: false }];
    case "last_report":
      return "# report";
    case "run_check": {
      cancelled = false;
      const steps: StepResult[] = [];
      let index = 0;
      let failed = false;
      for (const { id } of STEPS) {
        const send = (s: StepResult) =>
          (window as any).__TAURI_INTERNALS__.runCallback(args.onEvent.id, { index: index++, message: { kind: "step", step: s } });
        if (failed || cancelled) {
          const s: StepResult = { id, status: "skipped", ms: null, summary: null, warning: null };
          send(s);
          steps.push(s);
          continue;
        }
        send({ id, status: "running", ms: null, summary: null, warning: null });
        await sleep(350);
        failed = id === fail;
        const s: StepResult = { id, status: failed ? "failed" : "passed", ms: 120 + index * 7, summary: id === "identity" ? "integration@acme.com" : null, warning: null };
        send(s);
        steps.push(s);
      }
      const report: CheckReport = {
        schema_version: 1,
        tool_version: "0.1.0",
        network: { proxy: null, proxy_from_environment: false, extra_ca: false },
        token_kept: null,
        ok: !failed && !cancelled,
        cancelled,
        steps,
        diagnosis: failed
          ? {
              code: "run_as_user_missing",
              title: "No Run As user is set for the Client Credentials flow",
              cause: "The app has no Run As user, the flow is off on the Policies tab, or Run As holds an email address instead of a username.",
              fix: ["Open External Client App Manager and click your app.", "On the Policies tab click Edit, then under OAuth Policies tick Enable Client Credentials Flow.", "In Run As, enter the integration user's username (not the email address) and Save.", "Wait up to 10 minutes, then run the test again."],
              setup_url: "https://acme.my.salesforce.com/lightning/setup/ManageExternalClientApplication/home",
              setup_label: "External Client App Manager",
              doc_url: "https://help.salesforce.com/",
              configuration_problem: true,
              step: "token",
              details: { status: 400, content_type: "application/json", body: '{"error":"invalid_grant","error_description":"no client credentials user enabled"}', body_kind: "json", request: "POST /services/oauth2/token" },
            }
          : null,
        warnings: [],
        identity: failed ? null : { username: "integration@acme.com", user_id: "005000000000001AAA", org_id: "00D000000000001EAA", display_name: "Integration User", email: null, is_integration_user: true, user_type: "STANDARD", active: true, source: "userinfo" },
        record: failed ? null : { object: "Account", id: "001000000000001AAA", url: "https://acme.lightning.force.com/lightning/r/Account/001000000000001AAA/view", fields: { Name: "ECA Preflight test" }, required_fields: [], created: true, read_back: true, deleted: !params.has("leftover"), kept: false },
        org: { host: "acme.my.salesforce.com", kind: "production", api_version: "68.0", api_release: "Winter '27", latest_api_version: "68.0", instance_url: null, api_usage: { used: 42, max: 15000 }, scopes: ["api", "openid"], token_type: "Bearer" },
        client_id_masked: "3MVG9…MPLE",
        started_at: new Date().toISOString(),
        total_ms: 1400,
      };
      return report;
    }
    default:
      return null;
  }
});

const root = document.getElementById("app");
if (root) render(<App />, root);
