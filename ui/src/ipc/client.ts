// The only place the UI talks to Rust. Types come from the generated bindings; every command goes
// through `call` so a renamed command or argument breaks the typecheck, not the app.
import { Channel, invoke } from "@tauri-apps/api/core";
import { open, save } from "@tauri-apps/plugin-dialog";
import { openUrl } from "@tauri-apps/plugin-opener";
import type {
  AdminLoginInput,
  AppError,
  ChangeProgress,
  CommandName,
  Commands,
  Diagnosis,
  ExistingStaged,
  NewApp,
  ReportFormat,
  RunEvent,
  RunOptions,
  SnippetFormat,
} from "./bindings";
import { makeApi } from "./bindings";

export type { ReportFormat, SnippetFormat };

/**
 * A failed command: Rust's `AppError` (a union tagged by `kind`: narrow on `error.detail.kind` to
 * read what that kind carries, e.g. `host` of `untrusted_host`); `message` is written for the admin.
 */
export class IpcError extends Error {
  readonly detail: AppError;
  constructor(detail: AppError) {
    super(detail.message);
    this.detail = detail;
  }

  get kind(): AppError["kind"] {
    return this.detail.kind;
  }

  /** The catalog diagnosis, for the kinds that carry one. */
  get diagnosis(): Diagnosis | null {
    const d = this.detail;
    return d.kind === "diagnosed" || d.kind === "untrusted_host" ? d.diagnosis : null;
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
  return new IpcError({ kind: "internal", message });
}

/** `invoke` typed by the generated Commands map: name, arguments and result checked together. */
async function call<K extends CommandName>(cmd: K, args: Commands[K]["args"]): Promise<Commands[K]["result"]> {
  try {
    return await invoke<Commands[K]["result"]>(cmd, args);
  } catch (e) {
    throw toIpcError(e);
  }
}

/** Every command as a typed function, generated from the Rust command list. */
const generated = makeApi(call);

export const api = {
  ...generated,
  /** Runs the whole check; `onEvent` gets each step as it changes. */
  runCheck: (id: string, options: RunOptions, onEvent: (e: RunEvent) => void) => {
    const onEventChannel = new Channel<RunEvent>();
    onEventChannel.onmessage = onEvent;
    return generated.runCheck(id, options, onEventChannel);
  },
  // Changes made with the admin's login: `onProgress` gets each step (a deploy's polls).
  applyFix: (id: string, login: AdminLoginInput, onProgress: (p: ChangeProgress) => void) =>
    generated.applyFix(id, login, progressChannel(onProgress)),
  createNewApp: (id: string, login: AdminLoginInput, app: NewApp, onProgress: (p: ChangeProgress) => void) =>
    generated.createNewApp(id, login, app, progressChannel(onProgress)),
  finishNewApp: (
    id: string,
    login: AdminLoginInput,
    name: string,
    runAs: string,
    onProgress: (p: ChangeProgress) => void,
  ) => generated.finishNewApp(id, login, name, runAs, progressChannel(onProgress)),
  removeNewApp: (id: string, login: AdminLoginInput, name: string, onProgress: (p: ChangeProgress) => void) =>
    generated.removeNewApp(id, login, name, progressChannel(onProgress)),
  rotateCredentials: (
    id: string,
    login: AdminLoginInput,
    existing: ExistingStaged,
    onProgress: (p: ChangeProgress) => void,
  ) => generated.rotateCredentials(id, login, existing, progressChannel(onProgress)),
};

function progressChannel(onProgress: (p: ChangeProgress) => void): Channel<ChangeProgress> {
  const channel = new Channel<ChangeProgress>();
  channel.onmessage = onProgress;
  return channel;
}

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
