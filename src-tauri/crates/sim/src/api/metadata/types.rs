//! The External Client App metadata types: their mdapi folders and suffixes, the elements
//! each takes (API 68, from the Metadata API reference) and the enums among them.

use crate::base::deploys::ComponentResult;

/// One metadata type of an External Client App.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum EcaType {
    App,
    OauthSettings,
    GlobalOauthSettings,
    OauthPolicies,
    Policies,
}

/// A value an element must hold: text, a boolean, one of an enum's values, or scope tokens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Value {
    Text,
    Boolean,
    /// The enum's name (as Salesforce's error names it) and its values.
    Enum(&'static str, &'static [&'static str]),
    Scopes,
}

const DISTRIBUTION: Value = Value::Enum("ExtlClntAppDistributionState", &["Local", "Packaged"]);
const PERMITTED_USERS: Value = Value::Enum(
    "ExtlClntAppOauthPermittedUsersPolicyType",
    &["AllSelfAuthorized", "AdminApprovedPreAuthorized"],
);
const IP_RELAXATION: Value = Value::Enum(
    "ExtlClntAppOauthIpRelaxationPolicyType",
    &["Enforce", "Bypass", "EnforceRelaxRefresh"],
);

impl EcaType {
    pub const ALL: [EcaType; 5] = [
        EcaType::App,
        EcaType::OauthSettings,
        EcaType::GlobalOauthSettings,
        EcaType::OauthPolicies,
        EcaType::Policies,
    ];

    pub fn name(self) -> &'static str {
        match self {
            EcaType::App => "ExternalClientApplication",
            EcaType::OauthSettings => "ExtlClntAppOauthSettings",
            EcaType::GlobalOauthSettings => "ExtlClntAppGlobalOauthSettings",
            EcaType::OauthPolicies => "ExtlClntAppOauthConfigurablePolicies",
            EcaType::Policies => "ExtlClntAppConfigurablePolicies",
        }
    }

    pub fn from_name(name: &str) -> Option<EcaType> {
        EcaType::ALL.into_iter().find(|t| t.name() == name)
    }

    /// The mdapi folder and file suffix (Salesforce CLI's registry).
    pub fn folder_and_suffix(self) -> (&'static str, &'static str) {
        match self {
            EcaType::App => ("externalClientApps", "eca"),
            EcaType::OauthSettings => ("extlClntAppOauthSettings", "ecaOauth"),
            EcaType::GlobalOauthSettings => ("extlClntAppGlobalOauthSets", "ecaGlblOauth"),
            EcaType::OauthPolicies => ("extlClntAppOauthPolicies", "ecaOauthPlcy"),
            EcaType::Policies => ("extlClntAppPolicies", "ecaPlcy"),
        }
    }

    /// `folder/NAME.suffix`, the file name a component has in a package and in answers.
    pub fn file_name(self, member: &str) -> String {
        let (folder, suffix) = self.folder_and_suffix();
        format!("{folder}/{member}.{suffix}")
    }

    /// The type a package file belongs to, and its member name.
    pub fn of_file(path: &str) -> Option<(EcaType, String)> {
        let (folder, file) = path.split_once('/')?;
        EcaType::ALL.into_iter().find_map(|t| {
            let (f, suffix) = t.folder_and_suffix();
            let member = file.strip_suffix(suffix)?.strip_suffix('.')?;
            (f == folder && !member.is_empty() && !member.contains('/'))
                .then(|| (t, member.to_string()))
        })
    }

    /// Refers to its app (`externalClientApplication`).
    pub fn refers_to_app(self) -> bool {
        self != EcaType::App
    }

    /// A policy type: its app must exist before the deploy (the second of the two deploys).
    pub fn is_policy(self) -> bool {
        matches!(self, EcaType::OauthPolicies | EcaType::Policies)
    }

    /// The elements the type takes (`fullName` aside) and what each must hold.
    pub fn elements(self) -> &'static [(&'static str, Value)] {
        use Value::{Boolean as B, Text as T};
        match self {
            EcaType::App => &[
                ("contactEmail", T),
                ("contactPhone", T),
                ("description", T),
                ("distributionState", DISTRIBUTION),
                ("iconUrl", T),
                ("infoUrl", T),
                ("isProtected", B),
                ("label", T),
                ("logoUrl", T),
                ("orgScopedExternalApp", T),
            ],
            EcaType::OauthSettings => &[
                ("callbackUrl", T),
                ("commaSeparatedOauthScopes", Value::Scopes),
                ("externalClientApplication", T),
                ("label", T),
                ("oauthLink", T),
                ("trustedIpRanges", T),
            ],
            EcaType::GlobalOauthSettings => &[
                ("callbackUrl", T),
                ("consumerKey", T),
                ("consumerSecret", T),
                ("externalClientApplication", T),
                ("isClientCredentialsFlowEnabled", B),
                ("isCodeCredentialFlowEnabled", B),
                ("isConsumerSecretOptional", B),
                ("isDeviceFlowEnabled", B),
                ("isIntrospectAllTokens", B),
                ("isNamedUserJwtEnabled", B),
                ("isPkceRequired", B),
                ("isRefreshTokenRotationEnabled", B),
                ("isSecretRequiredForRefreshToken", B),
                ("isSecretRequiredForTokenExchange", B),
                ("isTokenExchangeEnabled", B),
                ("label", T),
                ("shouldRotateConsumerKey", B),
                ("shouldRotateConsumerSecret", B),
            ],
            EcaType::OauthPolicies => &[
                ("clientCredentialsFlowUser", T),
                ("commaSeparatedPermissionSet", T),
                ("commaSeparatedProfile", T),
                ("externalClientApplication", T),
                ("ipRelaxationPolicyType", IP_RELAXATION),
                ("isClientCredentialsFlowEnabled", B),
                ("label", T),
                ("permittedUsersPolicyType", PERMITTED_USERS),
                ("policyAction", T),
                ("refreshTokenPolicyType", T),
                ("requiredSessionLevel", T),
                ("sessionTimeoutInMinutes", T),
            ],
            EcaType::Policies => &[
                ("externalClientApplication", T),
                ("isEnabled", B),
                ("isOauthPluginEnabled", B),
                ("label", T),
                ("startPage", T),
            ],
        }
    }
}

