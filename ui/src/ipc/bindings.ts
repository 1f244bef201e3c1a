// GENERATED from the Rust IPC types by src-tauri/src/bindings.rs. Do not edit.
// After changing a Rust type: UPDATE_BINDINGS=1 cargo test -p eca-preflight bindings
/* eslint-disable */

import type { Channel } from "@tauri-apps/api/core";

// ---- engine types (eca_core) ----

/**
 * `Sforce-Limit-Info: api-usage=USED/MAX`.
 */
export type ApiUsage = { used: number, max: number, };

/**
 * What kind of app owns the key.
 */
export type AppKind = "external_client_app" | "connected_app";

/**
 * How a body read, named in the raw details so a diagnosis says what came back.
 */
export type BodyKind = "json" | "html" | "text" | "truncated_json" | "empty" | "no_response";

/**
 * What a change was.
 */
export type ChangeKind = "app_created" | "app_half_created" | "app_removed" | "fix_deployed" | "credentials_staged" | "credentials_rotated" | "old_pair_deleted" | "staged_pair_deleted";

/**
 * What a change is doing now, for a progress line or the app's progress view.
 */
export type ChangeProgress = { "kind": "checking", what: string, } | { "kind": "deploying", what: string, id: string, status: string, polls: number, } | { "kind": "credentials", what: string, } | { "kind": "proving", what: string, };

/**
 * The whole result of one run: the CLI's `--json` document and the UI's final payload.
 */
export type CheckReport = { 
/**
 * [`REPORT_SCHEMA_VERSION`] of the document.
 */
schema_version: number, 
/**
 * The version of ECA Preflight that ran the check.
 */
tool_version: string, 
/**
 * True when no step failed (warnings allowed).
 */
ok: boolean, 
/**
 * The run was cancelled by the admin (the record cleanup still ran).
 */
cancelled: boolean, steps: Array<StepResult>, diagnosis: Diagnosis | null, warnings: Array<Warning>, identity: Identity | null, record: RecordOutcome | null, 
/**
 * The token was not revoked because the run cannot prove it is its own (null: revoked,
 * kept as asked, or none was issued).
 */
token_kept: TokenKept | null, org: OrgSummary | null, 
/**
 * How the org was reached: the proxy (host only) and whether an extra CA was trusted.
 */
network: NetworkSummary, 
/**
 * The consumer key, shortened (`3MVG9…WXYZ`).
 */
client_id_masked: string, 
/**
 * RFC 3339 UTC time the run started.
 */
started_at: string, total_ms: number, };

export type CheckStatus = "passed" | "failed" | "warning" | "not_read";

/**
 * What became of a leftover.
 */
export type Cleaned = { "kind": "deleted", ids: Array<string>, } | { "kind": "nothing_there" };

/**
 * One component: its type, full name and elements (name, text), repeated names allowed.
 */
export type Component = { kind: ComponentKind, full_name: string, fields: Array<[string, string]>, };

/**
 * The four metadata types an External Client App for the Client Credentials flow is made of.
 */
export type ComponentKind = "ExternalClientApplication" | "ExtlClntAppOauthSettings" | "ExtlClntAppGlobalOauthSettings" | "ExtlClntAppOauthConfigurablePolicies";

/**
 * What `create_app` will make, for the confirmation.
 */
export type CreatePlan = { app: string, host: string, org_kind: OrgKind, run_as: RunAsUser, components: Array<PlannedComponent>, };

/**
 * The app as made: its key, and its secret when the org let it be read.
 */
export type CreatedApp = { name: string, 
/**
 * The app's id (`apps/oauth/usage` identifier), empty when it could not be read.
 */
id: string, client_id: string | null, 
/**
 * Why the secret could not be read (the setting, the permission), and where the admin
 * can copy it instead.
 */
secret_unavailable: string | null, 
/**
 * The External Client App Manager: the app's Consumer Key and Secret are there.
 */
setup_url: string, };

/**
 * A failure explained: one entry of the catalog, with the Setup link made for this org.
 */
export type Diagnosis = { 
/**
 * Stable identifier, e.g. `run_as_user_missing` (used by tools; never renamed).
 */
code: DiagnosisCode, title: string, cause: string, 
/**
 * Numbered fix steps, in order.
 */
fix: Array<string>, 
/**
 * The exact Setup page in the admin's org, when the domain is known.
 */
setup_url: string | null, 
/**
 * What the Setup link opens, e.g. "External Client App Manager".
 */
setup_label: string | null, doc_url: string | null, 
/**
 * The step that failed.
 */
step: StepId | null, details: RawDetails | null, 
/**
 * False when nothing in the app or the org's setup needs to change (a maintenance
 * window): still a failure, but shown as "not a configuration problem". Reports saved
 * before this field existed read as true.
 */
configuration_problem: boolean, };

/**
 * A catalog entry's stable identifier, e.g. `run_as_user_missing`.
 */
