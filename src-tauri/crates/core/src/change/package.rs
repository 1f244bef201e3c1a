//! Metadata API packages (mdapi format, `singlePackage`) as in-memory files: the components of an
//! External Client App, `package.xml`, and `destructiveChanges.xml` for a removal. They become a
//! zip for `deploy` or a folder for source control (`--package-dir`). A component never carries
//! `consumerKey` or `consumerSecret`: they are dropped when a component is made, even from one
//! read back from the org.

use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::Path;
use ts_rs::TS;

/// The metadata namespace every file and SOAP call uses.
pub const METADATA_NS: &str = "http://soap.sforce.com/2006/04/metadata";
/// The API version package.xml names (the oldest with all four types).
pub const PACKAGE_VERSION: &str = "64.0";
/// Elements that hold the credentials: never copied into a package.
const SECRET_ELEMENTS: [&str; 2] = ["consumerKey", "consumerSecret"];

/// The four metadata types an External Client App for the Client Credentials flow is made of.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, TS)]
pub enum ComponentKind {
    ExternalClientApplication,
    ExtlClntAppOauthSettings,
    ExtlClntAppGlobalOauthSettings,
    ExtlClntAppOauthConfigurablePolicies,
}

impl ComponentKind {
    pub const ALL: [ComponentKind; 4] = [
        ComponentKind::ExternalClientApplication,
        ComponentKind::ExtlClntAppOauthSettings,
        ComponentKind::ExtlClntAppGlobalOauthSettings,
        ComponentKind::ExtlClntAppOauthConfigurablePolicies,
    ];

    /// The metadata type's name.
    pub fn name(self) -> &'static str {
        match self {
            ComponentKind::ExternalClientApplication => "ExternalClientApplication",
            ComponentKind::ExtlClntAppOauthSettings => "ExtlClntAppOauthSettings",
            ComponentKind::ExtlClntAppGlobalOauthSettings => "ExtlClntAppGlobalOauthSettings",
            ComponentKind::ExtlClntAppOauthConfigurablePolicies => {
                "ExtlClntAppOauthConfigurablePolicies"
            }
        }
    }

    pub fn from_name(name: &str) -> Option<ComponentKind> {
        ComponentKind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// (folder, file suffix) in an mdapi package.
    fn place(self) -> (&'static str, &'static str) {
        match self {
            ComponentKind::ExternalClientApplication => ("externalClientApps", "eca"),
            ComponentKind::ExtlClntAppOauthSettings => ("extlClntAppOauthSettings", "ecaOauth"),
            ComponentKind::ExtlClntAppGlobalOauthSettings => {
                ("extlClntAppGlobalOauthSets", "ecaGlblOauth")
            }
            ComponentKind::ExtlClntAppOauthConfigurablePolicies => {
                ("extlClntAppOauthPolicies", "ecaOauthPlcy")
            }
        }
    }

    /// The full name of the app `app`'s component of this kind (`NAME_oauthPlcy`, …).
    pub fn full_name(self, app: &str) -> String {
        match self {
            ComponentKind::ExternalClientApplication => app.to_string(),
            ComponentKind::ExtlClntAppOauthSettings => format!("{app}_oauth"),
            ComponentKind::ExtlClntAppGlobalOauthSettings => format!("{app}_glbloauth"),
            ComponentKind::ExtlClntAppOauthConfigurablePolicies => format!("{app}_oauthPlcy"),
        }
    }
}

/// One component: its type, full name and elements (name, text), repeated names allowed.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, TS)]
pub struct Component {
    pub kind: ComponentKind,
    pub full_name: String,
    pub fields: Vec<(String, String)>,
}

impl Component {
    /// A component with these elements; credential elements are dropped.
    pub fn new(kind: ComponentKind, full_name: &str, fields: Vec<(String, String)>) -> Component {
        let mut component = Component {
            kind,
            full_name: full_name.to_string(),
            fields: Vec::new(),
        };
        for (name, value) in fields {
            component.push(&name, &value);
        }
        component
    }

    fn push(&mut self, name: &str, value: &str) {
        if !SECRET_ELEMENTS.contains(&name) && name != "fullName" {
            self.fields.push((name.to_string(), value.to_string()));
        }
    }

    /// The first value of element `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// Sets element `name` (every earlier value of it replaced); returns the value before.
    pub fn set(&mut self, name: &str, value: &str) -> Option<String> {
        let before = self.get(name).map(str::to_string);
        self.fields.retain(|(n, _)| n != name);
        self.push(name, value);
        before
    }

    /// The path of its file in a package.
    pub fn path(&self) -> String {
        let (folder, suffix) = self.kind.place();
        format!("{folder}/{}.{suffix}", self.full_name)
    }

    /// The file: the XML declaration, then the type's element with its elements in
    /// alphabetical order.
    pub fn to_xml(&self) -> String {
        let mut fields: Vec<&(String, String)> = self.fields.iter().collect();
        fields.sort_by(|a, b| a.0.cmp(&b.0));
        let mut out = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<{} xmlns=\"{METADATA_NS}\">\n",
            self.kind.name()
        );
        for (name, value) in fields {
            out.push_str(&format!("    <{name}>{}</{name}>\n", escape(value)));
        }
        out.push_str(&format!("</{}>\n", self.kind.name()));
        out
    }
}

/// Text as XML element content.
pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

/// A deploy's files: path inside the package → text.
#[derive(Clone, Debug, PartialEq)]
pub struct Package {
    pub files: Vec<(String, String)>,
}

