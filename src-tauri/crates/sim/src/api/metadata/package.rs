//! A deploy's zip: its files (relative to the folder that holds `package.xml`), the members
//! `package.xml` names and those `destructiveChanges*.xml` name for deletion.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

/// Larger files are refused (component files are a few hundred bytes).
const FILE_LIMIT: u64 = 1 << 20;

#[derive(Debug, Default)]
pub(crate) struct Package {
    /// The folder of `package.xml` in the zip (`""` at its top, `unpackaged/` …).
    pub root: String,
    /// Path (relative to the package root) → content.
    pub files: BTreeMap<String, String>,
    /// `(type, member)` from package.xml, in its order; a member may be `*`.
    pub members: Vec<(String, String)>,
    /// `(type, member)` from the destructive changes manifests.
    pub destructive: Vec<(String, String)>,
}

/// Why a zip is no deploy (the deploy fails as a whole with this `errorMessage`).
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub(crate) enum PackageError {
    #[error("The zip file is not valid: {0}")]
    Zip(String),
    #[error("No package.xml found")]
    NoManifest,
    #[error("Error parsing {file}: {reason}")]
    Manifest { file: String, reason: String },
}

impl Package {
    pub fn from_zip(bytes: &[u8]) -> Result<Package, PackageError> {
        let zip_error = |e: zip::result::ZipError| PackageError::Zip(e.to_string());
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(zip_error)?;
        let mut all = BTreeMap::new();
        for i in 0..archive.len() {
            let file = archive.by_index(i).map_err(zip_error)?;
            if file.is_dir() {
                continue;
            }
            let name = file.name().map_err(zip_error)?.replace('\\', "/");
            let mut text = String::new();
            file.take(FILE_LIMIT)
                .read_to_string(&mut text)
                .map_err(|e| PackageError::Zip(e.to_string()))?;
            all.insert(name, text);
        }
        // The root is the folder of the shallowest package.xml (Salesforce CLI zips the
        // folder's contents; other tools put them under a folder of their own).
        let root = all
            .keys()
            .filter(|p| *p == "package.xml" || p.ends_with("/package.xml"))
            .min_by_key(|p| p.matches('/').count())
            .map(|p| p.trim_end_matches("package.xml").to_string())
            .ok_or(PackageError::NoManifest)?;
        let files: BTreeMap<String, String> = all
            .into_iter()
            .filter_map(|(p, text)| p.strip_prefix(root.as_str()).map(|r| (r.to_string(), text)))
            .collect();
        let mut package = Package {
            members: manifest(&files, "package.xml")?,
            root,
            ..Package::default()
        };
        for name in [
            "destructiveChangesPre.xml",
            "destructiveChanges.xml",
            "destructiveChangesPost.xml",
        ] {
            if files.contains_key(name) {
                package.destructive.extend(manifest(&files, name)?);
            }
        }
        package.files = files;
        Ok(package)
    }
}

/// The `(type, member)` pairs of a manifest: `<types><members>…</members><name>T</name></types>`.
fn manifest(
    files: &BTreeMap<String, String>,
    name: &str,
) -> Result<Vec<(String, String)>, PackageError> {
    let error = |reason: String| PackageError::Manifest {
        file: name.to_string(),
        reason,
    };
    let text = files.get(name).ok_or(PackageError::NoManifest)?;
    let doc = roxmltree::Document::parse(text).map_err(|e| error(e.to_string()))?;
    let root = doc.root_element();
    if root.tag_name().name() != "Package" {
        return Err(error(format!(
            "the root element is {}, not Package",
            root.tag_name().name()
        )));
    }
    let text_of = |n: roxmltree::Node| n.text().map(str::trim).unwrap_or_default().to_string();
    let mut out = Vec::new();
    for types in root.children().filter(|n| n.tag_name().name() == "types") {
        let kind = types
            .children()
            .find(|n| n.tag_name().name() == "name")
            .map(text_of)
            .ok_or_else(|| error("a <types> without <name>".into()))?;
        for member in types
            .children()
            .filter(|n| n.tag_name().name() == "members")
        {
            out.push((kind.clone(), text_of(member)));
        }
    }
    Ok(out)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
pub(crate) mod tests {
    use super::*;
    use std::io::Write;

    /// A deflated zip of `files`, as Salesforce CLI sends it.
    pub(crate) fn zip_of(files: &[(&str, &str)]) -> Vec<u8> {
        let mut out = Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut out);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, text) in files {
            zip.start_file(*name, options).unwrap();
            zip.write_all(text.as_bytes()).unwrap();
        }
        zip.finish().unwrap();
        out.into_inner()
    }

    const MANIFEST: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Package xmlns="http://soap.sforce.com/2006/04/metadata"><types><members>A</members><members>B</members><name>ExternalClientApplication</name></types><version>64.0</version></Package>"#;

    #[test]
    fn a_zip_reads_from_the_folder_of_its_package_xml() {
        let bytes = zip_of(&[
            ("unpackaged/package.xml", MANIFEST),
            ("unpackaged/externalClientApps/A.eca", "<x/>"),
            (
                "unpackaged/destructiveChanges.xml",
                &MANIFEST.replace(">B<", ">C<"),
            ),
        ]);
        let p = Package::from_zip(&bytes).unwrap();
        assert_eq!(
            p.members,
            [
                ("ExternalClientApplication".to_string(), "A".to_string()),
                ("ExternalClientApplication".to_string(), "B".to_string())
            ]
        );
        assert_eq!(p.destructive[1].1, "C");
        assert_eq!(p.root, "unpackaged/");
        assert_eq!(p.files["externalClientApps/A.eca"], "<x/>");
    }

    #[test]
    fn what_is_no_package_is_named() {
        assert!(matches!(
            Package::from_zip(b"not a zip"),
            Err(PackageError::Zip(_))
        ));
        let bytes = zip_of(&[("externalClientApps/A.eca", "<x/>")]);
        assert_eq!(
            Package::from_zip(&bytes).unwrap_err(),
            PackageError::NoManifest
        );
        let bytes = zip_of(&[("package.xml", "<Nope/>")]);
        assert!(matches!(
            Package::from_zip(&bytes),
            Err(PackageError::Manifest { .. })
        ));
    }
}