export type DiagnosisCode = "not_my_domain" | "domain_invalid" | "untrusted_host" | "client_id_missing" | "client_id_malformed" | "client_secret_missing" | "ca_cert_invalid" | "bad_option" | "dns_failed" | "connect_failed" | "network_failed" | "tls_failed" | "tls_untrusted" | "tls_name_mismatch" | "tls_expired" | "timeout" | "proxy_failed" | "proxy_auth_required" | "redirect_refused" | "foreign_host_refused" | "response_too_large" | "not_salesforce" | "service_unavailable" | "org_read_only_maintenance" | "server_error" | "rate_limited" | "client_id_invalid" | "client_secret_invalid" | "run_as_user_missing" | "flow_disabled" | "user_not_preauthorized" | "no_valid_scopes" | "ip_restricted" | "run_as_user_inactive" | "run_as_user_frozen" | "org_inactive" | "user_not_approved" | "scope_parameter_sent" | "unsupported_grant_type" | "app_not_found" | "invalid_basic_auth_header" | "app_blocked" | "token_error_other" | "signature_mismatch" | "jwt_token_rest_only" | "openid_scope_missing" | "api_scope_missing" | "session_invalid" | "api_access_blocked" | "api_disabled_org" | "api_disabled_user" | "api_limit_exceeded" | "txn_security_blocked" | "txn_security_session_ended" | "txn_security_mfa_required" | "limits_access_denied" | "api_version_not_found" | "object_not_found" | "record_create_denied" | "record_read_denied" | "record_delete_denied" | "record_not_found" | "record_validation_failed" | "record_automation_failed" | "record_duplicate_blocked" | "required_field_missing" | "invalid_field" | "record_value_rejected" | "cross_reference_denied" | "revoke_failed" | "cancelled" | "keyring_unavailable" | "keyring_failed" | "unknown_response";

/**
 * Which kind of org a My Domain host belongs to.
 */
export type DomainKind = "production" | "sandbox" | "developer" | "scratch" | "patch" | "demo" | "free" | "trailblaze" | "government" | "china" | "loopback" | "other";

/**
 * What to do when the consumer already has a staged pair.
 */
export type ExistingStaged = "refuse" | "use" | "delete";

/**
 * One thing that is wrong, and exactly where to change it.
 */
export type Finding = { code: FindingCode, severity: Severity, title: string, 
/**
 * What was read that shows it, e.g. `ExtlClntAppOauthPlcyCnfg.ClientCredentialsFlowUser is empty`.
 */
read: string, 
/**
 * The exact Setup page, tab and field to change.
 */
fix: string, setup_url: string | null, setup_label: string | null, 
/**
 * Salesforce's own reason, when the Run As user's newest Login History row is a failure:
 * e.g. `Restricted IP (Login History, 2026-12-05 14:02 UTC, from 203.0.113.9)`.
 */
salesforce_says: string | null, };

/**
 * A stable code per finding (the CLI's `findings[].code`): never rename one.
 */
export type FindingCode = "eca_not_found" | "app_disabled" | "oauth_plugin_disabled" | "cc_flow_off_settings" | "cc_flow_off_policies" | "run_as_missing" | "run_as_not_found" | "run_as_inactive" | "run_as_no_api" | "run_as_not_api_only" | "run_as_not_preauthorized" | "scopes_missing_api" | "scopes_missing_openid" | "ip_restricted" | "inspect_access_denied";

/**
 * What a fix would change, for the before → after sheet.
 */
export type FixPlan = { app: string, host: string, changes: Array<SettingChange>, 
/**
 * Findings a change of the app's settings does not mend (users, permissions): each with
 * its Setup link, never changed.
 */
listed_only: Array<Finding>, 
/**
 * What the admin must give for a change the plan could not make (e.g. a Run As username).
 */
needs: Array<string>, 
/**
 * The changed components, as they will be deployed (no credentials).
 */
components: Array<Component>, };

/**
 * Why a run may get the Run As user frozen by Salesforce, said before the first grant.
 */
export type FreezeRisk = { 
/**
 * The network in question, e.g. "the proxy proxy.acme.com:3128": the app asks once per
 * profile and network.
 */
network: string, 
/**
 * What to know, in an admin's words.
 */
warning: string, 
/**
 * Salesforce's knowledge article (KB 005318944).
 */
kb_url: string, };

/**
 * The Run As user the integration acts as.
 */
export type Identity = { username: string | null, user_id: string, org_id: string, display_name: string | null, email: string | null, is_integration_user: boolean | null, user_type: string | null, active: boolean | null, source: IdentitySource, };

export type IdentitySource = "userinfo" | "id_url" | "token_id";

/**
 * One line of the checklist.
 */
export type InspectCheck = { label: string, status: CheckStatus, read: string, 
/**
 * The finding this line raised.
 */
finding: FindingCode | null, };

/**
 * The app inspection found for the key.
 */
export type InspectedApp = { kind: AppKind, 
/**
 * Its API name (DeveloperName, or a Connected App's full name).
 */
name: string, label: string, 
/**
 * Empty for a Connected App (its metadata names no id).
 */
id: string, distribution_state: string | null, 
/**
 * What the Policies tab's Run As field holds.
 */
run_as: string | null, };

/**
 * The CLI's `inspect --json` document and the app's Inspect view.
 */
export type Inspection = { app: InspectedApp | null, 
/**
 * Every check, passed or not, in the order to fix them.
 */
checks: Array<InspectCheck>, findings: Array<Finding>, 
/**
 * The Run As user's newest logins, Salesforce's own words for each.
 */
login_history: LoginHistory, };

/**
 * The outcome of a profile's last run, for the profile list.
 */
export type LastResult = { ok: boolean, code: DiagnosisCode | null, at: string, };

/**
 * A test record that may still be in an org.
 */
export type Leftover = { 
/**
 * Unique per run, e.g. `epf-k3x9q2ab`; also in the record's name.
 */
marker: string, 
/**
 * The app's profile id (none for a CLI run without `--profile`).
 */
profile_id: string | null, 
/**
 * The org's host, e.g. `acme.my.salesforce.com`.
 */
host: string, object: string, 
/**
 * e.g. "68.0"
 */
api_version: string, 
/**
 * The name field and the value the record was created with (to find it by a query when
 * the create's answer was lost).
 */
name_field: string | null, name_value: string | null, 
/**
 * Known once the create answered.
 */
record_id: string | null, 
/**
 * When the create was sent (RFC 3339, UTC).
 */
started_at: string, };

