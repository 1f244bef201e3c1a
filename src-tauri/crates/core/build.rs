//! Generates the closed code enums from the catalogue data beside this crate, so a code exists
//! exactly when its entry does: `DiagnosisCode` from `catalog.toml`, `FindingCode` from
//! `findings.toml` and `SetupStep` from `guide.toml`. Each becomes an invocation of `code_enum!`
//! (src/codes.rs) in OUT_DIR, included where the enum lives. A catalog entry's `step` that is not
//! a guide step fails the build.

use std::error::Error;
use std::fmt::Write as _;
use std::path::Path;

/// One generated enum: its name, its doc, and (variant doc, code) pairs in file order.
struct CodeEnum {
    name: &'static str,
    doc: &'static str,
    codes: Vec<(String, String)>,
}

fn main() -> Result<(), Box<dyn Error>> {
    let out_dir = std::env::var("OUT_DIR")?;
    let diagnoses = read("catalog.toml")?;
    let diagnosis_codes = CodeEnum {
        name: "DiagnosisCode",
        doc: "A catalog entry's stable identifier, e.g. `run_as_user_missing`.",
        codes: pairs(&diagnoses, "entry", "code", "title")?,
    };
    write(&out_dir, "diagnosis_codes.rs", &diagnosis_codes)?;
    let findings = read("findings.toml")?;
    let finding_codes = CodeEnum {
        name: "FindingCode",
        doc: "A stable code per finding (the CLI's `findings[].code`): never rename one.",
        codes: pairs(&findings, "finding", "code", "title")?,
    };
    write(&out_dir, "finding_codes.rs", &finding_codes)?;
    let guide = read("guide.toml")?;
    let setup_steps = CodeEnum {
        name: "SetupStep",
        doc: "The steps of the setup checklist, in order. `Profile::setup_done` holds their ids.",
        codes: pairs(&guide, "step", "id", "title")?,
    };
    check_steps(&diagnoses, &setup_steps)?;
    write(&out_dir, "setup_steps.rs", &setup_steps)?;
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
fn check_steps(diagnoses: &toml::Table, steps: &CodeEnum) -> Result<(), Box<dyn Error>> {
    let entries = diagnoses.get("entry").and_then(toml::Value::as_array);
    for entry in entries.into_iter().flatten() {
        if let Some(step) = entry.get("step").and_then(toml::Value::as_str) {
            if !steps.codes.iter().any(|(_, id)| id == step) {
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

fn write(out_dir: &str, file: &str, spec: &CodeEnum) -> Result<(), Box<dyn Error>> {
    let mut text = String::from("code_enum! {\n");
    writeln!(text, "    #[doc = {:?}]", format!(" {}", spec.doc))?;
    writeln!(text, "    {} {{", spec.name)?;
    for (doc, code) in &spec.codes {
        writeln!(text, "        #[doc = {:?}]", format!(" {doc}"))?;
        writeln!(text, "        {} = {code:?},", variant(code))?;
    }
    text.push_str("    }\n}\n");
    std::fs::write(Path::new(out_dir).join(file), text)?;
    Ok(())
}
