//! The org's apps as the model holds them: an External Client App (or a legacy Connected App)
//! with its settings, policies, member names and credentials. `Setup::of` builds the
//! scenario's apps; deploys and the credentials API change copies of them (`state::Inner`).

use tokio::time::Instant;

/// The OAuth scopes an app can select: the field of `ExtlClntAppOauthSettings` and whether the
/// Client Credentials flow keeps it (`full`, `web` and `refresh_token` are filtered out).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Scope {
    Api,
    OpenId,
    Id,
    RefreshToken,
    Full,
    Web,
}

/// Every token `commaSeparatedOauthScopes` accepts (the model keeps those [`Scope`] names).
pub(crate) const SCOPE_TOKENS: [&str; 20] = [
    "Api",
    "Web",
    "Full",
    "Chatter",
    "CustomApplications",
    "RefreshToken",
    "OpenID",
    "Basic",
    "Profile",
    "Email",
    "Address",
    "Phone",
    "OfflineAccess",
    "CustomPermissions",
    "Wave",
    "Eclair",
    "Pardot",
    "Lightning",
    "Content",
    "Visualforce",
];

impl Scope {
    pub const ALL: [Scope; 6] = [
        Scope::Api,
        Scope::OpenId,
        Scope::Id,
        Scope::RefreshToken,
        Scope::Full,
        Scope::Web,
    ];

    /// The boolean field of the `ExtlClntAppOauthSettings` setup object.
    pub fn field(self) -> &'static str {
        match self {
            Scope::Api => "OauthScopesAPI",
            Scope::OpenId => "OauthScopesOpenID",
            Scope::Id => "OauthScopesId",
            Scope::RefreshToken => "OauthScopesRefreshToken",
            Scope::Full => "OauthScopesFull",
            Scope::Web => "OauthScopesWeb",
        }
    }

    /// The value of a Connected App's `oauthConfig.scopes`, and the token of
    /// `commaSeparatedOauthScopes`.
    pub fn connected_app_name(self) -> &'static str {
        match self {
            Scope::Api => "Api",
            Scope::OpenId => "OpenID",
            Scope::Id => "Basic",
            Scope::RefreshToken => "RefreshToken",
            Scope::Full => "Full",
            Scope::Web => "Web",
        }
    }

    /// The scope a `commaSeparatedOauthScopes` token names, if the model keeps it.
    pub fn from_token(token: &str) -> Option<Scope> {
        Scope::ALL
            .into_iter()
            .find(|s| s.connected_app_name() == token)
    }

    pub fn kept_by_the_flow(self) -> bool {
        matches!(self, Scope::Api | Scope::OpenId | Scope::Id)
    }
}

/// An External Client App, or a legacy Connected App (read only through the Metadata API's
/// `ConnectedApp` type; the setup objects list External Client Apps only).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    External,
    Connected,
}

/// The member names of an app's metadata components (`None`: the app has no such component).
/// Names vary by how the app was made, so clients must match on `externalClientApplication`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Members {
    pub oauth_settings: Option<String>,
    pub global_settings: Option<String>,
    pub oauth_policies: Option<String>,
    pub policies: Option<String>,
}

/// A consumer key and secret in an app's staged slot (the Connect REST credentials API).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct StagedPair {
    pub id: String,
    pub key: String,
    pub secret: String,
    /// `staged` (minted, not promoted) or `rotated` (the old pair after a rotation).
    pub state: &'static str,
    pub created_ms: u64,
    pub expires_ms: u64,
}

/// One app of the org.
#[derive(Clone, Debug)]
pub(crate) struct App {
    pub kind: Kind,
    pub id: String,
    /// The Connect REST `identifier` (`0xI…`) and its one consumer (`888…`).
    pub identifier: String,
    pub consumer_id: String,
    pub developer_name: String,
    pub label: String,
    pub contact_email: String,
    /// `Local`, or `Packaged` for an app installed from a package.
    pub distribution: String,
    pub members: Members,
    pub callback_url: String,
    pub consumer_key: String,
    pub consumer_secret: String,
    /// The other pair the token endpoint takes (staged, or the old one after a rotation).
    pub staged: Option<StagedPair>,
    /// When a deploy created it: its key is unknown for the org's `propagation` from then.
    pub created_at: Option<Instant>,
    pub enabled: bool,
    pub oauth_plugin_enabled: bool,
    /// The Settings tab's "Enable Client Credentials Flow".
    pub settings_flow: bool,
    /// The Policies tab's "Enable Client Credentials Flow".
    pub policies_flow: bool,
    /// What the Policies tab's Run As field holds (a username, or what was typed).
    pub run_as: Option<String>,
    /// Permitted Users = "Admin approved users are pre-authorized".
    pub admin_approved_only: bool,
    /// Permission sets (a profile counts by its own permission set) pre-authorized for the app.
    pub preauthorized: Vec<String>,
    /// The permission sets among them, by name (`commaSeparatedPermissionSet`,
    /// `permissionSetName` of a Connected App).
    pub preauthorized_names: Vec<String>,
    /// The profiles among them, by name (`commaSeparatedProfile`).
    pub preauthorized_profiles: Vec<String>,
    /// `Enforce`, `Bypass` or `EnforceRelaxRefresh`.
    pub ip_policy: String,
    pub scopes: Vec<Scope>,
}

impl App {
    /// Whether the token endpoint takes this consumer key for it: its own or its staged one.
    /// Returns the secret that goes with it.
    pub fn secret_for(&self, key: &str) -> Option<&str> {
        if self.consumer_key == key {
            return Some(&self.consumer_secret);
        }
        // A staged pair lives until its expiry (30 days), unless deleted first.
        self.staged
            .as_ref()
            .filter(|s| s.key == key && s.expires_ms > crate::base::ids::now_ms())
            .map(|s| s.secret.as_str())
    }
}