/**
 * One row of Login History.
 */
export type LoginAttempt = { 
/**
 * As Salesforce writes it, e.g. `2026-12-05T14:02:11.000+0000`.
 */
login_time: string, 
/**
 * Salesforce's own words: `Success`, `Failed: IP Address Not Allowed`, `User is frozen`, …
 */
status: string, login_type: string | null, 
/**
 * The app the login was for.
 */
application: string | null, source_ip: string | null, };

/**
 * The Run As user's Login History as inspection shows it: the newest rows first, or why they
 * could not be read.
 */
export type LoginHistory = { attempts: Array<LoginAttempt>, 
/**
 * Why there are no rows to show, when it is not that the user never logged in.
 */
note: string | null, };

/**
 * How the run reached the org, for the report: the proxy's host (never its credentials) and
 * whether an extra root certificate was trusted on top of the OS store.
 */
export type NetworkSummary = { 
/**
 * `host:port` of the proxy the requests went through, if any.
 */
proxy: string | null, 
/**
 * The proxy came from the environment (`HTTPS_PROXY`, …) rather than the profile or
 * `--proxy`.
 */
proxy_from_environment: boolean, 
/**
 * An extra CA certificate was trusted besides the OS store and the bundled roots.
 */
extra_ca: boolean, };

/**
 * What the admin asks for.
 */
export type NewApp = { 
/**
 * The API name (letters, digits, single underscores; starts with a letter).
 */
name: string, 
/**
 * Empty: the API name with spaces for underscores.
 */
label: string, 
/**
 * Empty: the Run As user's username.
 */
contact_email: string, run_as: string, 
/**
 * Empty: `Api`.
 */
scopes: Array<string>, };

/**
 * An object the Run As user can create, for the test-record picker.
 */
export type ObjectInfo = { name: string, label: string, custom: boolean, };

/**
 * One change made in an org.
 */
export type OrgChange = { 
/**
 * RFC 3339, UTC.
 */
at: string, host: string, app: string, what: ChangeKind, 
/**
 * The consumer key concerned, when there is one (never a secret).
 */
client_id: string | null, 
/**
 * A short account of it, e.g. the settings changed.
 */
detail: string, };

/**
 * A parsed, canonical org address. Only [`parse_domain`] makes one, so holding an `OrgDomain`
 * means the host was checked; downstream code takes it, never the typed string.
 */
export type OrgDomain = { 
/**
 * Canonical host, e.g. `acme.my.salesforce.com`, `acme--uat.sandbox.my.salesforce.com`,
 * or `127.0.0.1:8443` for loopback (port kept).
 */
host: string, 
/**
 * `https://HOST` (or `http://127.0.0.1:PORT` for loopback); JSON has no trailing slash.
 */
base_url: string, kind: DomainKind, 
/**
 * The My Domain name (`acme`), when the host has one.
 */
my_domain_name: string | null, 
/**
 * The sandbox name (`uat` in `acme--uat`), for sandboxes.
 */
sandbox_name: string | null, 
/**
 * What was changed from the input, as a phrase that does not repeat the host (shown after
 * it), e.g. "from the Lightning URL you pasted". None when the input was already canonical.
 */
note: string | null, };

/**
 * Production or sandbox, for the confirmation.
 */
export type OrgKind = "production" | "sandbox" | "unknown";

/**
 * What the run learnt about the org and the token.
 */
export type OrgSummary = { 
/**
 * Canonical My Domain host (or loopback host:port for the simulated org).
 */
host: string, kind: DomainKind, 
/**
 * The API version used, e.g. "68.0".
 */
api_version: string | null, 
/**
 * Its release label, e.g. "Winter '27".
 */
api_release: string | null, 
/**
 * The newest version the org offers (it differs from `api_version` when the profile asks
 * for another one).
 */
latest_api_version: string | null, instance_url: string | null, api_usage: ApiUsage | null, 
/**
 * The token's scopes, when the token response or introspection names them.
 */
scopes: Array<string> | null, 
/**
 * "Bearer" or "DPoP".
 */
token_type: string | null, };

/**
 * One component the plan makes, with its settings.
 */
export type PlannedComponent = { 
/**
 * 1 or 2: the deploy it goes in.
 */
phase: number, component: Component, };

/**
 * A connection profile (everything but the secret).
 */
export type Profile = { id: string, name: string, target: Target, 
/**
 * The consumer key (empty for the practice org, whose key is its own).
 */
client_id: string, 
/**
 * "latest" or "68.0" (`salesforce::ApiVersion` as text).
 */
api_version: string, object: string, fields: { [key in string]: string }, 
/**
 * Create (and delete) a test record; on unless the admin turned it off.
 */
create_record: boolean, keep_record: boolean, 
/**
 * Ids of the setup-guide steps the admin ticked.
 */
setup_done: Array<string>, 
/**
 * Every request through this proxy (`http(s)://[user@]host:port`; its password is in the
 * keychain under [`Profile::proxy_account`]); empty: the environment's, if any.
 */
proxy: string, 
/**
 * An extra trusted root certificate (a PEM file, absolute path), e.g. a company's
 * HTTPS-inspection root; empty: the OS trust store alone.
 */
ca_cert_file: string, last_result: LastResult | null, 
/**
 * A rotation of the key and secret under way (their secrets in the keychain).
 */
rotation: Rotation, };

/**
 * Raw evidence behind a diagnosis: what Salesforce actually answered (secrets masked).
 */
