//! The reads of an inspection, with the admin's login, in as few round trips as the answers'
//! dependencies allow: (1) the org's API versions; (2) the Metadata API's list of both app kinds
//! in one call, beside one composite call describing the three setup objects (some of their
//! field names are unconfirmed without a real org); (3) the Settings tabs and the legacy
//! Connected Apps, ten a call, all at once, to find the app that holds the key; (4) one
//! composite call with every SOQL read, later ones naming earlier answers
//! (`@{policy.records[0].ClientCredentialsFlowUser}`). Each source ends read, refused or failed.

use super::batch::{self, Answer, Answers, Get};
use super::findings::{AppKind, AppRow, PolicyRow, Readings, Source, UserRow};
use super::history::{self, LoginAttempt};
use super::rows::{
    decode_setup, given, AccessRecord, AppRecord, AssignmentRecord, ColumnRow, IpRangeRecord,
    LoginRecord, PermissionSetRef, PluginRecord, PolicyRecord, UserRecord, UsernameRecord,
    PLUGIN_COLUMNS, POLICY_COLUMNS,
};
use super::soap::{
    self, ConnectedAppSettings, GlobalSettings, CONNECTED_APP, GLOBAL_SETTINGS, READ_BATCH,
};
use super::InspectError;
use crate::client::{Body, SfClient, Size};
use crate::salesforce::errors::RestErrorCode;
use crate::salesforce::services::{self, ApiVersion};
use crate::salesforce::soql_string as quote;
use crate::salesforce::wire::{self, DescribeField};
use crate::secret::Secret;
use reqwest::Method;
use serde::de::DeserializeOwned;
use serde_json::Value;

const ECA: &str = "ExternalClientApplication";
const PLUGIN: &str = "ExtlClntAppPlcyCnfg";
const POLICY: &str = "ExtlClntAppOauthPlcyCnfg";
const SCOPES: &str = "ExtlClntAppOauthSettings";
const CONFIG_OBJECTS: [&str; 3] = [PLUGIN, POLICY, SCOPES];
const UNSET: &str = "no Run As user is set";
const NO_USER: &str = "the Run As user does not exist";

/// The reader of one inspection: the client, the admin's token, the API version.
pub(crate) struct Reader<'a> {
    pub client: &'a SfClient,
    pub token: &'a Secret,
    pub version: ApiVersion,
}

/// The members of both app kinds, by type.
#[derive(Default)]
struct Listed {
    settings: Vec<String>,
    connected_apps: Vec<String>,
}

/// The query string of `soql`, its `@{…}` references left as they are for the composite call
/// to fill in.
fn encode(soql: &str) -> String {
    let mut out = String::new();
    let mut rest = soql;
    while let Some(start) = rest.find("@{") {
        let end = rest[start..]
            .find('}')
            .map_or(rest.len(), |e| start + e + 1);
        out.extend(form_urlencoded::byte_serialize(&rest.as_bytes()[..start]));
        out.push_str(&rest[start..end]);
        rest = &rest[end..];
    }
    out.extend(form_urlencoded::byte_serialize(rest.as_bytes()));
    out
}

/// Whether an error answer says the object (or call) is not there for this login.
fn is_denied(status: u16, body: &Value) -> bool {
    status == 403
        || wire::rest_errors(&body.to_string())
            .unwrap_or_default()
            .iter()
            .any(|e| {
                let c = &e.error_code;
                matches!(c, RestErrorCode::InvalidType | RestErrorCode::NotFound)
                    || c.is_insufficient_access()
            })
}

fn first_message(status: u16, body: &Value) -> String {
    wire::rest_errors(&body.to_string())
        .and_then(|e| e.into_iter().next())
        .map(|e| {
            format!("{} {}", e.error_code, e.message.unwrap_or_default())
                .trim()
                .to_string()
        })
        .unwrap_or_else(|| format!("HTTP {status}"))
}

