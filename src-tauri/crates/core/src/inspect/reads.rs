//! The reads of an inspection, with the admin's login: SOQL on the setup objects (describe
//! first, since some field names are unconfirmed without a real org), and the Metadata API for
//! the Settings tab. Independent reads run together; each source ends read, refused or failed.

use super::findings::{AppKind, AppRow, PolicyRow, Readings, Source, UserRow};
use super::soap::{
    self, Answer, ConnectedAppSettings, GlobalSettings, CONNECTED_APP, GLOBAL_SETTINGS, READ_BATCH,
};
use super::InspectError;
use crate::client::{Body, SfClient, SfResponse, Size};
use crate::salesforce::wire::{self, QueryResult};
use crate::secret::Secret;
use reqwest::Method;
use serde_json::{Map, Value};

type Row = Map<String, Value>;
const ECA: &str = "ExternalClientApplication";

/// The reader of one inspection: the client, the admin's token, the API version.
pub(crate) struct Reader<'a> {
    pub client: &'a SfClient,
    pub token: &'a Secret,
    /// e.g. "68.0"
    pub version: String,
}

/// A field of a describe: name, type, what it references.
#[derive(serde::Deserialize, Debug, Clone)]
#[serde(rename_all = "camelCase")]
struct DescribedField {
    name: String,
    #[serde(rename = "type", default)]
    kind: String,
    #[serde(default)]
    reference_to: Vec<String>,
}

#[derive(serde::Deserialize, Debug)]
struct DescribedObject {
    #[serde(default)]
    fields: Vec<DescribedField>,
}

use crate::salesforce::soql_string as quote;

fn encode(q: &str) -> String {
    form_urlencoded::byte_serialize(q.as_bytes()).collect()
}

/// Whether an error answer says the object (or call) is not there for this login.
fn is_denied(resp: &SfResponse) -> bool {
    let codes: Vec<String> = wire::rest_errors(resp.raw_body())
        .unwrap_or_default()
        .into_iter()
        .map(|e| e.error_code)
        .collect();
    resp.status == 403
        || codes.iter().any(|c| {
            c == "INVALID_TYPE" || c.starts_with("INSUFFICIENT_ACCESS") || c == "NOT_FOUND"
        })
}