export type RawDetails = { 
/**
 * HTTP status, when there was a response at all.
 */
status: number | null, content_type: string | null, 
/**
 * The body, secrets and tokens replaced by `****`, cut to a few KiB.
 */
body: string, 
/**
 * How the body was read.
 */
body_kind: BodyKind, 
/**
 * The request that got this answer, e.g. "POST /services/oauth2/token" (never its values).
 */
request: string | null, };

/**
 * The test record: what was sent, and what happened to it.
 */
export type RecordOutcome = { object: string, id: string | null, 
/**
 * Lightning link to the record (`https://HOST/lightning/r/OBJECT/ID/view`).
 */
url: string | null, 
/**
 * The field values sent on create.
 */
fields: { [key in string]: string }, required_fields: Array<RequiredField>, created: boolean, read_back: boolean, deleted: boolean, 
/**
 * The admin asked to keep it (not deleted on purpose).
 */
kept: boolean, };

/**
 * A field the describe says must be supplied on create.
 */
export type RequiredField = { name: string, label: string, 
/**
 * Salesforce field type: "string", "picklist", "double", "date", "reference", …
 */
field_type: string, 
/**
 * The value the run used (the admin's, or one made up from the type).
 */
value: string | null, 
/**
 * For picklists: the active values.
 */
picklist_values: Array<string>, };

/**
 * The keys of a credential rotation: the staged pair (until the profile switches to it), and
 * the old one (until Salesforce refuses it). Their secrets are in the keychain under
 * [`Profile::staged_account`] and [`Profile::previous_account`].
 */
export type Rotation = { staged_client_id: string, previous_client_id: string, 
/**
 * When the previous pair stops working (RFC 3339, UTC): Salesforce keeps it 30 days after
 * a rotation, unless `rotate --finish` deletes it first.
 */
old_pair_expires_at: string | null, };

/**
 * A user who could run the app's Client Credentials flow.
 */
export type RunAsUser = { id: string, username: string, 
/**
 * The full name, when the org's answer gives it.
 */
name: string | null, profile: string | null, active: boolean, 
/**
 * From the profile or an assigned permission set.
 */
api_enabled: boolean, };

/**
 * What the UI may know about a stored secret: that it exists, and maybe its last 4 characters.
 */
export type SecretStatus = { stored: boolean, last4: string | null, };

/**
 * One setting a fix changes.
 */
export type SettingChange = { 
/**
 * The component's full name, e.g. `Acme_oauthPlcy`.
 */
component: string, kind: ComponentKind, 
/**
 * The metadata element, e.g. `isClientCredentialsFlowEnabled`.
 */
setting: string, before: string | null, after: string, 
/**
 * The finding it mends.
 */
mends: FindingCode, };

/**
 * One button of the setup guide: open this Setup page of the admin's org.
 */
export type SetupLink = { step: SetupStep, 
/**
 * The Setup page's name, e.g. "External Client App Manager".
 */
label: string, url: string, };

/**
 * The steps of the setup checklist, in order. `Profile::setup_done` holds their ids.
 */
export type SetupStep = "create_app" | "oauth_settings" | "flow_enablement" | "policies" | "run_as_user" | "consumer_key" | "my_domain" | "wait";

export type Severity = "error" | "warning";

export type SnippetFormat = "curl" | "python" | "node" | "postman";

/**
 * The steps of a run, in the order the UI lists them.
 */
export type StepId = "domain" | "reachability" | "token" | "signature" | "identity" | "api_access" | "describe" | "create" | "read" | "delete" | "revoke";

/**
 * One step's state. Sent as progress while the run goes, and kept in the final report.
 */
export type StepResult = { id: StepId, status: StepStatus, 
/**
 * Wall time of the step in milliseconds, once it has finished.
 */
ms: number | null, 
/**
 * One line for the admin: "v68.0 (Winter '27)", "integration@acme.com", "001… created".
 */
summary: string | null, 
/**
 * A warning code from the catalog (e.g. `signature_mismatch`) on a step that still passed.
 */
warning: DiagnosisCode | null, };

export type StepStatus = "pending" | "running" | "passed" | "failed" | "skipped";

/**
 * Where a profile's checks go, decided once when the profile is made.
 */
export type Target = { "kind": "org", domain: string, } | { "kind": "practice", scenario: string, };

/**
 * A token the run kept rather than revoke: Salesforce may hand a grant the session an earlier
 * grant received (the live integration's), and revoking that would sign its client out.
 */
export type TokenKept = { 
/**
 * True: Salesforce issued it before this run (another client shares the session); false:
 * the answer did not say when, so nothing can be proved either way.
 */
shared: boolean, 
/**
 * When Salesforce issued it (RFC 3339 UTC), when the answer said.
 */
issued_at: string | null, 
/**
 * Why, in an admin's words.
 */
reason: string, };

/**
 * A warning: the run still passed, but something deserves a look.
 */
export type Warning = { code: DiagnosisCode, title: string, detail: string, };

// ---- app types (src-tauri) ----

/**
 * What the About panel shows.
 */
export type AboutInfo = { version: string, 
/**
 * e.g. "release · 1a2b3c4 · x86_64-linux" (the commit when the build was given one).
 */
build: string, homepage: string, 
/**
 * The OS's log folder for the app, where logs are written (null: this computer has none).
 */
log_folder: string | null, updates: UpdatePolicy, };

/**
 * The places the About panel opens.
 */
export type AboutLink = "homepage" | "issues" | "releases" | "log_folder";

/**
 * Where the admin's login comes from.
 */
export type AdminLoginInput = { "source": "kept" } | { "source": "salesforce_cli", alias: string, keep: boolean, } | { "source": "pasted", token: string, keep: boolean, } | { "source": "practice" };