impl Reader<'_> {
    fn query_path(&self, soql: &str) -> String {
        services::query(self.version, &encode(soql))
    }

    /// A sub-answer as a source: `unreached` names why a read that depended on a missing value
    /// was not made.
    fn source<T>(
        &self,
        answers: &Answers,
        reference: &str,
        what: &str,
        unreached: &str,
        read: impl FnOnce(&Value) -> Option<T>,
    ) -> Source<T> {
        match answers.get(reference) {
            Answer::Ok(body) => match read(body) {
                Some(t) => Source::Read(t),
                None => failed(what, "the answer is not what Salesforce sends"),
            },
            Answer::Unreached => failed(what, unreached),
            Answer::Refused { status, body } if is_denied(status, body) => Source::Denied {
                what: what.to_string(),
            },
            Answer::Refused { status, body } => failed(
                what,
                &format!(
                    "{status} {}",
                    self.client.mask(&first_message(status, body))
                ),
            ),
        }
    }

    /// The rows of a query's sub-answer, each read as `T`.
    fn rows<T: DeserializeOwned>(
        &self,
        answers: &Answers,
        reference: &str,
        what: &str,
        unreached: &str,
    ) -> Source<Vec<T>> {
        self.source(answers, reference, what, unreached, |body| {
            serde_json::from_value::<wire::QueryResult<T>>(body.clone())
                .ok()
                .map(|q| q.records)
        })
    }

    async fn soap(&self, operation: &str) -> Result<String, InspectError> {
        let path = services::metadata_soap(self.version);
        let resp = self
            .client
            .send_sized(
                Method::POST,
                &path,
                None,
                Body::Soap {
                    session: self.token,
                    operation,
                },
                Size::Large,
            )
            .await?;
        Ok(resp.raw_body().to_string())
    }

    /// Both app kinds' members in one `listMetadata` call.
    async fn list_apps(&self) -> Result<Source<Listed>, InspectError> {
        let body = self
            .soap(&soap::list_operation(
                &[GLOBAL_SETTINGS, CONNECTED_APP],
                self.version,
            ))
            .await?;
        match soap::parse_list(&body) {
            soap::Answer::Ok(members) => {
                let mut listed = Listed::default();
                for (kind, name) in members {
                    if kind == CONNECTED_APP {
                        listed.connected_apps.push(name);
                    } else {
                        listed.settings.push(name);
                    }
                }
                Ok(Source::Read(listed))
            }
            other => self.soap_failure(&format!("{GLOBAL_SETTINGS} (Metadata API)"), other),
        }
    }

    /// The member of `names` (of metadata type `kind`) whose consumer key is `key`: read ten a
    /// call, every call at once.
    async fn member_with_key<T>(
        &self,
        kind: &str,
        names: &[String],
        key: &str,
        parse: fn(&str) -> soap::Answer<Vec<T>>,
        key_of: fn(&T) -> &String,
    ) -> Result<Source<Option<T>>, InspectError> {
        let what = format!("{kind} (Metadata API)");
        let calls = names
            .chunks(READ_BATCH)
            .map(|batch| self.soap_owned(soap::read_operation(kind, batch)));
        let bodies = join_all(calls).await;
        let mut found = None;
        for body in bodies {
            match parse(&body?) {
                soap::Answer::Ok(all) => {
                    if found.is_none() {
                        found = all.into_iter().find(|m| key_of(m) == key);
                    }
                }
                other => return self.soap_failure(&what, other),
            }
        }
        Ok(Source::Read(found))
    }

    async fn soap_owned(&self, operation: String) -> Result<String, InspectError> {
        self.soap(&operation).await
    }

    fn soap_failure<T, U>(
        &self,
        what: &str,
        answer: soap::Answer<T>,
    ) -> Result<Source<U>, InspectError> {
        match answer {
            soap::Answer::Fault { code, message } => {
                if code == RestErrorCode::InvalidSessionId {
                    return Err(InspectError::LoginRefused {
                        detail: self.client.mask(&message),
                    });
                }
                if code.is_insufficient_access() || code == RestErrorCode::InvalidType {
                    return Ok(Source::Denied {
                        what: what.to_string(),
                    });
                }
                Ok(failed(what, &self.client.mask(&message)))
            }
            soap::Answer::Unreadable => Ok(failed(what, "the answer is not a SOAP envelope")),
            soap::Answer::Ok(_) => Ok(failed(what, "unexpected answer")),
        }
    }

    /// The describes of the three setup objects of an External Client App, in one call.
    async fn describe_config(&self) -> Result<Answers, InspectError> {
        let gets: Vec<Get> = CONFIG_OBJECTS
            .iter()
            .map(|object| Get {
                reference: object,
                path: services::describe(self.version, object),
            })
            .collect();
        batch::send(self.client, self.token, self.version, &gets).await
    }

    fn fields(&self, described: &Answers, object: &str) -> Source<Vec<DescribeField>> {
        self.source(described, object, object, "not described", |body| {
            serde_json::from_value::<wire::Describe>(body.clone())
                .ok()
                .map(|d| d.fields)
        })
    }
}

