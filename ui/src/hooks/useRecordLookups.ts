import { useEffect, useState } from "preact/hooks";
import type { ObjectInfo, Profile, ProfileView, RecordOutcome, RequiredField } from "../ipc/bindings";
import { api, errorMessage } from "../ipc/client";
import { untrustedHostOf, useUntrustedHost } from "./useUntrustedHost";

/**
 * The test record's object and required fields, looked up in the org through Rust (they send the
 * credentials like a run, so a non-Salesforce host is confirmed first), and its values.
 */
export function useRecordLookups(
  view: ProfileView,
  outcome: RecordOutcome | null,
  onChange: (profile: Profile) => Promise<void>,
  onError: (message: string) => void,
) {
  const { profile } = view;
  const [objects, setObjects] = useState<ObjectInfo[] | null>(null);
  const [fields, setFields] = useState<RequiredField[] | null>(null);
  const [loading, setLoading] = useState<"objects" | "fields" | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [values, setValues] = useState<Record<string, string>>(() => ({ ...profile.fields }));
  /** A look-up waiting for the admin to confirm its non-Salesforce host. */
  const host = useUntrustedHost("Send and ask");
  const createRecord = profile.create_record;

  // Another object (here or on the Connection tab): the last object's fields no longer apply.
  // biome-ignore lint/correctness/useExhaustiveDependencies: another profile or object is the trigger
  useEffect(() => setFields(null), [profile.id, profile.object]);

  // A finished run already knows the required fields of its object.
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new run outcome is the trigger
  useEffect(() => {
    if (outcome && outcome.object === profile.object && outcome.required_fields.length > 0) {
      setFields(outcome.required_fields);
    }
  }, [outcome]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: another profile or object is the trigger; edits to its fields are the admin's
  useEffect(() => setValues({ ...profile.fields }), [profile.id, profile.object]);

  /**
   * Look-ups send the credentials like a run does, so a host that is neither Salesforce nor
   * loopback needs the same confirmation, for this one action: Rust refuses it first (sending
   * nothing), then the admin confirms and the look-up runs again allowing it.
   */
  async function guarded(action: (allowUntrustedHost: boolean) => Promise<void>) {
    if (host.asking) return;
    return action(false);
  }

  /** The look-up failed: ask about the host when that is why, else show the problem. */
  function failed(e: unknown, retry: (allowUntrustedHost: boolean) => Promise<void>) {
    const untrusted = untrustedHostOf(e);
    if (untrusted !== null) host.ask(untrusted, () => void retry(true));
    else setProblem(errorMessage(e));
  }

  async function loadObjects(allowUntrustedHost: boolean) {
    setLoading("objects");
    setProblem(null);
    try {
      const list = await api.listObjects(profile.id, allowUntrustedHost);
      setObjects(list);
      await loadFields(profile.object, allowUntrustedHost);
    } catch (e) {
      failed(e, loadObjects);
    } finally {
      setLoading(null);
    }
  }

  async function loadFields(object: string, allowUntrustedHost: boolean) {
    setLoading("fields");
    setProblem(null);
    try {
      setFields(await api.describeRequired(profile.id, object, allowUntrustedHost));
    } catch (e) {
      setFields(null);
      failed(e, (allow) => loadFields(object, allow));
    } finally {
      setLoading(null);
    }
  }

  async function pickObject(object: string) {
    setFields(null);
    try {
      // Values typed for another object's fields would fail the create.
      await onChange({ ...profile, object, fields: {} });
    } catch (e) {
      onError(errorMessage(e));
      return;
    }
    await guarded((allow) => loadFields(object, allow));
  }

  async function saveValues(next: Record<string, string>) {
    const cleaned = Object.fromEntries(Object.entries(next).filter(([, v]) => v.trim() !== ""));
    try {
      await onChange({ ...profile, fields: cleaned });
    } catch (e) {
      onError(errorMessage(e));
    }
  }

  return {
    objects, fields, loading, problem, values, setValues, createRecord, guarded, loadObjects, loadFields,
    pickObject, saveValues, hostDialog: host.dialog,
  };
}
