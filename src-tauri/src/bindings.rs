//! The TypeScript side of the IPC contract, rendered from the Rust types with ts-rs into one
//! file, `ui/src/ipc/bindings.ts`, plus a `Commands` map (command → args → result) expanded from
//! the one command list (`commands/list.rs`). The test below fails when the committed file
//! differs; `UPDATE_BINDINGS=1` rewrites it.

use crate::commands::types::*;
use eca_core::setup_guide::SetupStep;
use eca_core::{DiagnosisCode, StepId};
use std::fmt::Write as _;
use tauri::ipc::Channel;
use ts_rs::{Config, TypeVisitor, TS};

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

pub(crate) struct Command {
    pub name: &'static str,
    /// (JS argument name as `invoke` takes it, TS type)
    pub args: Vec<(String, String)>,
    pub result: String,
}

/// Tauri's command macro takes each argument under its camelCase name (with heck, as Tauri's
/// macro does).
pub(crate) fn camel(snake: &str) -> String {
    heck::ToLowerCamelCase::to_lower_camel_case(snake)
}

macro_rules! ts_commands {
    ($($module:ident :: $name:ident ( $($arg:ident : $ty:ty),* ) -> $result:ty;)*) => {
        vec![$(Command {
            name: stringify!($name),
            args: vec![$((camel(stringify!($arg)), (&&Probe::<$ty>(std::marker::PhantomData)).ts())),*],
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

    let types = reachable_types();
    out.push_str("// ---- engine types (eca_core) ----\n\n");
    out.push_str(&types.engine);
    out.push_str("// ---- app types (src-tauri) ----\n\n");
    out.push_str(&types.app);

    out.push_str("// ---- constants ----\n\n");
    out.push_str(
        "/** The event Rust sends with every `ProfileView` (as `list_profiles` answers) after a \
         command changed the profiles. */\n",
    );
    let _ = writeln!(
        out,
        "export const PROFILES_CHANGED = {};\n",
        json(crate::commands::profiles::PROFILES_CHANGED)
    );
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
    out.push_str("];\n\n");
    out.push_str(
        "/** A typed function per command, in camelCase, over the client's `call` (which maps errors). */\n",
    );
    out.push_str("export function makeApi(\n  call: <K extends CommandName>(cmd: K, args: Commands[K][\"args\"]) => Promise<Commands[K][\"result\"]>,\n) {\n  return {\n");
    for cmd in commands() {
        let params: Vec<String> = cmd
            .args
            .iter()
            .map(|(arg, ty)| format!("{arg}: {ty}"))
            .collect();
        let names: Vec<&str> = cmd.args.iter().map(|(arg, _)| arg.as_str()).collect();
        let _ = writeln!(
            out,
            "    {}: ({}) => call({}, {{ {} }}),",
            camel(cmd.name),
            params.join(", "),
            json(cmd.name),
            names.join(", ")
        );
    }
    out.push_str("  };\n}\n");
    out
}

/// The declarations of every type the commands reach (their arguments, their results and
/// `AppError`, which each may reject with), found by walking ts-rs's dependencies: a type added
/// to a command's signature, or to a type it holds, is declared without being listed here.
struct ReachableTypes {
    engine: String,
    app: String,
}

fn reachable_types() -> ReachableTypes {
    let mut walk = TypeWalk::default();
    walk.visit::<AppError>();
    walk_commands(&mut walk);
    // By name, so that a new field or command does not reorder the file.
    let section = |mut decls: Vec<(String, String)>| {
        decls.sort();
        decls.into_iter().map(|(_, decl)| decl).collect::<String>()
    };
    ReachableTypes {
        engine: section(walk.engine),
        app: section(walk.app),
    }
}

#[derive(Default)]
struct TypeWalk {
    seen: std::collections::HashSet<std::any::TypeId>,
    /// (TypeScript name, declaration)
    engine: Vec<(String, String)>,
    app: Vec<(String, String)>,
}

impl TypeVisitor for TypeWalk {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        // Primitives and wrappers (String, Vec, Option) have no declaration of their own.
        if T::output_path().is_none() || !self.seen.insert(std::any::TypeId::of::<T>()) {
            return;
        }
        let section = if std::any::type_name::<T>().starts_with("eca_core::") {
            &mut self.engine
        } else {
            &mut self.app
        };
        let mut text = String::new();
        decl::<T>(&mut text);
        section.push((name::<T>(), text));
        T::visit_dependencies(self);
        T::visit_generics(self);
    }
}

impl TypeWalk {
    /// A command's argument or result: the type itself and what it holds.
    fn visit_type<T: TS + 'static + ?Sized>(&mut self) {
        self.visit::<T>();
        T::visit_dependencies(self);
        T::visit_generics(self);
    }
}

/// A command argument: `Channel<T>` is a progress channel of T, anything else is data of its own
/// type (autoref picks the channel impl first, where it applies).
struct Probe<T: ?Sized>(std::marker::PhantomData<T>);

trait ChannelArg {
    fn ts(&self) -> String;
    fn walk(&self, walk: &mut TypeWalk);
}
impl<T: TS + 'static> ChannelArg for &Probe<Channel<T>> {
    fn ts(&self) -> String {
        format!("Channel<{}>", name::<T>())
    }
    fn walk(&self, walk: &mut TypeWalk) {
        walk.visit_type::<T>();
    }
}
trait DataArg {
    fn ts(&self) -> String;
    fn walk(&self, walk: &mut TypeWalk);
}
impl<T: TS + 'static> DataArg for Probe<T> {
    fn ts(&self) -> String {
        name::<T>()
    }
    fn walk(&self, walk: &mut TypeWalk) {
        walk.visit_type::<T>();
    }
}

macro_rules! walk_command_types {
    ($($module:ident :: $name:ident ( $($arg:ident : $ty:ty),* ) -> $result:ty;)*) => {
        /// Every listed command's argument and result types.
        fn walk_commands(walk: &mut TypeWalk) {
            $(
                $((&&Probe::<$ty>(std::marker::PhantomData)).walk(walk);)*
                walk.visit_type::<$result>();
            )*
        }
    };
}
crate::commands::with_commands!(walk_command_types);

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
        let (types, commands) = rendered.split_once("// ---- commands ----").unwrap();
        // Secrets cross IPC only as arguments going in: save_secret's and stage_credentials'.
        assert!(!types.contains("secret: string"), "{types}");
        let map = commands.split_once("export type CommandName").unwrap().0;
        assert_eq!(map.matches("secret: string").count(), 2, "{map}");
        assert!(!rendered.contains("access_token"));
    }
}