/// Every future at once, answers in order (`join_all` without the futures crate).
async fn join_all<F: std::future::Future>(futures: impl Iterator<Item = F>) -> Vec<F::Output> {
    use std::task::Poll;
    let mut futures: Vec<_> = futures.map(Box::pin).collect();
    let mut outputs: Vec<Option<F::Output>> = futures.iter().map(|_| None).collect();
    std::future::poll_fn(|cx| {
        let mut pending = false;
        for (future, output) in futures.iter_mut().zip(outputs.iter_mut()) {
            if output.is_none() {
                match future.as_mut().poll(cx) {
                    Poll::Ready(v) => *output = Some(v),
                    Poll::Pending => pending = true,
                }
            }
        }
        if pending {
            Poll::Pending
        } else {
            Poll::Ready(())
        }
    })
    .await;
    outputs.into_iter().flatten().collect()
}

fn failed<T>(what: &str, why: &str) -> Source<T> {
    Source::Failed {
        what: what.to_string(),
        why: why.to_string(),
    }
}

fn is_scope_field(name: &str) -> bool {
    name.len() > 11 && name[..11].eq_ignore_ascii_case("OauthScopes")
}

fn map_source<T, U>(s: Source<T>, f: impl FnOnce(T) -> U) -> Source<U> {
    match s {
        Source::Read(t) => Source::Read(f(t)),
        Source::Denied { what } => Source::Denied { what },
        Source::Failed { what, why } => Source::Failed { what, why },
    }
}

/// The SOQL of one setup object's row of the app: the wanted fields that exist (plus `extra`
/// ones), linked to the app by the field that references ExternalClientApplication.
fn app_row_soql(
    object: &str,
    fields: &[DescribeField],
    wanted: &[&str],
    extra: fn(&str) -> bool,
    app_id: &str,
) -> Result<String, &'static str> {
    let link = fields
        .iter()
        .find(|f| f.reference_to.iter().any(|t| t.eq_ignore_ascii_case(ECA)))
        .ok_or("no field links it to its External Client App")?;
    let mut names: Vec<&str> = vec!["Id"];
    for f in fields {
        let listed = wanted.iter().any(|w| f.name.eq_ignore_ascii_case(w));
        if (listed || extra(&f.name)) && !names.contains(&f.name.as_str()) {
            names.push(&f.name);
        }
    }
    Ok(format!(
        "SELECT {} FROM {object} WHERE {} = {app_id}",
        names.join(", "),
        link.name
    ))
}

const USER_FIELDS: &str = "Id, Username, IsActive, ProfileId, Profile.Name, Profile.PermissionsApiEnabled, Profile.PermissionsApiUserOnly";
const SETS_FIELDS: &str = "PermissionSetId, PermissionSet.Name, PermissionSet.PermissionsApiEnabled, PermissionSet.PermissionsApiUserOnly";

fn no_extra(_: &str) -> bool {
    false
}

/// Every read of an inspection of the app that owns `key`: an External Client App, else a
/// legacy Connected App.
pub(crate) async fn read_all(reader: &Reader<'_>, key: &str) -> Result<Readings, InspectError> {
    let (listed, described) = tokio::join!(reader.list_apps(), reader.describe_config());
    let (listed, described) = (listed?, described?);
    // Both kinds' members are read at once (a legacy Connected App costs no round trip more);
    // the Connected Apps count only when no External Client App holds the key.
    let (settings, connected) = match &listed {
        Source::Read(l) => {
            let (settings, connected) = tokio::join!(
                reader.member_with_key(
                    GLOBAL_SETTINGS,
                    &l.settings,
                    key,
                    soap::parse_read,
                    |s: &GlobalSettings| &s.consumer_key
                ),
                reader.member_with_key(
                    CONNECTED_APP,
                    &l.connected_apps,
                    key,
                    soap::parse_connected_apps,
                    |s: &ConnectedAppSettings| &s.consumer_key,
                ),
            );
            (settings?, connected?)
        }
        other => (
            map_source(other.clone_reason(), |_| None),
            Source::Read(None),
        ),
    };
    if let Source::Read(None) = settings {
        if let Source::Read(Some(app)) = connected {
            return read_connected_app(reader, app).await;
        }
        return Ok(not_found(settings));
    }
    read_external_app(reader, settings, &described).await
}

