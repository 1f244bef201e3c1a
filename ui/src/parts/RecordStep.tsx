// The Test record card: whether a record is created, its object and required values, and what
// became of it after a run.
import { useExternalLink } from "../hooks/useExternalLink";
import { useRecordLookups } from "../hooks/useRecordLookups";
import type { Profile, ProfileView, RecordOutcome, RequiredField } from "../ipc/bindings";
import { errorMessage } from "../ipc/client";
import { Icon } from "./Icon";
import { LinkNotice } from "./LinkNotice";

interface Props {
  view: ProfileView;
  onChange: (profile: Profile) => Promise<void>;
  /** The record of this profile's last run in this session. */
  outcome: RecordOutcome | null;
  disabled: boolean;
  onError: (message: string) => void;
}

/** Which object the test record uses, its required fields and values, and what became of it. */
export function RecordStep({
  view,
  onChange,
  outcome,
  disabled,
  onError,
}: Props) {
  const { profile } = view;
  const {
    objects, fields, loading, problem, values, setValues, createRecord, guarded, loadObjects, loadFields,
    pickObject, saveValues, hostDialog,
  } = useRecordLookups(view, outcome, onChange, onError);

  const known = objects?.some((o) => o.name === profile.object) ?? false;

  return (
    <section class="card record" aria-labelledby="record-title" data-testid="record-step">
      <h2 id="record-title">Test record</h2>
      <div class="field field-check">
        <input
          type="checkbox"
          id="create-record"
          data-testid="create-record"
          checked={createRecord}
          disabled={disabled}
          onChange={(e) =>
            void onChange({
              ...profile,
              create_record: (e.target as HTMLInputElement).checked,
            }).catch((e: unknown) => onError(errorMessage(e)))
          }
        />
        <label for="create-record">
          Create a test record to prove the Run As user can write data
        </label>
      </div>

      {createRecord ? (
        <>
          <div class="field">
            <label for="record-object">Object</label>
            <div class="row">
              {objects ? (
                <select
                  id="record-object"
                  data-testid="record-object"
                  value={profile.object}
                  disabled={disabled || loading !== null}
                  onChange={(e) => pickObject((e.target as HTMLSelectElement).value)}
                >
                  {!known ? <option value={profile.object}>{profile.object}</option> : null}
                  {objects.map((o) => (
                    <option key={o.name} value={o.name}>
                      {o.label} ({o.name})
                    </option>
                  ))}
                </select>
              ) : (
                <input
                  id="record-object"
                  data-testid="record-object"
                  value={profile.object}
                  readOnly
                  aria-describedby="record-object-help"
                />
              )}
              <button
                type="button"
                class="btn btn-small"
                data-testid="load-objects"
                disabled={disabled || loading !== null || view.draft}
                onClick={() => void guarded(loadObjects)}
              >
                {loading === "objects"
                  ? "Asking your org…"
                  : objects
                    ? "Reload"
                    : "Choose from your org"}
              </button>
            </div>
            <p id="record-object-help" class="hint">
              {objects
                ? `${objects.length} objects the Run As user can create.`
                : "Account unless you choose another. Choosing asks your org which objects the Run As user can create (this uses the ECA's credentials)."}
            </p>
          </div>

          <div class="field">
            <div class="row row-between">
              <span class="label" id="required-title">
                Required fields
              </span>
              <button
                type="button"
                class="btn btn-small"
                data-testid="load-required"
                disabled={disabled || loading !== null || view.draft}
                onClick={() => void guarded((allow) => loadFields(profile.object, allow))}
              >
                {loading === "fields" ? "Describing…" : "Check required fields"}
              </button>
            </div>
            {fields === null ? (
              <p class="hint">
                The test describes {profile.object} and fills every required field. Check them here
                first to choose your own values.
              </p>
            ) : fields.length === 0 ? (
              <p class="hint" data-testid="required-none">
                {profile.object} has no required fields that the describe can see. Validation
                rules are not visible there and may still ask for more.
              </p>
            ) : (
              <table class="fields-table" aria-labelledby="required-title" data-testid="required-fields">
                <thead>
                  <tr>
                    <th scope="col">Field</th>
                    <th scope="col">Type</th>
                    <th scope="col">Value for the test</th>
                  </tr>
                </thead>
                <tbody>
                  {fields.map((f) => (
                    <FieldRow
                      key={f.name}
                      field={f}
                      value={values[f.name] ?? ""}
                      disabled={disabled}
                      onInput={(v) => setValues((old) => ({ ...old, [f.name]: v }))}
                      onCommit={(v) => saveValues({ ...values, [f.name]: v })}
                    />
                  ))}
                </tbody>
              </table>
            )}
          </div>

          <div class="field field-check">
            <input
              type="checkbox"
              id="keep-record"
              data-testid="keep-record"
              checked={profile.keep_record}
              disabled={disabled}
              onChange={(e) =>
                void onChange({
                  ...profile,
                  keep_record: (e.target as HTMLInputElement).checked,
                }).catch((e: unknown) => onError(errorMessage(e)))
              }
            />
            <label for="keep-record">Keep the record afterwards (do not delete it)</label>
          </div>
        </>
      ) : null}

      {problem ? (
        <p class="hint hint-error" role="alert" data-testid="record-problem">
          {problem}
        </p>
      ) : null}

      {outcome ? <RecordResult outcome={outcome} /> : null}

      {hostDialog}
    </section>
  );
}

