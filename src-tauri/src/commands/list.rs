// The one list of the app's commands: `module::name(argument: Type, …) -> Result;`.
// Everything else follows from it, so a command exists once:
// - commands/mod.rs: the `#[tauri::command]` adapter of each (`commands::ipc::name`), which calls
//   `module::name(cx, arguments…)` with exactly these types: a list that no longer matches the
//   function fails the build; and `COMMANDS`, which the capability test compares with
//   capabilities/main.json;
// - build.rs: one `allow-<name>` permission each (`command_names!`);
// - lib.rs: the invoke handler (`generate_handler!` over every adapter);
// - bindings.rs: the TypeScript `Commands` map and `makeApi` (names, camelCase argument names as
//   `invoke` takes them, types), and every type they reach, which `ui/src/ipc/client.ts` uses.
// Included (not a module) so build.rs can read it too; types are only named, never resolved there.

macro_rules! with_commands {
    ($then:ident) => {
        $then! {
            profiles::list_profiles() -> Vec<ProfileView>;
            profiles::store_problem() -> Option<String>;
            profiles::new_profile() -> ProfileView;
            profiles::save_profile(profile: Profile) -> ProfileView;
            profiles::duplicate_profile(id: String, copy_secret: bool) -> ProfileView;
            profiles::delete_profile(id: String) -> ();
            profiles::proxy_needs_password(proxy: String) -> bool;
            secrets::save_secret(id: String, secret: String) -> ProfileView;
            secrets::forget_secret(id: String) -> ProfileView;
            secrets::save_proxy_password(id: String, password: String) -> ProfileView;
            secrets::forget_proxy_password(id: String) -> ProfileView;
            domain::parse_domain(input: String) -> DomainPreview;
            domain::setup_links(id: String) -> Vec<SetupLink>;
            check::run_check(id: String, options: RunOptions, on_event: Channel<RunEvent>) -> CheckReport;
            check::cancel_check() -> ();
            check::list_objects(id: String, allow_untrusted_host: bool) -> Vec<ObjectInfo>;
            check::describe_required(id: String, object: String, allow_untrusted_host: bool) -> Vec<RequiredField>;
            check::last_run() -> Option<SavedRun>;
            check::last_report(format: ReportFormat) -> String;
            check::save_report(path: String, format: ReportFormat) -> ();
            every::check_every_profile() -> Vec<ProfileCheck>;
            cleanup::leftovers(id: String) -> Vec<Leftover>;
            cleanup::clean_leftovers(id: String) -> Vec<LeftoverCleaned>;
            cleanup::org_changes(id: String) -> Vec<OrgChange>;
            handoff::snippet(id: String, format: SnippetFormat) -> String;
            handoff::save_snippet(id: String, format: SnippetFormat, path: String) -> ();
            inspect::inspect_app(id: String, login: AdminLoginInput) -> Inspection;
            inspect::kept_admin_login() -> Option<AdminLoginView>;
            inspect::forget_admin_login() -> ();
            fix::plan_fix(id: String, login: AdminLoginInput, inspection: Inspection, run_as: Option<String>) -> FixPlan;
            fix::apply_fix(id: String, login: AdminLoginInput, on_progress: Channel<ChangeProgress>) -> Inspection;
            setup_app::run_as_users(id: String, login: AdminLoginInput) -> Vec<RunAsUser>;
            setup_app::plan_new_app(id: String, login: AdminLoginInput, app: NewApp) -> CreatePlan;
            setup_app::create_new_app(id: String, login: AdminLoginInput, app: NewApp, on_progress: Channel<ChangeProgress>) -> NewAppOutcome;
            setup_app::finish_new_app(id: String, login: AdminLoginInput, name: String, run_as: String, on_progress: Channel<ChangeProgress>) -> NewAppOutcome;
            setup_app::remove_new_app(id: String, login: AdminLoginInput, name: String, on_progress: Channel<ChangeProgress>) -> Vec<String>;
            rotate::rotate_credentials(id: String, login: AdminLoginInput, existing: ExistingStaged, on_progress: Channel<ChangeProgress>) -> ProfileView;
            rotate::finish_rotation(id: String, login: AdminLoginInput) -> ProfileView;
            rotation::stage_credentials(id: String, client_id: String, secret: String) -> ProfileView;
            rotation::check_credentials(id: String, set: CredentialSet) -> CheckReport;
            rotation::switch_to_staged(id: String) -> ProfileView;
            rotation::check_old_refused(id: String) -> OldPairCheck;
            practice::practice_scenarios() -> Vec<ScenarioInfo>;
            practice::start_practice(scenario: String) -> ProfileView;
            about::about() -> AboutInfo;
            about::open_about(link: AboutLink) -> ();
            about::check_for_updates() -> UpdateCheck;
            about::install_update() -> ();
        }
    };
}

/// The command names, in list order.
macro_rules! command_names {
    ($($module:ident :: $name:ident ( $($arg:ident : $ty:ty),* ) -> $result:ty;)*) => {
        &[$(stringify!($name)),*]
    };
}
