//! The TypeScript side of the IPC contract, rendered from the Rust types with ts-rs into one
//! file, `ui/src/ipc/bindings.ts`, plus a `Commands` map (command → args → result) expanded from
//! the one command list (`commands/list.rs`). The test below fails when the committed file
//! differs; `UPDATE_BINDINGS=1` rewrites it.

use crate::commands::about::{AboutInfo, AboutLink};
use crate::commands::check::{ReportFormat, RunEvent, RunOptions};
use crate::commands::cleanup::LeftoverCleaned;
use crate::commands::domain::{DomainPreview, DomainProblem};
use crate::commands::every::ProfileCheck;
use crate::commands::inspect::{AdminLoginInput, AdminLoginView};
use crate::commands::practice::ScenarioInfo;
use crate::commands::profiles::ProfileView;
use crate::commands::rotation::{CredentialSet, OldPairCheck};
use crate::error::{AppError, AppErrorKind};
use crate::state::SavedRun;
use crate::updates::{UpdateCheck, UpdatePolicy};
use eca_core::domain::{DomainKind, OrgDomain};
use eca_core::inspect::{
    AppKind, CheckStatus, Finding, FindingCode, InspectCheck, InspectedApp, Inspection,
    LoginAttempt, LoginHistory, Severity,
};
use eca_core::journal::Leftover;
use eca_core::network::NetworkSummary;
use eca_core::pipeline::Cleaned;
use eca_core::profiles::{LastResult, Profile, Target};
use eca_core::secrets::SecretStatus;
use eca_core::setup_guide::{SetupLink, SetupStep};
use eca_core::snippets::SnippetFormat;
use eca_core::*;
use std::fmt::Write as _;
use tauri::ipc::Channel;
use ts_rs::{Config, TS};

/// Where the UI expects the file, from this crate's folder.
pub const BINDINGS_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../ui/src/ipc/bindings.ts");

/// The setup guide's steps as TypeScript data (`eca_core::setup_guide::typescript`).
pub const GUIDE_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../ui/src/ipc/guide.ts");

fn cfg() -> Config {
    // Every integer we send fits in a JS number (milliseconds, API usage counts).
    Config::new().with_large_int("number")
}

fn name<T: TS + ?Sized>() -> String {
    T::name(&cfg())
}

fn decl<T: TS + ?Sized>(out: &mut String) {
    let cfg = cfg();
    if let Some(docs) = T::docs() {
        out.push_str(&docs);
        if !docs.ends_with('\n') {
            out.push('\n');
        }
    }
    out.push_str("export ");
    out.push_str(T::decl(&cfg).trim_end());
    out.push_str("\n\n");
}

/// A command argument's TypeScript type: ts-rs for data, `Channel<T>` for a progress channel.
trait IpcArg {
    fn ts() -> String;
}

macro_rules! ts_args {
    ($($ty:ty),*) => {$(
        impl IpcArg for $ty {
            fn ts() -> String {
                name::<$ty>()
            }
        }
    )*};
}
ts_args!(
    String,
    bool,
    Profile,
    RunOptions,
    ReportFormat,
    SnippetFormat,
    AdminLoginInput,
    CredentialSet,
    AboutLink
);

impl<T: TS> IpcArg for Channel<T> {
    fn ts() -> String {
        format!("Channel<{}>", name::<T>())
    }
}

pub(crate) struct Command {
    pub name: &'static str,
    /// (JS argument name as `invoke` takes it, TS type)
    pub args: Vec<(String, String)>,
    pub result: String,
}