impl Source<Listed> {
    /// The reason it was not read, for sources that depended on it.
    fn clone_reason(&self) -> Source<()> {
        match self {
            Source::Read(_) => Source::Read(()),
            Source::Denied { what } => Source::Denied { what: what.clone() },
            Source::Failed { what, why } => failed(what, why),
        }
    }
}

fn not_found(settings: Source<Option<GlobalSettings>>) -> Readings {
    const NOT_FOUND: &str = "the app was not found";
    Readings {
        kind: AppKind::ExternalClientApp,
        settings: map_source(settings, |s| s.map(|s| s.client_credentials_enabled)),
        app: Source::Read(None),
        plugin: failed(PLUGIN, NOT_FOUND),
        policy: failed(POLICY, NOT_FOUND),
        scopes: failed(SCOPES, NOT_FOUND),
        user: failed("User", NOT_FOUND),
        preauthorized: failed("SetupEntityAccess", NOT_FOUND),
        ip_ranges: failed("LoginIpRange", NOT_FOUND),
        login_history: failed("LoginHistory", NOT_FOUND),
    }
}

/// The reads that hang on the Run As user, added to a batch: the user by username (and by
/// email, the usual mistake), their permission sets, their profile's login IP ranges and their
/// recent Login History. `run_as` is a literal or a reference; `by_id` when it holds a user id.
fn user_gets(reader: &Reader<'_>, run_as: &str, by_id: bool, gets: &mut Vec<Get>) {
    let field = if by_id { "Id" } else { "Username" };
    let q = |soql: String| reader.query_path(&soql);
    gets.push(Get {
        reference: "user",
        path: q(format!(
            "SELECT {USER_FIELDS} FROM User WHERE {field} = {run_as}"
        )),
    });
    if !by_id {
        gets.push(Get {
            reference: "userByEmail",
            path: q(format!("SELECT Username FROM User WHERE Email = {run_as}")),
        });
    }
    gets.push(Get {
        reference: "sets",
        path: q(format!(
            "SELECT {SETS_FIELDS} FROM PermissionSetAssignment WHERE AssigneeId = '@{{user.records[0].Id}}'"
        )),
    });
    gets.push(Get {
        reference: "ranges",
        path: q("SELECT Id, StartAddress, EndAddress FROM LoginIpRange WHERE ProfileId = '@{user.records[0].ProfileId}'".to_string()),
    });
    gets.push(Get {
        reference: "history",
        path: q(history::soql("'@{user.records[0].Id}'")),
    });
}

/// What the user reads of a batch gave.
struct UserReads {
    user: Source<(Option<UserRow>, Option<String>)>,
    sets: Source<Vec<AssignmentRecord>>,
    ranges: Source<Vec<(String, String)>>,
    history: Source<Vec<LoginAttempt>>,
}

fn user_reads(reader: &Reader<'_>, answers: &Answers) -> UserReads {
    let why = NO_USER;
    let user = reader.rows::<UserRecord>(answers, "user", "User", why);
    let by_email = match reader.rows::<UsernameRecord>(answers, "userByEmail", "User", why) {
        Source::Read(rows) => rows.into_iter().next().and_then(|r| given(r.username)),
        _ => None,
    };
    let sets = reader.rows::<AssignmentRecord>(answers, "sets", "PermissionSetAssignment", why);
    let any_set = |granted: fn(&PermissionSetRef) -> Option<bool>| match &sets {
        Source::Read(rows) => rows
            .iter()
            .filter_map(|r| r.permission_set.as_ref())
            .any(|set| granted(set) == Some(true)),
        _ => false,
    };
    let user = match user {
        Source::Read(rows) => match rows.into_iter().next() {
            Some(u) => {
                let profile = u.profile.unwrap_or_default();
                Source::Read((
                    Some(UserRow {
                        id: given(u.id).unwrap_or_default(),
                        username: given(u.username).unwrap_or_default(),
                        active: u.is_active.unwrap_or(true),
                        profile_id: given(u.profile_id),
                        profile_name: given(profile.name),
                        api_enabled: profile.permissions_api_enabled == Some(true)
                            || any_set(|s| s.permissions_api_enabled),
                        api_only: profile.permissions_api_user_only == Some(true)
                            || any_set(|s| s.permissions_api_user_only),
                    }),
                    None,
                ))
            }
            // Often an email typed where the username belongs: name the user it belongs to.
            None => Source::Read((None, by_email)),
        },
        other => other.map_rows(),
    };
    let ranges = map_source(
        reader.rows::<IpRangeRecord>(answers, "ranges", "LoginIpRange", why),
        |rows| {
            rows.into_iter()
                .map(|r| {
                    (
                        r.start_address.unwrap_or_default(),
                        r.end_address.unwrap_or_default(),
                    )
                })
                .collect()
        },
    );
    let history = map_source(
        reader.rows::<LoginRecord>(answers, "history", "LoginHistory", why),
        |rows| rows.into_iter().map(LoginAttempt::from).collect(),
    );
    UserReads {
        user,
        sets,
        ranges,
        history,
    }
}