impl Reader<'_> {
    fn refused_login(resp: &SfResponse) -> bool {
        resp.status == 401
    }

    /// A REST GET: the answer, or why the whole inspection cannot go on.
    async fn get(&self, path: &str) -> Result<SfResponse, InspectError> {
        let resp = self
            .client
            .send_sized(
                Method::GET,
                path,
                Some(self.token),
                Body::Empty,
                Size::Large,
            )
            .await?;
        if Self::refused_login(&resp) {
            return Err(InspectError::LoginRefused {
                detail: self.client.mask(&first_message(&resp)),
            });
        }
        Ok(resp)
    }

    async fn query(&self, what: &str, soql: &str) -> Result<Source<Vec<Row>>, InspectError> {
        let path = format!("/services/data/v{}/query?q={}", self.version, encode(soql));
        let resp = self.get(&path).await?;
        Ok(self.rows(what, &resp))
    }

    fn rows(&self, what: &str, resp: &SfResponse) -> Source<Vec<Row>> {
        if resp.is_success() {
            return match resp.json::<QueryResult<Row>>() {
                Some(q) => Source::Read(q.records),
                None => failed(what, "the answer is not a query result"),
            };
        }
        if is_denied(resp) {
            return Source::Denied {
                what: what.to_string(),
            };
        }
        failed(
            what,
            &format!("{} {}", resp.status, self.client.mask(&first_message(resp))),
        )
    }

    async fn describe(&self, object: &str) -> Result<Source<Vec<DescribedField>>, InspectError> {
        let path = format!(
            "/services/data/v{}/sobjects/{object}/describe",
            self.version
        );
        let resp = self.get(&path).await?;
        if resp.is_success() {
            return Ok(match resp.json::<DescribedObject>() {
                Some(d) => Source::Read(d.fields),
                None => failed(object, "the describe is not readable"),
            });
        }
        if is_denied(&resp) {
            return Ok(Source::Denied {
                what: object.to_string(),
            });
        }
        Ok(failed(
            object,
            &format!(
                "{} {}",
                resp.status,
                self.client.mask(&first_message(&resp))
            ),
        ))
    }

    async fn soap(&self, operation: &str) -> Result<(u16, String), InspectError> {
        let path = format!("/services/Soap/m/{}", self.version);
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
        Ok((resp.status, resp.raw_body().to_string()))
    }

    /// The Settings tab of every app, matched to the key by its `consumerKey`.
    async fn settings_with_key(
        &self,
        key: &str,
    ) -> Result<Source<Option<GlobalSettings>>, InspectError> {
        self.member_with_key(GLOBAL_SETTINGS, key, soap::parse_read, |s| &s.consumer_key)
            .await
    }

    /// A legacy Connected App with this consumer key, from the `ConnectedApp` metadata.
    async fn connected_app_with_key(
        &self,
        key: &str,
    ) -> Result<Source<Option<ConnectedAppSettings>>, InspectError> {
        self.member_with_key(CONNECTED_APP, key, soap::parse_connected_apps, |s| {
            &s.consumer_key
        })
        .await
    }

    /// The member of metadata type `kind` whose consumer key is `key`: listed, then read ten at
    /// a time until found.
    async fn member_with_key<T>(
        &self,
        kind: &str,
        key: &str,
        parse: fn(&str) -> Answer<Vec<T>>,
        key_of: fn(&T) -> &String,
    ) -> Result<Source<Option<T>>, InspectError> {
        let what = format!("{kind} (Metadata API)");
        let (_, body) = self
            .soap(&soap::list_operation(kind, &self.version))
            .await?;
        let names = match soap::parse_list(&body) {
            Answer::Ok(names) => names,
            other => return self.soap_failure(&what, other),
        };
        for batch in names.chunks(READ_BATCH) {
            let (_, body) = self.soap(&soap::read_operation(kind, batch)).await?;
            match parse(&body) {
                Answer::Ok(all) => {
                    if let Some(found) = all.into_iter().find(|m| key_of(m) == key) {
                        return Ok(Source::Read(Some(found)));
                    }
                }
                other => return self.soap_failure(&what, other),
            }
        }
        Ok(Source::Read(None))
    }

    fn soap_failure<T, U>(&self, what: &str, answer: Answer<T>) -> Result<Source<U>, InspectError> {
        match answer {
            Answer::Fault { code, message } => {
                if code == "INVALID_SESSION_ID" {
                    return Err(InspectError::LoginRefused {
                        detail: self.client.mask(&message),
                    });
                }
                if code.starts_with("INSUFFICIENT_ACCESS") || code == "INVALID_TYPE" {
                    return Ok(Source::Denied {
                        what: what.to_string(),
                    });
                }
                Ok(failed(what, &self.client.mask(&message)))
            }
            Answer::Unreadable => Ok(failed(what, "the answer is not a SOAP envelope")),
            Answer::Ok(_) => Ok(failed(what, "unexpected answer")),
        }
    }

    /// The rows of `object` that belong to the app (its link field found in the describe),
    /// with the wanted fields that exist (plus `extra(name)` ones, e.g. every scope field).
    async fn app_row(
        &self,
        object: &str,
        wanted: &[&str],
        extra: fn(&str) -> bool,
        app_id: &str,
    ) -> Result<Source<(Row, Vec<DescribedField>)>, InspectError> {
        let fields = match self.describe(object).await? {
            Source::Read(f) => f,
            Source::Denied { what } => return Ok(Source::Denied { what }),
            Source::Failed { what, why } => return Ok(Source::Failed { what, why }),
        };
        let Some(link) = fields
            .iter()
            .find(|f| f.reference_to.iter().any(|t| t.eq_ignore_ascii_case(ECA)))
        else {
            return Ok(failed(
                object,
                "no field links it to its External Client App",
            ));
        };
        let mut names: Vec<String> = vec!["Id".into()];
        for f in &fields {
            let listed = wanted.iter().any(|w| f.name.eq_ignore_ascii_case(w));
            if (listed || extra(&f.name)) && !names.contains(&f.name) {
                names.push(f.name.clone());
            }
        }
        let soql = format!(
            "SELECT {} FROM {object} WHERE {} = {}",
            names.join(", "),
            link.name,
            quote(app_id)
        );
        Ok(match self.query(object, &soql).await? {
            Source::Read(rows) => match rows.into_iter().next() {
                Some(row) => Source::Read((row, fields)),
                None => failed(object, "the app has no row in it"),
            },
            Source::Denied { what } => Source::Denied { what },
            Source::Failed { what, why } => Source::Failed { what, why },
        })
    }
}