/// `package.xml` (or `destructiveChanges.xml`) naming `components`.
fn manifest(components: &[&Component], with_version: bool) -> String {
    let mut kinds: Vec<ComponentKind> = components.iter().map(|c| c.kind).collect();
    kinds.sort_by_key(|k| k.name());
    kinds.dedup();
    let mut out =
        format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Package xmlns=\"{METADATA_NS}\">\n");
    for kind in kinds {
        out.push_str("    <types>\n");
        let mut names: Vec<&str> = components
            .iter()
            .filter(|c| c.kind == kind)
            .map(|c| c.full_name.as_str())
            .collect();
        names.sort_unstable();
        for name in names {
            out.push_str(&format!("        <members>{}</members>\n", escape(name)));
        }
        out.push_str(&format!(
            "        <name>{}</name>\n    </types>\n",
            kind.name()
        ));
    }
    if with_version {
        out.push_str(&format!("    <version>{PACKAGE_VERSION}</version>\n"));
    }
    out.push_str("</Package>\n");
    out
}

impl Package {
    /// A deploy of these components (created or changed).
    pub fn deploy(components: &[Component]) -> Package {
        let refs: Vec<&Component> = components.iter().collect();
        let mut files = vec![("package.xml".to_string(), manifest(&refs, true))];
        files.extend(components.iter().map(|c| (c.path(), c.to_xml())));
        Package { files }
    }

    /// A deploy that deletes these components: an empty package.xml and destructiveChanges.xml.
    pub fn delete(components: &[Component]) -> Package {
        let refs: Vec<&Component> = components.iter().collect();
        Package {
            files: vec![
                ("package.xml".to_string(), manifest(&[], true)),
                ("destructiveChanges.xml".to_string(), manifest(&refs, false)),
            ],
        }
    }

    /// The zip `deploy` takes (entries stored, not compressed).
    pub fn zip(&self) -> Result<Vec<u8>, PackageError> {
        let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        for (path, text) in &self.files {
            writer.start_file(path.as_str(), options)?;
            writer.write_all(text.as_bytes())?;
        }
        Ok(writer.finish()?.into_inner())
    }

    /// The files under `dir` (made if missing); an existing file is replaced.
    pub fn write_to(&self, dir: &Path) -> Result<(), PackageError> {
        for (path, text) in &self.files {
            let target = dir.join(path);
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(&target, text)?;
        }
        Ok(())
    }
}

#[derive(Debug, thiserror::Error)]
pub enum PackageError {
    #[error("Could not write the package: {0}")]
    Io(#[from] std::io::Error),
    #[error("Could not build the package's zip: {0}")]
    Zip(#[from] zip::result::ZipError),
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn app() -> Component {
        Component::new(
            ComponentKind::ExtlClntAppGlobalOauthSettings,
            "Acme_glbloauth",
            vec![
                ("label".into(), "R&D <app>".into()),
                ("consumerSecret".into(), "TOPSECRET".into()),
                ("consumerKey".into(), "3MVGkey".into()),
                ("callbackUrl".into(), "https://x.example/cb".into()),
            ],
        )
    }

    #[test]
    fn files_are_sorted_escaped_and_never_hold_the_credentials() {
        let mut c = app();
        assert_eq!(c.set("consumerSecret", "AGAIN"), None);
        let xml = c.to_xml();
        assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ExtlClntAppGlobalOauthSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">"), "{xml}");
        assert!(xml.find("<callbackUrl>").unwrap() < xml.find("<label>").unwrap());
        assert!(xml.contains("R&amp;D &lt;app&gt;"));
        assert_eq!(
            c.path(),
            "extlClntAppGlobalOauthSets/Acme_glbloauth.ecaGlblOauth"
        );
        let package = Package::deploy(&[c]);
        let zip = package.zip().unwrap();
        for text in [
            "TOPSECRET",
            "AGAIN",
            "3MVGkey",
            "consumerSecret",
            "consumerKey",
        ] {
            assert!(
                !package.files.iter().any(|(_, f)| f.contains(text)),
                "{text}"
            );
            assert!(
                !zip.windows(text.len()).any(|w| w == text.as_bytes()),
                "{text}"
            );
        }
        let dir = tempfile::tempdir().unwrap();
        package.write_to(dir.path()).unwrap();
        let written = std::fs::read_to_string(
            dir.path()
                .join("extlClntAppGlobalOauthSets/Acme_glbloauth.ecaGlblOauth"),
        )
        .unwrap();
        assert!(written.contains("<callbackUrl>"));
    }

    #[test]
    fn manifests_name_each_type_once_and_deletions_go_in_destructive_changes() {
        let eca = Component::new(ComponentKind::ExternalClientApplication, "Acme", vec![]);
        let package = Package::deploy(&[eca.clone(), app()]);
        let manifest = &package.files[0].1;
        assert_eq!(manifest.matches("<types>").count(), 2, "{manifest}");
        assert!(manifest.contains("<members>Acme</members>"));
        assert!(manifest.contains("<version>64.0</version>"));
        let removal = Package::delete(&[eca]);
        assert_eq!(removal.files[0].0, "package.xml");
        assert!(!removal.files[0].1.contains("<types>"));
        assert_eq!(removal.files[1].0, "destructiveChanges.xml");
        assert!(removal.files[1]
            .1
            .contains("<name>ExternalClientApplication</name>"));
        let zip = removal.zip().unwrap();
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip)).unwrap();
        assert_eq!(archive.len(), 2);
        assert_eq!(
            archive.by_index(1).unwrap().name().unwrap(),
            "destructiveChanges.xml"
        );
    }
}