/// The app's own rows and its Run As user's, in one composite call.
async fn read_external_app(
    reader: &Reader<'_>,
    settings: Source<Option<GlobalSettings>>,
    described: &Answers,
) -> Result<Readings, InspectError> {
    let app_soql = match &settings {
        Source::Read(Some(s)) => format!(
            "SELECT Id, DeveloperName, MasterLabel, DistributionState FROM {ECA} WHERE DeveloperName = {}",
            quote(&s.app_name)
        ),
        // The Metadata API is refused: the org's only app is taken (said so below).
        _ => format!("SELECT Id, DeveloperName, MasterLabel, DistributionState FROM {ECA}"),
    };
    let mut gets = vec![Get {
        reference: "app",
        path: reader.query_path(&app_soql),
    }];
    let app_id = "'@{app.records[0].Id}'";
    let mut not_asked: Vec<(&str, Source<()>)> = Vec::new();
    let mut policy_fields = Vec::new();
    let mut scope_fields = Vec::new();
    for (object, wanted, extra) in [
        (PLUGIN, &PLUGIN_COLUMNS[..], no_extra as fn(&str) -> bool),
        (POLICY, &POLICY_COLUMNS[..], no_extra),
        (SCOPES, &[][..], is_scope_field),
    ] {
        let fields = match reader.fields(described, object) {
            Source::Read(f) => f,
            other => {
                not_asked.push((object, map_source(other, |_| ())));
                continue;
            }
        };
        match app_row_soql(object, &fields, wanted, extra, app_id) {
            Ok(soql) => gets.push(Get {
                reference: object,
                path: reader.query_path(&soql),
            }),
            Err(why) => not_asked.push((object, failed(object, why))),
        }
        if object == POLICY {
            policy_fields = fields;
        } else if object == SCOPES {
            scope_fields = fields;
        }
    }
    gets.push(Get {
        reference: "access",
        path: reader.query_path(&format!("SELECT ParentId FROM SetupEntityAccess WHERE SetupEntityType = 'ExternalClientApplication' AND SetupEntityId = {app_id}")),
    });
    // The Run As field: a username (ClientCredentialsFlowUser), else a user id.
    let run_as_field = ["ClientCredentialsFlowUser", "ClientCredentialsFlowUserId"]
        .into_iter()
        .find_map(|w| {
            policy_fields
                .iter()
                .find(|f| f.name.eq_ignore_ascii_case(w))
        })
        .map(|f| (f.name.clone(), f.name.to_ascii_lowercase().ends_with("id")));
    if let Some((field, by_id)) = &run_as_field {
        user_gets(
            reader,
            &format!("'@{{{POLICY}.records[0].{field}}}'"),
            *by_id,
            &mut gets,
        );
    }
    let answers = batch::send(reader.client, reader.token, reader.version, &gets).await?;

    let not_asked_source = |object: &str| {
        not_asked
            .iter()
            .find(|(o, _)| *o == object)
            .map(|(_, s)| map_source(s.clone(), |_| Vec::<ColumnRow>::new()))
    };
    let rows_of = |object: &str| {
        not_asked_source(object)
            .unwrap_or_else(|| reader.rows(&answers, object, object, "the app was not found"))
    };
    let app = match reader.rows::<AppRecord>(&answers, "app", ECA, "the app was not found") {
        Source::Read(rows) => match &settings {
            Source::Read(Some(s)) => Source::Read(rows.into_iter().next().map(|r| {
                app_row(r, format!("{GLOBAL_SETTINGS} {} holds this consumer key (app {})", s.full_name, s.app_name))
            })),
            _ if rows.len() == 1 => Source::Read(rows.into_iter().next().map(|r| app_row(
                r,
                "Assumed: the org's only External Client App (its Settings tab, which holds the key, could not be read)".into(),
            ))),
            _ => failed(ECA, &format!("{} apps, and the Settings tab that names the key's app could not be read", rows.len())),
        },
        other => other.map_rows(),
    };
    // Rows that hung on `app.records[0]` describe another app when that was not the one.
    let app_known = matches!(app, Source::Read(Some(_)));
    let first = |s: Source<Vec<ColumnRow>>, object: &str| match s {
        Source::Read(_) if !app_known => failed(object, "the app was not found"),
        Source::Read(rows) => match rows.into_iter().next() {
            Some(row) => Source::Read(row),
            None => failed(object, "the app has no row in it"),
        },
        other => other.map_rows(),
    };
    let plugin = map_source(
        setup_row::<PluginRecord>(first(rows_of(PLUGIN), PLUGIN), PLUGIN, &PLUGIN_COLUMNS),
        |row| (row.is_enabled, given(row.oauth_plugin_status)),
    );
    let policy = map_source(
        setup_row::<PolicyRecord>(first(rows_of(POLICY), POLICY), POLICY, &POLICY_COLUMNS),
        |row| PolicyRow {
            cc_enabled: row.is_client_credentials_flow_enabled,
            run_as: given(row.client_credentials_flow_user)
                .or_else(|| given(row.client_credentials_flow_user_id)),
            permitted_users: given(row.permitted_users_policy_type),
            ip_relaxation: given(row.ip_relaxation_policy_type),
        },
    );
    // The scope flags are the columns the describe listed, read back under the same names.
    let scopes = map_source(first(rows_of(SCOPES), SCOPES), |row| {
        scope_fields
            .iter()
            .filter(|f| is_scope_field(&f.name) && f.field_type.eq_ignore_ascii_case("boolean"))
            .map(|f| {
                let on = row.get(&f.name).and_then(Value::as_bool);
                (f.name.clone(), on.unwrap_or(false))
            })
            .collect()
    });
    let unset = matches!(&policy, Source::Read(p) if p.run_as.is_none());
    let reads = if unset || run_as_field.is_none() || !matches!(policy, Source::Read(_)) {
        let why = if unset {
            UNSET
        } else {
            "the Run As field could not be read"
        };
        let policy_reason = match &policy {
            Source::Read(_) => failed("User", why),
            other => map_source(other.clone(), |_| ()),
        };
        UserReads {
            user: map_source(policy_reason.clone(), |_| (None, None)),
            sets: map_source(policy_reason.clone(), |_| Vec::new()),
            ranges: map_source(policy_reason.clone(), |_| Vec::new()),
            history: map_source(policy_reason, |_| Vec::new()),
        }
    } else {
        user_reads(reader, &answers)
    };
    let access = reader.rows::<AccessRecord>(
        &answers,
        "access",
        "SetupEntityAccess",
        "the app was not found",
    );
    let preauthorized = preauthorized_by_access(&reads, access);
    Ok(Readings {
        kind: AppKind::ExternalClientApp,
        settings: map_source(settings, |s| s.map(|s| s.client_credentials_enabled)),
        app,
        plugin,
        policy,
        scopes,
        preauthorized,
        user: reads.user,
        ip_ranges: reads.ranges,
        login_history: reads.history,
    })
}