fn failed<T>(what: &str, why: &str) -> Source<T> {
    Source::Failed {
        what: what.to_string(),
        why: why.to_string(),
    }
}

fn first_message(resp: &SfResponse) -> String {
    wire::rest_errors(resp.raw_body())
        .and_then(|e| e.into_iter().next())
        .map(|e| {
            format!("{} {}", e.error_code, e.message.unwrap_or_default())
                .trim()
                .to_string()
        })
        .unwrap_or_else(|| format!("HTTP {}", resp.status))
}

/// A field's value, case-insensitively, following `Rel.Field` into nested objects.
pub(crate) fn value<'a>(row: &'a Row, path: &str) -> Option<&'a Value> {
    let mut parts = path.split('.');
    let first = parts.next()?;
    let mut current = row
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(first))
        .map(|(_, v)| v)?;
    for part in parts {
        current = current
            .as_object()?
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(part))
            .map(|(_, v)| v)?;
    }
    Some(current)
}

fn text(row: &Row, path: &str) -> Option<String> {
    value(row, path)
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

fn flag(row: &Row, path: &str) -> Option<bool> {
    value(row, path).and_then(Value::as_bool)
}

fn is_scope_field(name: &str) -> bool {
    name.len() > 11 && name[..11].eq_ignore_ascii_case("OauthScopes")
}

fn no_extra(_: &str) -> bool {
    false
}

fn map_source<T, U>(s: Source<T>, f: impl FnOnce(T) -> U) -> Source<U> {
    match s {
        Source::Read(t) => Source::Read(f(t)),
        Source::Denied { what } => Source::Denied { what },
        Source::Failed { what, why } => Source::Failed { what, why },
    }
}

/// Every read of an inspection of the app that owns `key`: an External Client App, else a
/// legacy Connected App.
pub(crate) async fn read_all(reader: &Reader<'_>, key: &str) -> Result<Readings, InspectError> {
    let settings = reader.settings_with_key(key).await?;
    if matches!(settings, Source::Read(None)) {
        if let Source::Read(Some(app)) = reader.connected_app_with_key(key).await? {
            return read_connected_app(reader, app).await;
        }
    }
    let app = find_app(reader, &settings).await?;
    const NOT_FOUND: &str = "the app was not found";
    let Source::Read(Some(app_row)) = &app else {
        return Ok(Readings {
            kind: AppKind::ExternalClientApp,
            settings: map_source(settings, |s| s.map(|s| s.client_credentials_enabled)),
            app,
            plugin: failed("ExtlClntAppPlcyCnfg", NOT_FOUND),
            policy: failed("ExtlClntAppOauthPlcyCnfg", NOT_FOUND),
            scopes: failed("ExtlClntAppOauthSettings", NOT_FOUND),
            user: failed("User", NOT_FOUND),
            preauthorized: failed("SetupEntityAccess", NOT_FOUND),
            ip_ranges: failed("LoginIpRange", NOT_FOUND),
        });
    };
    let app_id = app_row.id.as_str();
    let (plugin, policy, scopes) = tokio::join!(
        reader.app_row(
            "ExtlClntAppPlcyCnfg",
            &["IsEnabled", "OauthPluginStatus"],
            no_extra,
            app_id
        ),
        reader.app_row(
            "ExtlClntAppOauthPlcyCnfg",
            &[
                "IsClientCredentialsFlowEnabled",
                "ClientCredentialsFlowUser",
                "ClientCredentialsFlowUserId",
                "PermittedUsersPolicyType",
                "IpRelaxationPolicyType"
            ],
            no_extra,
            app_id,
        ),
        reader.app_row("ExtlClntAppOauthSettings", &[], is_scope_field, app_id),
    );
    let plugin = map_source(plugin?, |(row, _)| {
        (flag(&row, "IsEnabled"), text(&row, "OauthPluginStatus"))
    });
    let policy = map_source(policy?, |(row, _)| PolicyRow {
        cc_enabled: flag(&row, "IsClientCredentialsFlowEnabled"),
        run_as: text(&row, "ClientCredentialsFlowUser")
            .or_else(|| text(&row, "ClientCredentialsFlowUserId")),
        permitted_users: text(&row, "PermittedUsersPolicyType"),
        ip_relaxation: text(&row, "IpRelaxationPolicyType"),
    });
    let scopes = map_source(scopes?, |(row, fields)| {
        fields
            .iter()
            .filter(|f| is_scope_field(&f.name) && f.kind.eq_ignore_ascii_case("boolean"))
            .map(|f| (f.name.clone(), flag(&row, &f.name).unwrap_or(false)))
            .collect()
    });
    let run_as = match &policy {
        Source::Read(p) => p.run_as.clone(),
        _ => None,
    };
    let (user, preauthorized, ip_ranges) = match run_as {
        Some(run_as) => read_user(reader, &run_as, Preauth::SetupEntity(app_id)).await?,
        None => {
            const UNSET: &str = "no Run As user is set";
            (
                failed("User", UNSET),
                failed("SetupEntityAccess", UNSET),
                failed("LoginIpRange", UNSET),
            )
        }
    };
    Ok(Readings {
        kind: AppKind::ExternalClientApp,
        settings: map_source(settings, |s| s.map(|s| s.client_credentials_enabled)),
        app,
        plugin,
        policy,
        scopes,
        user,
        preauthorized,
        ip_ranges,
    })
}

/// The app the settings name (by its DeveloperName), or — when the Metadata API is refused —
/// the org's only app.
async fn find_app(
    reader: &Reader<'_>,
    settings: &Source<Option<GlobalSettings>>,
) -> Result<Source<Option<AppRow>>, InspectError> {
    let base =
        "SELECT Id, DeveloperName, MasterLabel, DistributionState FROM ExternalClientApplication";
    let row_of = |row: &Row, matched: String| AppRow {
        id: text(row, "Id").unwrap_or_default(),
        developer_name: text(row, "DeveloperName").unwrap_or_default(),
        label: text(row, "MasterLabel")
            .or_else(|| text(row, "DeveloperName"))
            .unwrap_or_default(),
        distribution_state: text(row, "DistributionState"),
        matched,
    };
    match settings {
        Source::Read(None) => Ok(Source::Read(None)),
        Source::Read(Some(s)) => {
            let soql = format!("{base} WHERE DeveloperName = {}", quote(&s.app_name));
            Ok(map_source(reader.query(ECA, &soql).await?, |rows| {
                rows.first().map(|r| row_of(r, format!("{GLOBAL_SETTINGS} {} holds this consumer key (app {})", s.full_name, s.app_name)))
            }))
        }
        _ => Ok(match reader.query(ECA, base).await? {
            Source::Read(rows) if rows.len() == 1 => Source::Read(Some(row_of(
                &rows[0],
                "Assumed: the org's only External Client App (its Settings tab, which holds the key, could not be read)".into(),
            ))),
            Source::Read(rows) => failed(ECA, &format!("{} apps, and the Settings tab that names the key's app could not be read", rows.len())),
            other => other.map_rows(),
        }),
    }
}

impl Source<Vec<Row>> {
    fn map_rows<T>(self) -> Source<T> {
        match self {
            Source::Read(_) => failed(ECA, "unexpected answer"),
            Source::Denied { what } => Source::Denied { what },
            Source::Failed { what, why } => Source::Failed { what, why },
        }
    }
}

/// How the app's pre-authorized users are known: an External Client App's SetupEntityAccess,
/// or a Connected App's lists of profile and permission set names.
#[derive(Clone, Copy)]
enum Preauth<'a> {
    SetupEntity(&'a str),
    Names {
        profiles: &'a [String],
        permission_sets: &'a [String],
    },
}

/// The readings of a legacy Connected App: its metadata holds its settings and policies.
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
    let (user, preauthorized, ip_ranges) = match &app.run_as {
        Some(run_as) => {
            let names = Preauth::Names {
                profiles: &app.profiles,
                permission_sets: &app.permission_sets,
            };
            read_user(reader, run_as, names).await?
        }
        None => {
            const UNSET: &str = "no Run As user is set";
            (
                failed("User", UNSET),
                failed("PermissionSetAssignment", UNSET),
                failed("LoginIpRange", UNSET),
            )
        }
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
        user,
        preauthorized,
        ip_ranges,
    })
}