/// A component of a deploy's answer: a success, or a failure with its `problem`.
pub(super) fn result(
    kind: &str,
    file_name: String,
    member: &str,
    problem: Option<String>,
) -> ComponentResult {
    ComponentResult {
        kind: kind.to_string(),
        file_name,
        full_name: member.to_string(),
        problem,
        created: false,
        changed: false,
        deleted: false,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn files_map_to_their_type_and_member() {
        assert_eq!(
            EcaType::of_file("extlClntAppOauthPolicies/X_oauthPlcy.ecaOauthPlcy"),
            Some((EcaType::OauthPolicies, "X_oauthPlcy".to_string()))
        );
        assert_eq!(
            EcaType::of_file("externalClientApps/X.eca"),
            Some((EcaType::App, "X".to_string()))
        );
        assert_eq!(EcaType::of_file("externalClientApps/X.ecaOauth"), None);
        assert_eq!(EcaType::of_file("package.xml"), None);
        for t in EcaType::ALL {
            assert_eq!(EcaType::of_file(&t.file_name("M")), Some((t, "M".into())));
            assert_eq!(EcaType::from_name(t.name()), Some(t));
            let names: Vec<_> = t.elements().iter().map(|(n, _)| *n).collect();
            let mut sorted = names.clone();
            sorted.sort_unstable();
            assert_eq!(names, sorted, "{}: alphabetical", t.name());
        }
        // The doc trap: the flow's fields are not elements of the app's configurable policies.
        let policies: Vec<_> = EcaType::Policies
            .elements()
            .iter()
            .map(|(n, _)| *n)
            .collect();
        assert!(!policies.contains(&"isClientCredentialsFlowEnabled"));
        assert!(!policies.contains(&"clientCredentialsFlowUser"));
    }
}
