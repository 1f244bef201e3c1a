//! Generates the closed code enums from the catalogue data beside this crate, so a code exists
//! exactly when its entry does: `DiagnosisCode` from `catalog.toml`, `FindingCode` from
//! `findings.toml` and `SetupStep` from `guide.toml`. Each becomes an invocation of `code_enum!`
//! (src/codes.rs) in OUT_DIR, included where the enum lives. A catalog entry's `step` that is not
//! a guide step fails the build.

use std::error::Error;
use std::fmt::Write as _;
use std::path::Path;

/// One generated enum: where its codes are, what it is called and its doc.
struct Source {
    file: &'static str,
    /// The `[[table]]` holding one row per code, and the row's code key (its doc is `title`).
    table: &'static str,
    key: &'static str,
    name: &'static str,
    doc: &'static str,
    out: &'static str,
}

const SOURCES: [Source; 3] = [
    Source {
        file: "catalog.toml",
        table: "entry",
        key: "code",
        name: "DiagnosisCode",
        doc: "A catalog entry's stable identifier, e.g. `run_as_user_missing`.",
        out: "diagnosis_codes.rs",
    },
    Source {
        file: "findings.toml",
        table: "finding",
        key: "code",
        name: "FindingCode",
        doc: "A stable code per finding (the CLI's `findings[].code`): never rename one.",
        out: "finding_codes.rs",
    },
    Source {
        file: "guide.toml",
        table: "step",
        key: "id",
        name: "SetupStep",
        doc: "The steps of the setup checklist, in order. `Profile::setup_done` holds their ids.",
        out: "setup_steps.rs",
    },
];

fn main() -> Result<(), Box<dyn Error>> {
    let out_dir = std::env::var("OUT_DIR")?;
    let mut codes = Vec::new();
    for source in &SOURCES {
        let file = read(source.file)?;
        let pairs = pairs(&file, source.table, source.key, "title")?;
        write(&out_dir, source, &pairs)?;
        codes.push((file, pairs));
    }
    if let [(diagnoses, _), _, (_, steps)] = codes.as_slice() {
        check_steps(diagnoses, steps)?;
    }
    Ok(())
}

fn read(file: &str) -> Result<toml::Table, Box<dyn Error>> {
    println!("cargo:rerun-if-changed={file}");
    let text = std::fs::read_to_string(file)?;
    text.parse::<toml::Table>()
        .map_err(|e| format!("{file} does not parse: {e}").into())
}

/// `(doc, code)` of every `[[table]]`: `doc_key` and `code_key` must be strings.
fn pairs(
    file: &toml::Table,
    table: &str,
    code_key: &str,
    doc_key: &str,
) -> Result<Vec<(String, String)>, Box<dyn Error>> {
    let rows = file
        .get(table)
        .and_then(toml::Value::as_array)
        .ok_or_else(|| format!("no [[{table}]] tables"))?;
    let mut seen = std::collections::HashSet::new();
    rows.iter()
        .map(|row| {
            let text = |key: &str| {
                row.get(key)
                    .and_then(toml::Value::as_str)
                    .map(str::to_string)
                    .ok_or_else(|| format!("a [[{table}]] has no `{key}` string: {row:?}"))
            };
            let code = text(code_key)?;
            let valid = !code.is_empty()
                && code
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
            if !valid {
                return Err(format!("[[{table}]] `{code}` is not a snake_case code").into());
            }
            if !seen.insert(code.clone()) {
                return Err(format!("[[{table}]] `{code}` appears twice").into());
            }
            Ok((text(doc_key)?, code))
        })
        .collect()
}

/// Every `step` a catalog entry names is a step of the guide.
fn check_steps(diagnoses: &toml::Table, steps: &[(String, String)]) -> Result<(), Box<dyn Error>> {
    let entries = diagnoses.get("entry").and_then(toml::Value::as_array);
    for entry in entries.into_iter().flatten() {
        if let Some(step) = entry.get("step").and_then(toml::Value::as_str) {
            if !steps.iter().any(|(_, id)| id == step) {
                let code = entry.get("code").and_then(toml::Value::as_str);
                return Err(format!(
                    "catalog.toml: {code:?} names step {step:?}, which guide.toml does not have"
                )
                .into());
            }
        }
    }
    Ok(())
}

/// `run_as_user_missing` → `RunAsUserMissing`.
fn variant(code: &str) -> String {
    code.split('_')
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_ascii_uppercase().to_string() + chars.as_str()
            })
        })
        .collect()
}

fn write(out_dir: &str, source: &Source, codes: &[(String, String)]) -> Result<(), Box<dyn Error>> {
    let mut text = String::from("code_enum! {\n");
    writeln!(text, "    #[doc = {:?}]", format!(" {}", source.doc))?;
    writeln!(text, "    {} {{", source.name)?;
    for (doc, code) in codes {
        writeln!(text, "        #[doc = {:?}]", format!(" {doc}"))?;
        writeln!(text, "        {} = {code:?},", variant(code))?;
    }
    text.push_str("    }\n}\n");
    std::fs::write(Path::new(out_dir).join(source.out), text)?;
    Ok(())
}