type UserReads = (
    Source<(Option<UserRow>, Option<String>)>,
    Source<bool>,
    Source<Vec<(String, String)>>,
);

/// The Run As user by username (or id), their permission sets, pre-authorisation and the
/// login IP ranges of their profile.
async fn read_user(
    reader: &Reader<'_>,
    run_as: &str,
    preauth: Preauth<'_>,
) -> Result<UserReads, InspectError> {
    let fields = "Id, Username, IsActive, ProfileId, Profile.Name, Profile.PermissionsApiEnabled, Profile.PermissionsApiUserOnly";
    let by = if crate::salesforce::RecordId::parse(run_as).is_some() && run_as.starts_with("005") {
        "Id"
    } else {
        "Username"
    };
    let users = reader
        .query(
            "User",
            &format!("SELECT {fields} FROM User WHERE {by} = {}", quote(run_as)),
        )
        .await?;
    let user = match users {
        Source::Read(rows) => rows.into_iter().next(),
        Source::Denied { what } => {
            return Ok((
                Source::Denied { what: what.clone() },
                Source::Denied { what: what.clone() },
                Source::Denied { what },
            ))
        }
        Source::Failed { what, why } => {
            return Ok((
                failed(&what, &why),
                failed(&what, &why),
                failed(&what, &why),
            ));
        }
    };
    let Some(user) = user else {
        // Often an email typed where the username belongs: name the user it belongs to.
        let by_email = match reader
            .query(
                "User",
                &format!("SELECT Username FROM User WHERE Email = {}", quote(run_as)),
            )
            .await?
        {
            Source::Read(rows) => rows.first().and_then(|r| text(r, "Username")),
            _ => None,
        };
        const NO_USER: &str = "the Run As user does not exist";
        return Ok((
            Source::Read((None, by_email)),
            failed("User", NO_USER),
            failed("User", NO_USER),
        ));
    };
    let user_id = text(&user, "Id").unwrap_or_default();
    let profile_id = text(&user, "ProfileId");
    let ranges_soql = format!(
        "SELECT Id, StartAddress, EndAddress FROM LoginIpRange WHERE ProfileId = {}",
        quote(profile_id.as_deref().unwrap_or_default())
    );
    let sets_soql = format!("SELECT PermissionSetId, PermissionSet.Name, PermissionSet.PermissionsApiEnabled, PermissionSet.PermissionsApiUserOnly FROM PermissionSetAssignment WHERE AssigneeId = {}", quote(&user_id));
    let access = async {
        match preauth {
            Preauth::SetupEntity(app_id) => {
                let soql = format!("SELECT ParentId FROM SetupEntityAccess WHERE SetupEntityType = 'ExternalClientApplication' AND SetupEntityId = {}", quote(app_id));
                reader.query("SetupEntityAccess", &soql).await.map(Some)
            }
            Preauth::Names { .. } => Ok(None),
        }
    };
    let (assignments, access, ranges) = tokio::join!(
        reader.query("PermissionSetAssignment", &sets_soql),
        access,
        reader.query("LoginIpRange", &ranges_soql),
    );
    let assignments = assignments?;
    let sets: Vec<Row> = match &assignments {
        Source::Read(rows) => rows.clone(),
        _ => Vec::new(),
    };
    let any_set = |field: &str| {
        sets.iter()
            .any(|r| flag(r, &format!("PermissionSet.{field}")) == Some(true))
    };
    let row = UserRow {
        id: user_id,
        username: text(&user, "Username").unwrap_or_default(),
        active: flag(&user, "IsActive").unwrap_or(true),
        profile_id,
        profile_name: text(&user, "Profile.Name"),
        api_enabled: flag(&user, "Profile.PermissionsApiEnabled") == Some(true)
            || any_set("PermissionsApiEnabled"),
        api_only: flag(&user, "Profile.PermissionsApiUserOnly") == Some(true)
            || any_set("PermissionsApiUserOnly"),
    };
    let profile_name = row.profile_name.clone();
    let preauthorized = match (access?, &assignments) {
        (None, Source::Read(_)) => {
            let Preauth::Names {
                profiles,
                permission_sets,
            } = preauth
            else {
                return Err(InspectError::Unexpected {
                    request: "pre-authorisation".into(),
                    status: 0,
                });
            };
            let by_profile = profile_name
                .as_ref()
                .is_some_and(|p| profiles.iter().any(|n| n.eq_ignore_ascii_case(p)));
            let by_set = sets
                .iter()
                .filter_map(|r| text(r, "PermissionSet.Name"))
                .any(|name| {
                    permission_sets
                        .iter()
                        .any(|n| n.eq_ignore_ascii_case(&name))
                });
            Source::Read(by_profile || by_set)
        }
        (None, other) => map_source(other.clone(), |_| false).denied_or_failed(),
        (Some(Source::Read(granted)), Source::Read(_)) => {
            let granted: Vec<String> = granted.iter().filter_map(|r| text(r, "ParentId")).collect();
            let same = |a: &str, b: &str| a.get(..15).is_some_and(|a| b.get(..15) == Some(a));
            Source::Read(
                sets.iter()
                    .filter_map(|r| text(r, "PermissionSetId"))
                    .any(|p| granted.iter().any(|g| same(g, &p))),
            )
        }
        (Some(Source::Read(_)), other) => map_source(other.clone(), |_| false).denied_or_failed(),
        (Some(other), _) => map_source(other, |_| false),
    };
    let ip_ranges = map_source(ranges?, |rows| {
        rows.iter()
            .map(|r| {
                // Field names unconfirmed: StartAddress/EndAddress, else any *Start*/*End* field.
                let pick = |part: &str| {
                    r.iter()
                        .find(|(k, v)| k.to_ascii_lowercase().contains(part) && v.is_string())
                        .and_then(|(_, v)| v.as_str())
                        .unwrap_or_default()
                        .to_string()
                };
                (pick("start"), pick("end"))
            })
            .collect()
    });
    Ok((Source::Read((Some(row), None)), preauthorized, ip_ranges))
}

impl Source<bool> {
    /// A source derived from another one that was not read keeps its reason.
    fn denied_or_failed(self) -> Source<bool> {
        match self {
            Source::Read(_) => failed("PermissionSetAssignment", "unexpected answer"),
            other => other,
        }
    }
}