/**
 * What the UI may know of a kept login: never its token.
 */
export type AdminLoginView = { host: string, username: string | null, };

/**
 * What a command answers on failure.
 */
export type AppError = { "kind": "bad_input", message: string, } | { "kind": "not_found", message: string, } | { "kind": "keyring_unavailable", message: string, } | { "kind": "keyring_failed", message: string, } | { "kind": "store_failed", message: string, } | { "kind": "busy", message: string, } | { "kind": "untrusted_host", message: string, 
/**
 * The host the credentials would go to.
 */
host: string, diagnosis: Diagnosis, } | { "kind": "freeze_risk", message: string, 
/**
 * What Salesforce may do, and the network.
 */
risk: FreezeRisk, } | { "kind": "diagnosed", message: string, diagnosis: Diagnosis, } | { "kind": "check_failed", message: string, } | { "kind": "staged_exists", message: string, } | { "kind": "half_done", message: string, exists: Array<string>, } | { "kind": "internal", message: string, };

/**
 * Which of the profile's key and secret pairs.
 */
export type CredentialSet = "current" | "staged";

/**
 * What a typed domain was understood as, or why it cannot be used (with the fix).
 */
export type DomainPreview = { ok: boolean, domain: OrgDomain | null, error: DomainProblem | null, };

export type DomainProblem = { 
/**
 * Catalog code, e.g. `not_my_domain`.
 */
code: DiagnosisCode, 
/**
 * What is wrong and the fix.
 */
message: string, };

/**
 * What became of one leftover.
 */
export type LeftoverCleaned = { leftover: Leftover, 
/**
 * None when it could not be deleted (see `error`).
 */
cleaned: Cleaned | null, error: string | null, };

/**
 * The app as made, and the profile that now uses it.
 */
export type NewAppOutcome = { created: CreatedApp, view: ProfileView, 
/**
 * The secret is in the keychain (false: read it in Setup, `created.setup_url`).
 */
secret_stored: boolean, 
/**
 * Why it is not (no keychain, the org would not give it), in words.
 */
secret_note: string | null, };

/**
 * What checking the old pair after the rotation showed.
 */
export type OldPairCheck = { 
/**
 * True: Salesforce refused the old pair (the rotation is complete) and it was forgotten.
 */
refused: boolean, 
/**
 * What the token endpoint said, in words.
 */
detail: string, 
/**
 * The profile as it is now (without the old pair once it was forgotten).
 */
view: ProfileView, };

/**
 * One line of the table: a profile and what its check came to.
 */
export type ProfileCheck = { id: string, name: string, ok: boolean, 
/**
 * The diagnosis of a failed run; none when it passed or could not start.
 */
code: DiagnosisCode | null, 
/**
 * "passed", the diagnosis title with its code, or why it could not start.
 */
detail: string, };

/**
 * A profile as the UI shows it: its settings, whether its secrets are stored, and what follows
 * from them (computed here so the UI keeps no copy of the rules).
 */
export type ProfileView = { profile: Profile, secret: SecretStatus, 
/**
 * The proxy password; read only when the proxy names a user.
 */
proxy_password: SecretStatus, 
/**
 * Not saved yet (no id).
 */
draft: boolean, 
/**
 * Why a test cannot start with the saved settings; None when it can.
 */
blocked: string | null, 
/**
 * A fingerprint of what a test result depends on: a result taken with another is stale.
 */
run_inputs: string, 
/**
 * The saved proxy names a user, so its password is asked for.
 */
proxy_needs_password: boolean, 
/**
 * "the old pair stops working on DATE (N days)", while a rotation keeps the old pair.
 */
old_pair_note: string | null, };

export type ReportFormat = "markdown" | "json";

/**
 * Progress of a run, sent over the `onEvent` channel.
 */
export type RunEvent = { "kind": "step", step: StepResult, } | { "kind": "retrying", code: DiagnosisCode, attempt: number, pause_s: number, left_s: number, };

/**
 * What a run takes beyond the saved profile (whose object, fields and record settings it uses).
 */
export type RunOptions = { 
/**
 * The admin confirmed, for this run, sending the credentials to a host that is neither
 * Salesforce nor loopback. Never stored: the UI asks again for every run.
 */
allow_untrusted_host: boolean, 
/**
 * While the run fails in a way a recent change explains (a new app, a changed policy), run
 * again with growing pauses for up to 10 minutes; each pause is a `Retrying` event.
 */
keep_trying: boolean, 
/**
 * The admin read the warning that Salesforce may freeze the Run As user for this profile's
 * network (a production org through a proxy or inspected TLS); remembered for the profile
 * and network, so it is asked once.
 */
accept_freeze_risk: boolean, };

/**
 * A finished run and the profile it was of.
 */
export type SavedRun = { profile_id: string, report: CheckReport, };

/**
 * One scenario of the practice org, for the picker.
 */
export type ScenarioInfo = { 
/**
 * The scenario name, e.g. "wrong-secret".
 */
id: string, title: string, description: string, 
/**
 * The diagnosis code a run against this scenario ends with (null: the run passes).
 */
expected_code: DiagnosisCode | null, };

/**
 * What "Check for updates" found.
 */
export type UpdateCheck = { "kind": "up_to_date", version: string, } | { "kind": "available", version: string, 
/**
 * The release notes, as the release wrote them.
 */
notes: string | null, date: string | null, } | { "kind": "off", reason: string, };

/**
 * May the app look for updates?
 */
export type UpdatePolicy = { "state": "on" } | { "state": "off", reason: string, };

// ---- constants ----

