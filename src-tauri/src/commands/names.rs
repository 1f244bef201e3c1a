// Every command the app registers. Included by build.rs (one `allow-<command>` permission each)
// and by lib.rs (tests check it against the handler and the TypeScript Commands map).
pub const COMMANDS: &[&str] = &[
    "list_profiles",
    "save_profile",
    "duplicate_profile",
    "delete_profile",
    "save_secret",
    "forget_secret",
    "parse_domain",
    "setup_links",
    "run_check",
    "cancel_check",
    "list_objects",
    "describe_required",
    "last_report",
    "save_report",
    "practice_scenarios",
    "start_practice",
];
