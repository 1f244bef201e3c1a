// A fake Rust side for component tests: mockIPC with per-command handlers, typed by the generated
// Commands map, recording every call so tests can assert what the UI asked for. Like Rust, it
// sends profiles-changed after a command answers with a profile's view or deletes one.
import { emit } from "@tauri-apps/api/event";
import { mockIPC } from "@tauri-apps/api/mocks";
import type {
  CheckReport,
  CommandName,
  Commands,
  Diagnosis,
  Profile,
  ProfileView,
  SecretStatus,
  StepResult,
} from "../ipc/bindings";
import { PROFILES_CHANGED, STEPS } from "../ipc/bindings";

type Handler<K extends CommandName> = (
  args: Commands[K]["args"],
) => Commands[K]["result"] | Promise<Commands[K]["result"]>;

export type Handlers = { [K in CommandName]?: Handler<K> };

/** Plugin commands (opener, dialog) by their IPC names. */
export type PluginHandlers = Record<string, (args: Record<string, unknown>) => unknown>;

export interface Call {
  cmd: string;
  args: Record<string, unknown>;
}

/** The commands after which Rust sends profiles-changed (with delete_profile; run_check too, whose last result the fake does not keep). */
const CHANGES_PROFILES = new Set([
  "save_profile",
  "duplicate_profile",
  "save_secret",
  "forget_secret",
  "save_proxy_password",
  "forget_proxy_password",
  "stage_credentials",
  "switch_to_staged",
  "check_old_refused",
  "start_practice",
]);

function isView(value: unknown): value is ProfileView {
  return typeof value === "object" && value !== null && "profile" in value && "run_inputs" in value;
}

export function fakeBackend(handlers: Handlers, plugins: PluginHandlers = {}) {
  const calls: Call[] = [];
  // The list as the fake's list_profiles answered it, with every view a command answered since.
  let listed: ProfileView[] = [];
  const changed = (list: ProfileView[]) => {
    listed = list;
    void emit(PROFILES_CHANGED, list);
  };
  const withView = (view: ProfileView) => {
    const known = listed.some((v) => v.profile.id === view.profile.id);
    changed(known ? listed.map((v) => (v.profile.id === view.profile.id ? view : v)) : [...listed, view]);
  };
  mockIPC(
    async (cmd, payload) => {
      const args = (payload ?? {}) as Record<string, unknown>;
      calls.push({ cmd, args });
      const plugin = plugins[cmd];
      if (plugin) return plugin(args);
      const handler = (handlers as Record<string, ((a: unknown) => unknown) | undefined>)[cmd];
      if (!handler) {
        if (cmd.startsWith("plugin:")) return null;
        throw { kind: "internal", message: `test: no handler for ${cmd}` };
      }
      const answer = await handler(args);
      if (cmd === "list_profiles") listed = answer as ProfileView[];
      else if (cmd === "delete_profile") changed(listed.filter((v) => v.profile.id !== args.id));
      else if (!CHANGES_PROFILES.has(cmd)) return answer;
      else if (isView(answer)) withView(answer);
      else if (typeof answer === "object" && answer !== null && isView((answer as { view?: unknown }).view))
        withView((answer as { view: ProfileView }).view);
      return answer;
    },
    { shouldMockEvents: true },
  );
  return {
    calls,
    callsTo: (cmd: string) => calls.filter((c) => c.cmd === cmd),
  };
}

/**
 * What the whole App needs to open on one saved profile (the list, no practice scenarios, no
 * leftovers), plus `extra` handlers for what a test exercises.
 */
export function appHandlers(extra: Handlers = {}): Handlers {
  return {
    list_profiles: () => [view()],
    practice_scenarios: () => [],
    parse_domain: () => ({ ok: true, domain: null, error: null }),
    setup_links: () => [],
    leftovers: () => [],
    org_changes: () => [],
    proxy_needs_password: ({ proxy }) => /@/.test(proxy),
    ...extra,
  };
}

/** A profile's fields, with `domain` / `practice` as shorthands for its target. */
export type ProfileOver = Partial<Profile> & { domain?: string; practice?: boolean };

export function profile(over: ProfileOver = {}): Profile {
  const { domain = "acme.my.salesforce.com", practice = false, ...rest } = over;
  return {
    id: "p1",
    name: "Acme production",
    target: practice ? { kind: "practice", scenario: "healthy" } : { kind: "org", domain },
    client_id: "3MVG9EXAMPLEKEY",
    api_version: "latest",
    object: "Account",
    fields: {},
    create_record: true,
    keep_record: false,
    setup_done: [],
    proxy: "",
    ca_cert_file: "",
    last_result: null,
    rotation: { staged_client_id: "", previous_client_id: "", old_pair_expires_at: null },
    ...rest,
  };
}