fn app_row(row: AppRecord, matched: String) -> AppRow {
    let developer_name = given(row.developer_name);
    AppRow {
        id: given(row.id).unwrap_or_default(),
        label: given(row.master_label)
            .or_else(|| developer_name.clone())
            .unwrap_or_default(),
        developer_name: developer_name.unwrap_or_default(),
        distribution_state: given(row.distribution_state),
        matched,
    }
}

/// A setup object's row read as `T` (see [`decode_setup`]).
fn setup_row<T: DeserializeOwned>(
    row: Source<ColumnRow>,
    object: &str,
    columns: &[&str],
) -> Source<T> {
    match row {
        Source::Read(row) => match decode_setup(row, columns) {
            Some(t) => Source::Read(t),
            None => failed(object, "the answer is not what Salesforce sends"),
        },
        Source::Denied { what } => Source::Denied { what },
        Source::Failed { what, why } => Source::Failed { what, why },
    }
}

impl<R> Source<Vec<R>> {
    fn map_rows<T>(self) -> Source<T> {
        match self {
            Source::Read(_) => failed(ECA, "unexpected answer"),
            Source::Denied { what } => Source::Denied { what },
            Source::Failed { what, why } => Source::Failed { what, why },
        }
    }
}

/// Whether one of the user's permission sets (a profile has its own) is granted the app.
fn preauthorized_by_access(reads: &UserReads, access: Source<Vec<AccessRecord>>) -> Source<bool> {
    if !matches!(reads.user, Source::Read((Some(_), _))) {
        return map_source(reads.user.clone(), |_| false).not_read(NO_USER);
    }
    match (access, &reads.sets) {
        (Source::Read(granted), Source::Read(sets)) => {
            let granted: Vec<String> = granted
                .into_iter()
                .filter_map(|r| given(r.parent_id))
                .collect();
            let same = |a: &str, b: &str| a.get(..15).is_some_and(|a| b.get(..15) == Some(a));
            Source::Read(
                sets.iter()
                    .filter_map(|r| r.permission_set_id.as_deref())
                    .any(|p| granted.iter().any(|g| same(g, p))),
            )
        }
        (Source::Read(_), other) => {
            map_source(other.clone(), |_| false).not_read("unexpected answer")
        }
        (other, _) => map_source(other, |_| false),
    }
}

