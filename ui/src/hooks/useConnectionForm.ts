import { useEffect, useRef, useState } from "preact/hooks";
import type { Profile, ProfileView } from "../ipc/bindings";
import { api, chooseCertificate, errorMessage } from "../ipc/client";
import { orgDomain } from "../lib/profile";

type Editable = Pick<Profile, "name" | "client_id" | "api_version" | "object" | "proxy" | "ca_cert_file"> & {
  domain: string;
};

function editable(p: Profile): Editable {
  return {
    name: p.name,
    domain: orgDomain(p),
    client_id: p.client_id,
    api_version: p.api_version,
    object: p.object,
    proxy: p.proxy,
    ca_cert_file: p.ca_cert_file,
  };
}

/**
 * The Connection form's fields as typed, and their saving through Rust (the profile, then the
 * secret into the keychain). `onSaved` gets each answer; `onDirty` whether edits are unsaved.
 */
export function useConnectionForm(
  view: ProfileView,
  onSaved: (view: ProfileView) => void,
  onDirty?: (dirty: boolean) => void,
) {
  const [form, setForm] = useState<Editable>(() => editable(view.profile));
  const [secret, setSecret] = useState("");
  const [proxyPassword, setProxyPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [domainRefused, setDomainRefused] = useState(false);
  const dirty = JSON.stringify(form) !== JSON.stringify(editable(view.profile));
  // biome-ignore lint/correctness/useExhaustiveDependencies: reported when dirtiness changes; onDirty is a new closure each render
  useEffect(() => onDirty?.(dirty), [dirty]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: on unmount only
  useEffect(() => () => onDirty?.(false), []);

  // A change made elsewhere (a rename in the sidebar, a credential rotation) shows up here too;
  // a field the admin is editing keeps what they typed.
  const shown = useRef(editable(view.profile));
  // biome-ignore lint/correctness/useExhaustiveDependencies: only when the saved values change (compared as text), not on each new view object
  useEffect(() => {
    const next = editable(view.profile);
    const before = shown.current;
    shown.current = next;
    setForm((f) => {
      const merged = { ...f };
      for (const key of Object.keys(next) as (keyof Editable)[]) {
        if (f[key] === before[key]) merged[key] = next[key];
      }
      return merged;
    });
  }, [JSON.stringify(editable(view.profile))]);

  function set<K extends keyof Editable>(key: K, value: Editable[K]) {
    setForm((f) => ({ ...f, [key]: value }));
    setSaved(false);
  }

  /**
   * Saves the fields as typed: Rust trims, fills defaults and refuses what a run could not use
   * (its message is shown). The latest profile from the parent keeps ticks and values set elsewhere.
   */
  async function saveProfile(): Promise<ProfileView> {
    const { domain, ...fields } = form;
    const profile: Profile = { ...view.profile, ...fields, target: { kind: "org", domain } };
    const result = await api.saveProfile(profile);
    onSaved(result);
    setForm(editable(result.profile));
    return result;
  }

  async function storeSecret(value: string, current: ProfileView): Promise<ProfileView> {
    const stored = await api.saveSecret(current.profile.id, value);
    setSecret(""); // the secret leaves the page as soon as the keychain has it
    onSaved(stored);
    return stored;
  }

  async function onSubmit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      const result = await saveProfile();
      if (secret !== "") await storeSecret(secret, result);
      setSaved(true);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  async function onSaveSecret(value: string) {
    // A draft has no id yet: save it first so the keychain entry has an account.
    const current = view.draft ? await saveProfile() : view;
    await storeSecret(value, current);
  }

  async function onSaveProxyPassword(value: string) {
    const current = view.draft || form.proxy !== view.profile.proxy ? await saveProfile() : view;
    const stored = await api.saveProxyPassword(current.profile.id, value);
    setProxyPassword("");
    onSaved(stored);
  }

  async function onForgetProxyPassword() {
    onSaved(await api.forgetProxyPassword(view.profile.id));
  }

  async function chooseCaFile() {
    const path = await chooseCertificate();
    if (path !== null) set("ca_cert_file", path);
  }

  async function onForgetSecret() {
    onSaved(await api.forgetSecret(view.profile.id));
  }

  return {
    form, dirty, set, secret, setSecret, proxyPassword, setProxyPassword, busy, error, saved,
    domainRefused, setDomainRefused, onSubmit, onSaveSecret, onSaveProxyPassword,
    onForgetProxyPassword, chooseCaFile, onForgetSecret,
  };
}