/** What new_profile answers: Rust's defaults. */
export function draftView(name = "My org"): ProfileView {
  return view({ id: "", name, domain: "", client_id: "" }, false);
}

export function view(over: ProfileOver = {}, stored = true): ProfileView {
  return viewOf(profile(over), stored ? { stored: true, last4: "WXYZ" } : { stored: false, last4: null });
}

const NO_SECRET: SecretStatus = { stored: false, last4: null };

/**
 * A stand-in for Rust's `ProfileView::new`: what follows from the profile, close enough for the
 * UI to be tested against (the rules themselves are tested in Rust).
 */
export function viewOf(p: Profile, secret: SecretStatus, proxy_password: SecretStatus = NO_SECRET): ProfileView {
  const draft = p.id === "";
  const org = p.target.kind === "org";
  const blocked = draft
    ? "Save this profile on the Connection tab first."
    : org && p.client_id.trim() === ""
      ? "Enter the consumer key on the Connection tab first."
      : org && !secret.stored
        ? "Save the consumer secret on the Connection tab first."
        : null;
  const { name: _name, setup_done: _done, last_result: _last, rotation: _rotation, ...used } = p;
  return {
    profile: p,
    secret,
    proxy_password,
    draft,
    blocked,
    run_inputs: JSON.stringify([used, secret]),
    proxy_needs_password: /@/.test(p.proxy),
    old_pair_note: null,
  };
}

export function step(id: StepResult["id"], status: StepResult["status"], ms: number | null = null): StepResult {
  return { id, status, ms, summary: null, warning: null };
}

export function diagnosis(over: Partial<Diagnosis> = {}): Diagnosis {
  return {
    code: "run_as_user_missing",
    title: "No Run As user is set for the Client Credentials flow",
    cause: "The app has no Run As user, or Run As holds an email address instead of a username.",
    fix: [
      "Open External Client App Manager and click your app.",
      "On the Policies tab click Edit and enable Client Credentials Flow.",
      "Set Run As to the integration user's username.",
    ],
    setup_url: "https://acme.my.salesforce.com/lightning/setup/ManageExternalClientApplication/home",
    setup_label: "External Client App Manager",
    doc_url: "https://help.salesforce.com/s/articleView?id=xcloud.remoteaccess_oauth_client_credentials_flow.htm",
    step: "token",
    details: {
      status: 400,
      content_type: "application/json",
      body: '{"error":"invalid_grant","error_description":"no client credentials user enabled"}',
      body_kind: "json",
      request: "POST /services/oauth2/token",
    },
    configuration_problem: true,
    ...over,
  };
}

export function report(over: Partial<CheckReport> = {}): CheckReport {
  return {
    schema_version: 1,
    tool_version: "0.1.0",
    ok: true,
    cancelled: false,
    steps: STEPS.map((s) => step(s.id, "passed", 12)),
    diagnosis: null,
    warnings: [],
    identity: {
      username: "integration@acme.com",
      user_id: "005000000000001AAA",
      org_id: "00D000000000001EAA",
      display_name: "Integration User",
      email: "admin@acme.com",
      is_integration_user: true,
      user_type: "STANDARD",
      active: true,
      source: "userinfo",
    },
    record: {
      object: "Account",
      id: "001000000000001AAA",
      url: "https://acme.lightning.force.com/lightning/r/Account/001000000000001AAA/view",
      fields: { Name: "ECA Preflight test" },
      required_fields: [],
      created: true,
      read_back: true,
      deleted: true,
      kept: false,
    },
    token_kept: null,
    org: {
      host: "acme.my.salesforce.com",
      kind: "production",
      api_version: "68.0",
      latest_api_version: "68.0",
      api_release: "Winter '27",
      instance_url: "https://acme.my.salesforce.com",
      api_usage: { used: 42, max: 15000 },
      scopes: ["api", "openid"],
      token_type: "Bearer",
    },
    network: { proxy: null, proxy_from_environment: false, extra_ca: false },
    client_id_masked: "3MVG9…AKEY",
    started_at: "2026-11-23T10:00:00Z",
    total_ms: 640,
    ...over,
  };
}

/** A promise the test settles by hand, for commands that must stay "running". */
export function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
