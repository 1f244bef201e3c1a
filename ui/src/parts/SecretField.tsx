// A secret's field (consumer secret, proxy password): whether the keychain holds one (its last
// four characters), Replace and Forget.
import { useState } from "preact/hooks";
import type { SecretStatus } from "../ipc/bindings";
import { errorMessage } from "../ipc/client";
import { ConfirmDialog } from "./ConfirmDialog";

/** The words and ids of each write-only secret the form takes. */
const KINDS = {
  consumer: {
    id: "profile-secret",
    label: "Consumer secret",
    testPrefix: "",
    empty: "No consumer secret in the keychain yet.",
    missing: "Paste the Consumer Secret from the app's Consumer Key and Secret page first.",
    help: "From the app's Settings tab → OAuth Settings → Consumer Key and Secret. It is kept in your system keychain only and is never shown again.",
  },
  proxy: {
    id: "proxy-password",
    label: "Proxy password",
    testPrefix: "proxy-",
    empty: "No proxy password in the keychain yet.",
    missing: "Type the proxy password first.",
    help: "For the user in the proxy address. It is kept in your system keychain only and is never shown again.",
  },
} as const;

interface Props {
  /** Which secret: the consumer secret (default) or the proxy password. */
  kind?: keyof typeof KINDS;
  status: SecretStatus;
  /** Saves the typed secret (the form saves a new profile first). Resolves to the new status. */
  onSave: (secret: string) => Promise<void>;
  onForget: () => Promise<void>;
  /** The secret typed but not saved yet, so "Save profile" can store it too. */
  pending: string;
  onPendingChange: (value: string) => void;
  /** Disables the buttons (the form is saving); the field stays editable. */
  disabled?: boolean;
}

/**
 * A secret (the consumer secret, the proxy password) is write-only: what is typed goes to the keychain and the field empties;
 * afterwards only "stored (…last4)" is shown, never the secret itself.
 */
export function SecretField({ kind = "consumer", status, onSave, onForget, pending, onPendingChange, disabled }: Props) {
  const words = KINDS[kind];
  const tid = (name: string) => `${words.testPrefix}${name}`;
  const [replacing, setReplacing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const editing = !status.stored || replacing;

  async function save() {
    if (pending.trim() === "") {
      setError(words.missing);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onSave(pending);
      setReplacing(false);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  const [confirming, setConfirming] = useState(false);

  async function forget() {
    setConfirming(false);
    setBusy(true);
    setError(null);
    try {
      await onForget();
      setReplacing(false);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  const statusText = status.stored
    ? `Secret stored in the system keychain${status.last4 ? ` (…${status.last4})` : ""}`
    : words.empty;

  return (
    <div class="field">
      {editing ? (
        <label for={words.id}>{words.label}</label>
      ) : (
        <span class="label">{words.label}</span>
      )}
      <p
        id={tid("secret-status")}
        class={`secret-status ${status.stored ? "is-stored" : ""}`}
        data-testid={tid("secret-status")}
        data-stored={status.stored ? "true" : "false"}
        role="status"
      >
        {statusText}
      </p>
      {editing ? (
        <div class="row">
          <input
            id={words.id}
            data-testid={words.id}
            type="password"
            autocomplete="off"
            spellcheck={false}
            value={pending}
            disabled={busy}
            aria-describedby={`${tid("secret-help")}${error ? ` ${tid("secret-error")}` : ""}`}
            aria-invalid={error ? "true" : undefined}
            onInput={(e) => onPendingChange((e.target as HTMLInputElement).value)}
            onKeyDown={(e) => {
              if (e.key === "Enter") {
                e.preventDefault();
                void save();
              }
            }}
          />
          <button
            type="button"
            class="btn"
            data-testid={tid("save-secret")}
            disabled={disabled || busy}
            onClick={save}
          >
            Save to keychain
          </button>
          {replacing ? (
            <button
              type="button"
              class="btn"
              disabled={busy}
              onClick={() => {
                onPendingChange("");
                setReplacing(false);
                setError(null);
              }}
            >
              Keep the stored one
            </button>
          ) : null}
        </div>
      ) : (
        <div class="row">
          <button
            type="button"
            class="btn"
            data-testid={tid("replace-secret")}
            disabled={disabled || busy}
            onClick={() => setReplacing(true)}
          >
            Replace
          </button>
          <button
            type="button"
            class="btn"
            data-testid={tid("forget-secret")}
            disabled={disabled || busy}
            onClick={() => setConfirming(true)}
          >
            Forget
          </button>
        </div>
      )}
      {confirming ? (
        <ConfirmDialog
          title={`Forget the ${words.label.toLowerCase()}?`}
          confirmLabel="Forget it"
          danger
          onCancel={() => setConfirming(false)}
          onConfirm={() => void forget()}
        >
          <p>
            It is removed from the system keychain on this computer; tests need it pasted again. The
            app in Salesforce is not changed.
          </p>
        </ConfirmDialog>
      ) : null}
      <p id={tid("secret-help")} class="hint">
        {words.help}
      </p>
      {error ? (
        <p id={tid("secret-error")} class="hint hint-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