/** The event Rust sends with every `ProfileView` (as `list_profiles` answers) after a command changed the profiles. */
export const PROFILES_CHANGED = "profiles-changed";

/** The steps of a run in display order, with the label the admin reads. */
export const STEPS: ReadonlyArray<{ id: StepId; label: string }> = [
  { id: "domain", label: "Understand the My Domain" },
  { id: "reachability", label: "Reach the org" },
  { id: "token", label: "Get an access token" },
  { id: "signature", label: "Verify the token signature" },
  { id: "identity", label: "Find the Run As user" },
  { id: "api_access", label: "Call the REST API" },
  { id: "describe", label: "Describe the test object" },
  { id: "create", label: "Create the test record" },
  { id: "read", label: "Read the test record back" },
  { id: "delete", label: "Delete the test record" },
  { id: "revoke", label: "Revoke the access token" },
];

/** The setup guide's steps in order (`Profile.setup_done` holds these ids). */
export const SETUP_STEPS: ReadonlyArray<SetupStep> = [
  "create_app",
  "oauth_settings",
  "flow_enablement",
  "policies",
  "run_as_user",
  "consumer_key",
  "my_domain",
  "wait",
];

/** Failures a recent change in Salesforce explains: "Keep trying" is offered for these. */
export const KEEP_TRYING_CODES: ReadonlyArray<DiagnosisCode> = [
  "client_id_invalid",
  "client_secret_invalid",
  "run_as_user_missing",
  "flow_disabled",
  "user_not_preauthorized",
  "api_disabled_org",
];

/** Each diagnosis code's title, as the catalog words it (for lines that name a past result). */
export const DIAGNOSIS_TITLES: Readonly<Record<DiagnosisCode, string>> = {
  "not_my_domain": "This host cannot issue Client Credentials tokens",
  "domain_invalid": "This is not an org's My Domain",
  "untrusted_host": "This host is not a known Salesforce host",
  "client_id_missing": "No consumer key",
  "client_id_malformed": "The consumer key is not one clean value",
  "client_secret_missing": "No consumer secret",
  "ca_cert_invalid": "The CA certificate file cannot be used",
  "bad_option": "An option is not valid",
  "dns_failed": "The org's host name does not resolve",
  "connect_failed": "Could not connect to the org",
  "network_failed": "The network connection failed",
  "tls_failed": "The org's HTTPS certificate could not be verified",
  "tls_untrusted": "The org's certificate is not trusted on this computer",
  "tls_name_mismatch": "The certificate is for another host",
  "tls_expired": "The certificate has expired or is not valid yet",
  "timeout": "The org did not answer in time",
  "proxy_failed": "The proxy could not connect to the org",
  "proxy_auth_required": "The proxy asks for credentials",
  "redirect_refused": "The org answered with a redirect, which is not followed",
  "foreign_host_refused": "A request would have gone to a different host",
  "response_too_large": "The answer was larger than expected",
  "not_salesforce": "The host answered, but not like Salesforce",
  "service_unavailable": "Salesforce is unavailable right now",
  "org_read_only_maintenance": "The org is in a read-only maintenance window",
  "server_error": "Salesforce had an internal error",
  "rate_limited": "Too many login attempts: Salesforce is slowing this app down",
  "client_id_invalid": "Salesforce does not recognise the consumer key",
  "client_secret_invalid": "The consumer secret is wrong",
  "run_as_user_missing": "The app has no working Run As user for the Client Credentials flow",
  "flow_disabled": "The Client Credentials flow is not enabled for this app",
  "user_not_preauthorized": "The Run As user is not pre-authorised for this app",
  "no_valid_scopes": "The app has no scope this flow can use",
  "ip_restricted": "The request comes from an IP address the Run As user may not log in from",
  "run_as_user_inactive": "The Run As user is deactivated",
  "run_as_user_frozen": "The Run As user is frozen",
  "org_inactive": "The org is inactive",
  "user_not_approved": "The user has not approved this app",
  "scope_parameter_sent": "A scope parameter was sent with the token request",
  "unsupported_grant_type": "Salesforce does not accept the grant type",
  "app_not_found": "Salesforce cannot find the app on this host",
  "invalid_basic_auth_header": "The Basic authorisation header was malformed",
  "app_blocked": "The app is blocked in this org",
  "token_error_other": "Salesforce refused the token",
  "signature_mismatch": "The token's signature does not match",
  "jwt_token_rest_only": "The app issues JWT-based access tokens, which work for REST only",
  "openid_scope_missing": "The Run As user's details are not visible",
  "api_scope_missing": "The token cannot call the REST API: the app lacks the api scope",
  "session_invalid": "Salesforce rejected the access token",
  "api_access_blocked": "The token is valid, but API use is blocked for this app or user",
  "api_disabled_org": "The REST API is not enabled for this org",
  "api_disabled_user": "The Run As user may not use the API",
  "api_limit_exceeded": "The org has used up its API requests",
  "txn_security_blocked": "A Transaction Security policy blocked the Run As user's request",
  "txn_security_session_ended": "A Transaction Security policy ended the Run As user's session",
  "txn_security_mfa_required": "A Transaction Security policy asks the integration for multi-factor authentication",
  "limits_access_denied": "The Run As user cannot read the org's limits",
  "api_version_not_found": "The org does not serve this API version",
  "object_not_found": "The test object does not exist or is not visible to the Run As user",
  "record_create_denied": "The Run As user may not create the test record",
  "record_read_denied": "The Run As user may not read the test object",
  "record_delete_denied": "The Run As user may not delete the test record — it is still in the org",
  "record_not_found": "The test record disappeared",
  "record_validation_failed": "A validation rule blocked the test record",
  "record_automation_failed": "An automation on the object failed when the test record was saved",
  "record_duplicate_blocked": "A duplicate rule blocked the test record",
  "required_field_missing": "A required field was not filled",
  "invalid_field": "A field does not exist or the Run As user cannot write it",
  "record_value_rejected": "Salesforce rejected a value sent for the test record",
  "cross_reference_denied": "The test record points to a record the Run As user cannot use",
  "revoke_failed": "The access token could not be revoked",
  "cancelled": "The check was cancelled",
  "keyring_unavailable": "The system keychain is not available",
  "keyring_failed": "The system keychain refused the operation",
  "unknown_response": "Salesforce answered in a way this app does not recognise",
};