function FieldRow({
  field,
  value,
  disabled,
  onInput,
  onCommit,
}: {
  field: RequiredField;
  value: string;
  disabled: boolean;
  onInput: (v: string) => void;
  onCommit: (v: string) => void;
}) {
  const id = `field-${field.name}`;
  const placeholder = field.value ? `${field.value} (made up)` : "Made up by the test";
  return (
    <tr data-testid={`required-${field.name}`}>
      <th scope="row">
        <label for={id}>{field.label}</label>
        <span class="mono muted"> {field.name}</span>
      </th>
      <td>{field.field_type}</td>
      <td>
        {field.picklist_values.length > 0 ? (
          <select
            id={id}
            value={value}
            disabled={disabled}
            onChange={(e) => {
              const v = (e.target as HTMLSelectElement).value;
              onInput(v);
              onCommit(v);
            }}
          >
            <option value="">{placeholder}</option>
            {field.picklist_values.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        ) : (
          <input
            id={id}
            value={value}
            placeholder={placeholder}
            disabled={disabled}
            onInput={(e) => onInput((e.target as HTMLInputElement).value)}
            onBlur={(e) => onCommit((e.target as HTMLInputElement).value)}
          />
        )}
      </td>
    </tr>
  );
}

function RecordResult({ outcome }: { outcome: RecordOutcome }) {
  const leftBehind = outcome.created && !outcome.deleted && !outcome.kept;
  const status = !outcome.created
    ? "Not created"
    : outcome.kept
      ? "Kept, as you asked"
      : outcome.deleted
        ? "Deleted"
        : "Left behind in your org";
  const link = useExternalLink();
  function open() {
    if (outcome.url) link.open(outcome.url);
  }
  return (
    <div class="record-result" data-testid="record-result">
      <h3>What happened to the record</h3>
      <dl class="facts">
        <dt>Object</dt>
        <dd>{outcome.object}</dd>
        <dt>Record ID</dt>
        <dd>
          {outcome.id ? (
            <span class="row">
              <span class="mono" data-testid="record-id">
                {outcome.id}
              </span>
              {outcome.url ? (
                <button type="button" class="btn btn-small" data-testid="record-open" onClick={open}>
                  <Icon name="external" />
                  <span>Open in Salesforce</span>
                </button>
              ) : null}
            </span>
          ) : (
            "None: the record was not created"
          )}
          <LinkNotice link={link} />
        </dd>
        <dt>Read back</dt>
        <dd data-testid="record-read">{outcome.read_back ? "Yes" : "No"}</dd>
        <dt>Cleanup</dt>
        <dd
          data-testid="record-status"
          data-created={String(outcome.created)}
          data-deleted={String(outcome.deleted)}
          data-kept={String(outcome.kept)}
        >
          {status}
        </dd>
      </dl>
      {leftBehind ? (
        <div class="callout callout-danger" role="alert" data-testid="record-left-behind">
          <Icon name="warning" />
          <div>
            <strong>LEFT BEHIND:</strong> the test record {outcome.id} could not be deleted.
            Delete it in Salesforce yourself
            {outcome.url ? (
              <>
                {" "}
                (
                <button type="button" class="link" onClick={open}>
                  open the record
                </button>
                )
              </>
            ) : null}
            , or give the Run As user delete access to {outcome.object}.
          </div>
        </div>
      ) : null}
    </div>
  );
}
