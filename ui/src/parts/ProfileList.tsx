// The saved profiles in the sidebar, each with its last result, Rename, Duplicate and Delete.
import { useEffect, useRef, useState } from "preact/hooks";
import type { ProfileView } from "../ipc/bindings";
import { errorMessage } from "../ipc/client";
import { isPractice, lastOutcome, orgDomain } from "../lib/profile";
import { ConfirmDialog } from "./ConfirmDialog";
import { Icon } from "./Icon";

interface Props {
  /** null while the saved profiles are on their way. */
  profiles: ProfileView[] | null;
  selectedId: string | null;
  onSelect: (id: string) => void;
  onNew: () => void;
  onRename: (view: ProfileView, name: string) => Promise<void>;
  onDuplicate: (view: ProfileView, copySecret: boolean) => Promise<void>;
  onDelete: (view: ProfileView) => Promise<void>;
  /** Disables destructive actions while a test runs. */
  busy: boolean;
}

/** The sidebar: saved connection profiles and what can be done to each. */
export function ProfileList({
  profiles: shown,
  selectedId,
  onSelect,
  onNew,
  onRename,
  onDuplicate,
  onDelete,
  busy,
}: Props) {
  const [renaming, setRenaming] = useState<string | null>(null);
  const [duplicating, setDuplicating] = useState<ProfileView | null>(null);
  const [copySecret, setCopySecret] = useState(false);
  const [deleting, setDeleting] = useState<ProfileView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const profiles = shown ?? [];

  async function act(fn: () => Promise<void>) {
    setError(null);
    try {
      await fn();
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  return (
    <nav class="profiles" aria-labelledby="profiles-title">
      <div class="profiles-head">
        <h2 id="profiles-title">Profiles</h2>
        <button
          type="button"
          class="btn btn-small"
          data-testid="profile-new"
          onClick={onNew}
          title="New connection profile"
        >
          <Icon name="plus" />
          <span>New</span>
        </button>
      </div>
      {shown === null ? (
        <p class="empty" role="status">
          Loading…
        </p>
      ) : profiles.length === 0 ? (
        <p class="empty" data-testid="profile-list-empty">
          No profiles yet. Try the practice org, or connect your own org.
        </p>
      ) : null}
      <ul class="profile-list" data-testid="profile-list">
        {profiles.map((v) => {
          const p = v.profile;
          const selected = p.id === selectedId;
          const last = p.last_result ? lastOutcome(p.last_result) : null;
          return (
            <li
              key={p.id}
              class={`profile-item ${selected ? "is-selected" : ""}`}
              data-testid="profile-item"
              data-profile-id={p.id}
            >
              {renaming === p.id ? (
                <RenameField
                  initial={p.name}
                  onDone={async (name) => {
                    if (name !== null && name !== p.name) await act(() => onRename(v, name));
                    setRenaming(null);
                    // Back to the profile, not to the page's start (Enter, Escape or a click away).
                    requestAnimationFrame(() =>
                      document
                        .querySelector<HTMLButtonElement>(`[data-profile-id="${p.id}"] .profile-select`)
                        ?.focus(),
                    );
                  }}
                />
              ) : (
                <button
                  type="button"
                  class="profile-select"
                  aria-current={selected ? "page" : undefined}
                  onClick={() => onSelect(p.id)}
                >
                  <span
                    class={`dot ${last === "passed" ? "dot-ok" : last === "failed" ? "dot-failed" : "dot-none"}`}
                    aria-hidden="true"
                  />
                  <span class="profile-text">
                    <span class="profile-name">{p.name}</span>
                    <span class="profile-sub">
                      {isPractice(p) ? "Simulated org on this computer" : orgDomain(p) || "No My Domain yet"}
                      <span class="sr-only">
                        {last ? `, last test ${last}` : ""}
                      </span>
                    </span>
                  </span>
                </button>
              )}
              {renaming === p.id ? null : (
                <span class="profile-actions">
                  <button
                    type="button"
                    class="icon-btn"
                    aria-label={`Rename ${p.name}`}
                    title="Rename"
                    data-testid="profile-rename"
                    onClick={() => setRenaming(p.id)}
                  >
                    <Icon name="edit" />
                  </button>
                  <button
                    type="button"
                    class="icon-btn"
                    aria-label={`Duplicate ${p.name}`}
                    title="Duplicate"
                    data-testid="profile-duplicate"
                    onClick={() => {
                      // A stored secret: ask whether the copy gets it too.
                      if (v.secret.stored && !isPractice(p)) {
                        setCopySecret(false);
                        setDuplicating(v);
                      } else {
                        void act(() => onDuplicate(v, false));
                      }
                    }}
                  >
                    <Icon name="copy" />
                  </button>
                  <button
                    type="button"
                    class="icon-btn"
                    aria-label={`Delete ${p.name}`}
                    title="Delete"
                    data-testid="profile-delete"
                    disabled={busy}
                    onClick={() => setDeleting(v)}
                  >
                    <Icon name="trash" />
                  </button>
                </span>
              )}
            </li>
          );
        })}
      </ul>
      {error ? (
        <p class="hint hint-error" role="alert">
          {error}
        </p>
      ) : null}
      {duplicating ? (
        <ConfirmDialog
          title={`Duplicate “${duplicating.profile.name}”?`}
          confirmLabel="Duplicate"
          onCancel={() => setDuplicating(null)}
          onConfirm={() => {
            const source = duplicating;
            setDuplicating(null);
            void act(() => onDuplicate(source, copySecret));
          }}
        >
          <div class="field-check">
            <input
              id="duplicate-secret"
              type="checkbox"
              data-testid="duplicate-copy-secret"
              checked={copySecret}
              onChange={(e) => setCopySecret((e.target as HTMLInputElement).checked)}
            />
            <label for="duplicate-secret">Copy the consumer secret too (it stays in the system keychain)</label>
          </div>
          <p class="hint">A sandbox of the same app shares its key and secret; another app needs its own.</p>
        </ConfirmDialog>
      ) : null}
      {deleting ? (
        <ConfirmDialog
          title={`Delete “${deleting.profile.name}”?`}
          confirmLabel="Delete profile"
          danger
          onCancel={() => setDeleting(null)}
          onConfirm={() => {
            const target = deleting;
            setDeleting(null);
            void act(() => onDelete(target));
          }}
        >
          <p>
            {isPractice(deleting.profile)
              ? "The practice profile is removed. You can start the practice org again at any time."
              : "The profile and its consumer secret in the system keychain are removed from this computer. The External Client App in Salesforce is not changed."}
          </p>
        </ConfirmDialog>
      ) : null}
    </nav>
  );
}

function RenameField({
  initial,
  onDone,
}: {
  initial: string;
  onDone: (name: string | null) => void | Promise<void>;
}) {
  const [value, setValue] = useState(initial);
  const finished = useRef(false);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);
  // Enter, Escape and the blur that follows them must settle the rename only once.
  const finish = (name: string | null) => {
    if (finished.current) return;
    finished.current = true;
    void onDone(name);
  };
  return (
    <input
      class="rename-input"
      aria-label="New profile name"
      data-testid="profile-rename-input"
      value={value}
      ref={input}
      onInput={(e) => setValue((e.target as HTMLInputElement).value)}
      onKeyDown={(e) => {
        if (e.key === "Enter") {
          e.preventDefault();
          finish(value.trim() === "" ? null : value.trim());
        } else if (e.key === "Escape") {
          e.preventDefault();
          finish(null);
        }
      }}
      onBlur={() => finish(value.trim() === "" ? null : value.trim())}
    />
  );
}
