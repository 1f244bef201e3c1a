// The only place the UI talks to Rust. Types come from the generated bindings; every command goes
// through `call` so a renamed command or argument breaks the typecheck, not the app.
import { Channel, invoke } from "@tauri-apps/api/core";
import { open, save } from "@tauri-apps/plugin-dialog";
import { openUrl } from "@tauri-apps/plugin-opener";
import type {
  AboutLink,
  AdminLoginInput,
  AppError,
  AppErrorKind,
  CommandName,
  Commands,
  CredentialSet,
  Profile,
  ReportFormat,
  RunEvent,
  RunOptions,
  SnippetFormat,
} from "./bindings";

export type { ReportFormat, SnippetFormat };

/** A failed command, as Rust's `AppError` serialises it; `message` is written for the admin. */
export class IpcError extends Error {
  readonly kind: AppErrorKind;
  readonly diagnosis: AppError["diagnosis"];
  /** For `untrusted_host`: where the credentials would go. */
  readonly host: string | null;
  /** For `freeze_risk`: what Salesforce may do on this network. */
  readonly freeze_risk: AppError["freeze_risk"];
  constructor(err: AppError) {
    super(err.message);
    this.kind = err.kind;
    this.diagnosis = err.diagnosis;
    this.host = err.host ?? null;
    this.freeze_risk = err.freeze_risk ?? null;
  }
}

function isAppError(e: unknown): e is AppError {
  return (
    typeof e === "object" &&
    e !== null &&
    typeof (e as { kind?: unknown }).kind === "string" &&
    typeof (e as { message?: unknown }).message === "string"
  );
}

/** What to tell the admin of any thrown value (an `AppError`'s message is written for them). */
export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : isAppError(e) ? e.message : String(e);
}

/** Any thrown value → an IpcError, so components handle one shape. */
export function toIpcError(e: unknown): IpcError {
  if (e instanceof IpcError) return e;
  if (isAppError(e)) return new IpcError(e);
  const message = errorMessage(e);
  return new IpcError({ kind: "internal", message, diagnosis: null, host: null, freeze_risk: null });
}

type Args<K extends CommandName> = Commands[K]["args"];
type Result<K extends CommandName> = Commands[K]["result"];

/** `invoke` typed by the generated Commands map: name, arguments and result checked together. */
async function call<K extends CommandName>(
  cmd: K,
  ...args: Args<K> extends Record<string, never> ? [] : [Args<K>]
): Promise<Result<K>> {
  try {
    return await invoke<Result<K>>(cmd, args[0]);
  } catch (e) {
    throw toIpcError(e);
  }
}

export const api = {
  listProfiles: () => call("list_profiles"),
  storeProblem: () => call("store_problem"),
  newProfile: () => call("new_profile"),
  saveProfile: (profile: Profile) => call("save_profile", { profile }),
  duplicateProfile: (id: string, copySecret: boolean) => call("duplicate_profile", { id, copySecret }),
  deleteProfile: (id: string) => call("delete_profile", { id }),
  saveSecret: (id: string, secret: string) => call("save_secret", { id, secret }),
  forgetSecret: (id: string) => call("forget_secret", { id }),
  saveProxyPassword: (id: string, password: string) => call("save_proxy_password", { id, password }),
  forgetProxyPassword: (id: string) => call("forget_proxy_password", { id }),
  parseDomain: (input: string) => call("parse_domain", { input }),
  setupLinks: (id: string) => call("setup_links", { id }),
  cancelCheck: () => call("cancel_check"),
  checkEveryProfile: () => call("check_every_profile"),
  leftovers: (id: string) => call("leftovers", { id }),
  cleanLeftovers: (id: string) => call("clean_leftovers", { id }),
  listObjects: (id: string, allowUntrustedHost: boolean) =>
    call("list_objects", { id, allowUntrustedHost }),
  describeRequired: (id: string, object: string, allowUntrustedHost: boolean) =>
    call("describe_required", { id, object, allowUntrustedHost }),
  lastReport: (format: ReportFormat) => call("last_report", { format }),
  lastRun: () => call("last_run"),
  saveReport: (path: string, format: ReportFormat) => call("save_report", { path, format }),
  practiceScenarios: () => call("practice_scenarios"),
  snippet: (id: string, format: SnippetFormat) => call("snippet", { id, format }),
  saveSnippet: (id: string, format: SnippetFormat, path: string) =>
    call("save_snippet", { id, format, path }),
  startPractice: (scenario: string) => call("start_practice", { scenario }),
  stageCredentials: (id: string, clientId: string, secret: string) =>
    call("stage_credentials", { id, clientId, secret }),
  checkCredentials: (id: string, set: CredentialSet) => call("check_credentials", { id, set }),
  switchToStaged: (id: string) => call("switch_to_staged", { id }),
  checkOldRefused: (id: string) => call("check_old_refused", { id }),
  inspectApp: (id: string, login: AdminLoginInput) => call("inspect_app", { id, login }),
  keptAdminLogin: () => call("kept_admin_login"),
  forgetAdminLogin: () => call("forget_admin_login"),
  about: () => call("about"),
  openAbout: (link: AboutLink) => call("open_about", { link }),
  checkForUpdates: () => call("check_for_updates"),
  installUpdate: () => call("install_update"),

  /** Runs the whole check; `onEvent` gets each step as it changes. */
  runCheck: (id: string, options: RunOptions, onEvent: (e: RunEvent) => void) => {
    const onEventChannel = new Channel<RunEvent>();
    onEventChannel.onmessage = onEvent;
    return call("run_check", { id, options, onEvent: onEventChannel });
  },
};

/**
 * Opens a Setup page or record in the system browser (the opener plugin's allow-list applies).
 * Resolves to false when no browser opened: the caller then shows the address with a Copy
 * button beside the link (`LinkNotice`) instead of the launcher's error.
 */
export async function openExternal(url: string): Promise<boolean> {
  try {
    await openUrl(url);
    return true;
  } catch {
    return false;
  }
}

/** The native Save dialog; null when the admin cancels. */
export async function chooseSavePath(format: ReportFormat): Promise<string | null> {
  const ext = format === "markdown" ? "md" : "json";
  return save({
    title: "Save the test report",
    defaultPath: `eca-preflight-report.${ext}`,
    filters: [{ name: format === "markdown" ? "Markdown" : "JSON", extensions: [ext] }],
  });
}

/** The native Open dialog for a PEM certificate; null when the admin cancels. */
export async function chooseCertificate(): Promise<string | null> {
  const picked = await open({
    title: "Choose the company root certificate",
    multiple: false,
    directory: false,
    filters: [{ name: "Certificates", extensions: ["pem", "crt", "cer"] }],
  });
  return typeof picked === "string" ? picked : null;
}

const SNIPPET_FILES: Record<SnippetFormat, { name: string; ext: string; label: string }> = {
  curl: { name: "salesforce-token.sh", ext: "sh", label: "Shell script" },
  python: { name: "salesforce_token.py", ext: "py", label: "Python" },
  node: { name: "salesforce-token.mjs", ext: "mjs", label: "JavaScript module" },
  postman: { name: "salesforce-token.postman_collection.json", ext: "json", label: "Postman collection" },
};

/** The native Save dialog for a snippet; null when the admin cancels. */
export async function chooseSnippetPath(format: SnippetFormat): Promise<string | null> {
  const file = SNIPPET_FILES[format];
  return save({
    title: "Save the code",
    defaultPath: file.name,
    filters: [{ name: file.label, extensions: [file.ext] }],
  });
}