/// Tauri's command macro takes each argument under its camelCase name.
pub(crate) fn camel(snake: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.push(c.to_ascii_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

macro_rules! ts_commands {
    ($($module:ident :: $name:ident ( $($arg:ident : $ty:ty),* ) -> $result:ty;)*) => {
        vec![$(Command {
            name: stringify!($name),
            args: vec![$((camel(stringify!($arg)), <$ty as IpcArg>::ts())),*],
            result: name::<$result>(),
        }),*]
    };
}

/// Every command with its arguments and result, from the one command list.
pub(crate) fn commands() -> Vec<Command> {
    crate::commands::with_commands!(ts_commands)
}

/// The whole file.
pub fn render() -> String {
    let mut out = String::new();
    out.push_str(
        "// GENERATED from the Rust IPC types by src-tauri/src/bindings.rs. Do not edit.\n\
         // After changing a Rust type: UPDATE_BINDINGS=1 cargo test -p eca-preflight bindings\n\
         /* eslint-disable */\n\n\
         import type { Channel } from \"@tauri-apps/api/core\";\n\n",
    );

    out.push_str("// ---- engine types (eca_core) ----\n\n");
    decl::<StepId>(&mut out);
    decl::<StepStatus>(&mut out);
    decl::<StepResult>(&mut out);
    decl::<RawDetails>(&mut out);
    decl::<Diagnosis>(&mut out);
    decl::<Warning>(&mut out);
    decl::<IdentitySource>(&mut out);
    decl::<Identity>(&mut out);
    decl::<ApiUsage>(&mut out);
    decl::<OrgSummary>(&mut out);
    decl::<RequiredField>(&mut out);
    decl::<RecordOutcome>(&mut out);
    decl::<NetworkSummary>(&mut out);
    decl::<eca_core::network::FreezeRisk>(&mut out);
    decl::<eca_core::types::TokenKept>(&mut out);
    decl::<CheckReport>(&mut out);
    decl::<ObjectInfo>(&mut out);
    decl::<DomainKind>(&mut out);
    decl::<OrgDomain>(&mut out);
    decl::<DiagnosisCode>(&mut out);
    decl::<BodyKind>(&mut out);
    decl::<Target>(&mut out);
    decl::<Profile>(&mut out);
    decl::<LastResult>(&mut out);
    decl::<eca_core::profiles::Rotation>(&mut out);
    decl::<FindingCode>(&mut out);
    decl::<Severity>(&mut out);
    decl::<Finding>(&mut out);
    decl::<CheckStatus>(&mut out);
    decl::<InspectCheck>(&mut out);
    decl::<AppKind>(&mut out);
    decl::<InspectedApp>(&mut out);
    decl::<LoginAttempt>(&mut out);
    decl::<LoginHistory>(&mut out);
    decl::<Inspection>(&mut out);

    out.push_str("// ---- app types (src-tauri) ----\n\n");
    decl::<AppErrorKind>(&mut out);
    decl::<AppError>(&mut out);
    decl::<SecretStatus>(&mut out);
    decl::<ProfileView>(&mut out);
    decl::<DomainPreview>(&mut out);
    decl::<DomainProblem>(&mut out);
    decl::<SetupStep>(&mut out);
    decl::<SetupLink>(&mut out);
    decl::<RunOptions>(&mut out);
    decl::<RunEvent>(&mut out);
    decl::<ReportFormat>(&mut out);
    decl::<SnippetFormat>(&mut out);
    decl::<ScenarioInfo>(&mut out);
    decl::<ProfileCheck>(&mut out);
    decl::<SavedRun>(&mut out);
    decl::<Leftover>(&mut out);
    decl::<Cleaned>(&mut out);
    decl::<LeftoverCleaned>(&mut out);
    decl::<AdminLoginInput>(&mut out);
    decl::<AdminLoginView>(&mut out);
    decl::<CredentialSet>(&mut out);
    decl::<OldPairCheck>(&mut out);
    decl::<AboutInfo>(&mut out);
    decl::<AboutLink>(&mut out);
    decl::<UpdatePolicy>(&mut out);
    decl::<UpdateCheck>(&mut out);

    out.push_str("// ---- constants ----\n\n");
    out.push_str("/** The steps of a run in display order, with the label the admin reads. */\n");
    out.push_str("export const STEPS: ReadonlyArray<{ id: StepId; label: string }> = [\n");
    for step in StepId::ALL {
        let _ = writeln!(
            out,
            "  {{ id: {}, label: {} }},",
            json(step.as_str()),
            json(step.label())
        );
    }
    out.push_str("];\n\n");
    out.push_str(
        "/** The setup guide's steps in order (`Profile.setup_done` holds these ids). */\n",
    );
    out.push_str("export const SETUP_STEPS: ReadonlyArray<SetupStep> = [\n");
    for step in SetupStep::ALL {
        let _ = writeln!(out, "  {},", json(step.as_str()));
    }
    out.push_str("];\n\n");
    out.push_str(
        "/** Failures a recent change in Salesforce explains: \"Keep trying\" is offered for these. */\n",
    );
    out.push_str("export const KEEP_TRYING_CODES: ReadonlyArray<DiagnosisCode> = [\n");
    for code in DiagnosisCode::ALL.iter().filter(|c| c.keeps_trying()) {
        let _ = writeln!(out, "  {},", json(code.as_str()));
    }
    out.push_str("];\n\n");

    out.push_str("/** Each diagnosis code's title, as the catalog words it (for lines that name a past result). */\n");
    out.push_str("export const DIAGNOSIS_TITLES: Readonly<Record<DiagnosisCode, string>> = {\n");
    for entry in eca_core::catalog::entries() {
        let _ = writeln!(
            out,
            "  {}: {},",
            json(entry.code.as_str()),
            json(&entry.title)
        );
    }
    out.push_str("};\n\n");
    out.push_str(
        "/** Failures whose cause lies in a setting an admin's login can read: \"Find the exact setting\" is offered for these. */\n",
    );
    out.push_str("export const INSPECT_CODES: ReadonlyArray<DiagnosisCode> = [\n");
    for code in DiagnosisCode::ALL.iter().filter(|c| c.inspectable()) {
        let _ = writeln!(out, "  {},", json(code.as_str()));
    }
    out.push_str("];\n\n");

    out.push_str("// ---- commands ----\n\n");
    out.push_str(
        "/** Every command: its `invoke` arguments and what it resolves to. It rejects with an `AppError`. */\n",
    );
    out.push_str("export type Commands = {\n");
    for cmd in commands() {
        let args = if cmd.args.is_empty() {
            "Record<string, never>".to_string()
        } else {
            let fields: Vec<String> = cmd
                .args
                .iter()
                .map(|(arg, ty)| format!("{arg}: {ty}"))
                .collect();
            format!("{{ {} }}", fields.join("; "))
        };
        let _ = writeln!(
            out,
            "  {}: {{ args: {args}; result: {} }};",
            cmd.name, cmd.result
        );
    }
    out.push_str("};\n\n");
    out.push_str("export type CommandName = keyof Commands;\n\n");
    out.push_str("export const COMMAND_NAMES: ReadonlyArray<CommandName> = [\n");
    for cmd in commands() {
        let _ = writeln!(out, "  {},", json(cmd.name));
    }
    out.push_str("];\n");
    out
}

fn json(text: &str) -> String {
    serde_json::Value::from(text).to_string()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    /// The committed file at `path` is `rendered`; `UPDATE_BINDINGS=1` rewrites it instead.
    fn check_generated(path: &str, rendered: &str) {
        let path = std::path::Path::new(path);
        if std::env::var("UPDATE_BINDINGS").is_ok_and(|v| v == "1") {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, rendered).unwrap();
            return;
        }
        let committed = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            committed == rendered,
            "{} is out of date with Rust: \
             run UPDATE_BINDINGS=1 cargo test -p eca-preflight bindings",
            path.display()
        );
    }

    #[test]
    fn bindings_are_current() {
        check_generated(BINDINGS_PATH, &render());
    }

    /// The Setup guide tab shows guide.toml's steps: the UI's copy may not drift from it.
    #[test]
    fn bindings_of_the_setup_guide_are_current() {
        check_generated(GUIDE_PATH, &eca_core::setup_guide::typescript());
    }

    #[test]
    fn bindings_list_every_registered_command() {
        let names: Vec<&str> = commands().iter().map(|c| c.name).collect();
        assert_eq!(names, crate::commands::COMMANDS);
        assert_eq!(camel("allow_untrusted_host"), "allowUntrustedHost");
        assert_eq!(camel("id"), "id");
    }

    #[test]
    fn bindings_never_mention_a_secret_field_on_results() {
        let rendered = render();
        // Secrets cross IPC only as arguments going in: save_secret's and stage_credentials'.
        assert_eq!(rendered.matches("secret: string").count(), 2, "{rendered}");
        assert!(!rendered.contains("access_token"));
    }
}