/** Failures whose cause lies in a setting an admin's login can read: "Find the exact setting" is offered for these. */
export const INSPECT_CODES: ReadonlyArray<DiagnosisCode> = [
  "client_id_invalid",
  "run_as_user_missing",
  "flow_disabled",
  "user_not_preauthorized",
  "no_valid_scopes",
  "ip_restricted",
  "run_as_user_inactive",
  "api_scope_missing",
  "api_disabled_user",
];

// ---- commands ----

/** Every command: its `invoke` arguments and what it resolves to. It rejects with an `AppError`. */
export type Commands = {
  list_profiles: { args: Record<string, never>; result: Array<ProfileView> };
  store_problem: { args: Record<string, never>; result: string | null };
  new_profile: { args: Record<string, never>; result: ProfileView };
  save_profile: { args: { profile: Profile }; result: ProfileView };
  duplicate_profile: { args: { id: string; copySecret: boolean }; result: ProfileView };
  delete_profile: { args: { id: string }; result: null };
  proxy_needs_password: { args: { proxy: string }; result: boolean };
  save_secret: { args: { id: string; secret: string }; result: ProfileView };
  forget_secret: { args: { id: string }; result: ProfileView };
  save_proxy_password: { args: { id: string; password: string }; result: ProfileView };
  forget_proxy_password: { args: { id: string }; result: ProfileView };
  parse_domain: { args: { input: string }; result: DomainPreview };
  setup_links: { args: { id: string }; result: Array<SetupLink> };
  run_check: { args: { id: string; options: RunOptions; onEvent: Channel<RunEvent> }; result: CheckReport };
  cancel_check: { args: Record<string, never>; result: null };
  list_objects: { args: { id: string; allowUntrustedHost: boolean }; result: Array<ObjectInfo> };
  describe_required: { args: { id: string; object: string; allowUntrustedHost: boolean }; result: Array<RequiredField> };
  last_run: { args: Record<string, never>; result: SavedRun | null };
  last_report: { args: { format: ReportFormat }; result: string };
  save_report: { args: { path: string; format: ReportFormat }; result: null };
  check_every_profile: { args: Record<string, never>; result: Array<ProfileCheck> };
  leftovers: { args: { id: string }; result: Array<Leftover> };
  clean_leftovers: { args: { id: string }; result: Array<LeftoverCleaned> };
  org_changes: { args: { id: string }; result: Array<OrgChange> };
  snippet: { args: { id: string; format: SnippetFormat }; result: string };
  save_snippet: { args: { id: string; format: SnippetFormat; path: string }; result: null };
  inspect_app: { args: { id: string; login: AdminLoginInput }; result: Inspection };
  kept_admin_login: { args: Record<string, never>; result: AdminLoginView | null };
  forget_admin_login: { args: Record<string, never>; result: null };
  plan_fix: { args: { id: string; login: AdminLoginInput; inspection: Inspection; runAs: string | null }; result: FixPlan };
  apply_fix: { args: { id: string; login: AdminLoginInput; onProgress: Channel<ChangeProgress> }; result: Inspection };
  run_as_users: { args: { id: string; login: AdminLoginInput }; result: Array<RunAsUser> };
  plan_new_app: { args: { id: string; login: AdminLoginInput; app: NewApp }; result: CreatePlan };
  create_new_app: { args: { id: string; login: AdminLoginInput; app: NewApp; onProgress: Channel<ChangeProgress> }; result: NewAppOutcome };
  finish_new_app: { args: { id: string; login: AdminLoginInput; name: string; runAs: string; onProgress: Channel<ChangeProgress> }; result: NewAppOutcome };
  remove_new_app: { args: { id: string; login: AdminLoginInput; name: string; onProgress: Channel<ChangeProgress> }; result: Array<string> };
  rotate_credentials: { args: { id: string; login: AdminLoginInput; existing: ExistingStaged; onProgress: Channel<ChangeProgress> }; result: ProfileView };
  finish_rotation: { args: { id: string; login: AdminLoginInput }; result: ProfileView };
  stage_credentials: { args: { id: string; clientId: string; secret: string }; result: ProfileView };
  check_credentials: { args: { id: string; set: CredentialSet }; result: CheckReport };
  switch_to_staged: { args: { id: string }; result: ProfileView };
  check_old_refused: { args: { id: string }; result: OldPairCheck };
  practice_scenarios: { args: Record<string, never>; result: Array<ScenarioInfo> };
  start_practice: { args: { scenario: string }; result: ProfileView };
  about: { args: Record<string, never>; result: AboutInfo };
  open_about: { args: { link: AboutLink }; result: null };
  check_for_updates: { args: Record<string, never>; result: UpdateCheck };
  install_update: { args: Record<string, never>; result: null };
};

export type CommandName = keyof Commands;