impl Source<bool> {
    /// A source derived from another one that was not read keeps its reason.
    fn not_read(self, why: &str) -> Source<bool> {
        match self {
            Source::Read(_) => failed("PermissionSetAssignment", why),
            other => other,
        }
    }
}

/// The readings of a legacy Connected App: its metadata holds its settings and policies; the
/// Run As user's reads are one composite call.
async fn read_connected_app(
    reader: &Reader<'_>,
    app: ConnectedAppSettings,
) -> Result<Readings, InspectError> {
    let policy = PolicyRow {
        cc_enabled: app.client_credentials_enabled,
        run_as: app.run_as.clone(),
        permitted_users: Some(
            if app.admin_approved == Some(true) {
                "AdminApprovedPreAuthorized"
            } else {
                "AllSelfAuthorized"
            }
            .to_string(),
        ),
        ip_relaxation: app.ip_relaxation.clone(),
    };
    let reads = match &app.run_as {
        Some(run_as) => {
            let by_id =
                crate::salesforce::RecordId::parse(run_as).is_some() && run_as.starts_with("005");
            let mut gets = Vec::new();
            user_gets(reader, &quote(run_as), by_id, &mut gets);
            let answers = batch::send(reader.client, reader.token, reader.version, &gets).await?;
            user_reads(reader, &answers)
        }
        None => UserReads {
            user: failed("User", UNSET),
            sets: failed("PermissionSetAssignment", UNSET),
            ranges: failed("LoginIpRange", UNSET),
            history: failed("LoginHistory", UNSET),
        },
    };
    let preauthorized = match (&reads.user, &reads.sets) {
        (Source::Read((Some(user), _)), Source::Read(sets)) => {
            let by_profile = user
                .profile_name
                .as_ref()
                .is_some_and(|p| app.profiles.iter().any(|n| n.eq_ignore_ascii_case(p)));
            let by_set = sets
                .iter()
                .filter_map(|r| r.permission_set.as_ref()?.name.as_deref())
                .any(|name| {
                    app.permission_sets
                        .iter()
                        .any(|n| n.eq_ignore_ascii_case(name))
                });
            Source::Read(by_profile || by_set)
        }
        (Source::Read((Some(_), _)), other) => map_source(other.clone(), |_| false),
        (other, _) => map_source(other.clone(), |_| false).not_read(NO_USER),
    };
    Ok(Readings {
        kind: AppKind::ConnectedApp,
        settings: Source::Read(Some(app.client_credentials_enabled)),
        app: Source::Read(Some(AppRow {
            id: String::new(),
            developer_name: app.full_name.clone(),
            label: if app.label.is_empty() {
                app.full_name.clone()
            } else {
                app.label.clone()
            },
            distribution_state: None,
            matched: format!(
                "The legacy Connected App {} holds this consumer key (ConnectedApp metadata)",
                app.full_name
            ),
        })),
        plugin: Source::Read((None, None)),
        policy: Source::Read(policy),
        scopes: Source::Read(app.scopes.iter().map(|s| (s.clone(), true)).collect()),
        preauthorized,
        user: reads.user,
        ip_ranges: reads.ranges,
        login_history: reads.history,
    })
}