export const COMMAND_NAMES: ReadonlyArray<CommandName> = [
  "list_profiles",
  "store_problem",
  "new_profile",
  "save_profile",
  "duplicate_profile",
  "delete_profile",
  "proxy_needs_password",
  "save_secret",
  "forget_secret",
  "save_proxy_password",
  "forget_proxy_password",
  "parse_domain",
  "setup_links",
  "run_check",
  "cancel_check",
  "list_objects",
  "describe_required",
  "last_run",
  "last_report",
  "save_report",
  "check_every_profile",
  "leftovers",
  "clean_leftovers",
  "org_changes",
  "snippet",
  "save_snippet",
  "inspect_app",
  "kept_admin_login",
  "forget_admin_login",
  "plan_fix",
  "apply_fix",
  "run_as_users",
  "plan_new_app",
  "create_new_app",
  "finish_new_app",
  "remove_new_app",
  "rotate_credentials",
  "finish_rotation",
  "stage_credentials",
  "check_credentials",
  "switch_to_staged",
  "check_old_refused",
  "practice_scenarios",
  "start_practice",
  "about",
  "open_about",
  "check_for_updates",
  "install_update",
];

/** A typed function per command, in camelCase, over the client's `call` (which maps errors). */
export function makeApi(
  call: <K extends CommandName>(cmd: K, args: Commands[K]["args"]) => Promise<Commands[K]["result"]>,
) {
  return {
    listProfiles: () => call("list_profiles", {  }),
    storeProblem: () => call("store_problem", {  }),
    newProfile: () => call("new_profile", {  }),
    saveProfile: (profile: Profile) => call("save_profile", { profile }),
    duplicateProfile: (id: string, copySecret: boolean) => call("duplicate_profile", { id, copySecret }),
    deleteProfile: (id: string) => call("delete_profile", { id }),
    proxyNeedsPassword: (proxy: string) => call("proxy_needs_password", { proxy }),
    saveSecret: (id: string, secret: string) => call("save_secret", { id, secret }),
    forgetSecret: (id: string) => call("forget_secret", { id }),
    saveProxyPassword: (id: string, password: string) => call("save_proxy_password", { id, password }),
    forgetProxyPassword: (id: string) => call("forget_proxy_password", { id }),
    parseDomain: (input: string) => call("parse_domain", { input }),
    setupLinks: (id: string) => call("setup_links", { id }),
    runCheck: (id: string, options: RunOptions, onEvent: Channel<RunEvent>) => call("run_check", { id, options, onEvent }),
    cancelCheck: () => call("cancel_check", {  }),
    listObjects: (id: string, allowUntrustedHost: boolean) => call("list_objects", { id, allowUntrustedHost }),
    describeRequired: (id: string, object: string, allowUntrustedHost: boolean) => call("describe_required", { id, object, allowUntrustedHost }),
    lastRun: () => call("last_run", {  }),
    lastReport: (format: ReportFormat) => call("last_report", { format }),
    saveReport: (path: string, format: ReportFormat) => call("save_report", { path, format }),
    checkEveryProfile: () => call("check_every_profile", {  }),
    leftovers: (id: string) => call("leftovers", { id }),
    cleanLeftovers: (id: string) => call("clean_leftovers", { id }),
    orgChanges: (id: string) => call("org_changes", { id }),
    snippet: (id: string, format: SnippetFormat) => call("snippet", { id, format }),
    saveSnippet: (id: string, format: SnippetFormat, path: string) => call("save_snippet", { id, format, path }),
    inspectApp: (id: string, login: AdminLoginInput) => call("inspect_app", { id, login }),
    keptAdminLogin: () => call("kept_admin_login", {  }),
    forgetAdminLogin: () => call("forget_admin_login", {  }),
    planFix: (id: string, login: AdminLoginInput, inspection: Inspection, runAs: string | null) => call("plan_fix", { id, login, inspection, runAs }),
    applyFix: (id: string, login: AdminLoginInput, onProgress: Channel<ChangeProgress>) => call("apply_fix", { id, login, onProgress }),
    runAsUsers: (id: string, login: AdminLoginInput) => call("run_as_users", { id, login }),
    planNewApp: (id: string, login: AdminLoginInput, app: NewApp) => call("plan_new_app", { id, login, app }),
    createNewApp: (id: string, login: AdminLoginInput, app: NewApp, onProgress: Channel<ChangeProgress>) => call("create_new_app", { id, login, app, onProgress }),
    finishNewApp: (id: string, login: AdminLoginInput, name: string, runAs: string, onProgress: Channel<ChangeProgress>) => call("finish_new_app", { id, login, name, runAs, onProgress }),
    removeNewApp: (id: string, login: AdminLoginInput, name: string, onProgress: Channel<ChangeProgress>) => call("remove_new_app", { id, login, name, onProgress }),
    rotateCredentials: (id: string, login: AdminLoginInput, existing: ExistingStaged, onProgress: Channel<ChangeProgress>) => call("rotate_credentials", { id, login, existing, onProgress }),
    finishRotation: (id: string, login: AdminLoginInput) => call("finish_rotation", { id, login }),
    stageCredentials: (id: string, clientId: string, secret: string) => call("stage_credentials", { id, clientId, secret }),
    checkCredentials: (id: string, set: CredentialSet) => call("check_credentials", { id, set }),
    switchToStaged: (id: string) => call("switch_to_staged", { id }),
    checkOldRefused: (id: string) => call("check_old_refused", { id }),
    practiceScenarios: () => call("practice_scenarios", {  }),
    startPractice: (scenario: string) => call("start_practice", { scenario }),
    about: () => call("about", {  }),
    openAbout: (link: AboutLink) => call("open_about", { link }),
    checkForUpdates: () => call("check_for_updates", {  }),
    installUpdate: () => call("install_update", {  }),
  };
}
