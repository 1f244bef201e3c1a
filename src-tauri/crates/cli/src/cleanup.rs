//! `cleanup`: the test records that killed runs left in this org, from the cleanup journal,
//! deleted with the check's own credentials; then the changes made in the org with an admin's
//! login (`create-app`, `inspect --fix`, `rotate`), from the org-changes ledger, listed only.
//! Exit 0 when no record is left, 1 when one could not be deleted, 2 on bad input.

use crate::args::CheckArgs;
use crate::check::{EXIT_FAILED, EXIT_OK, EXIT_USAGE};
use crate::{human, resolve};
use eca_core::pipeline::{clean_up, Cleaned};

pub async fn cleanup(args: CheckArgs) -> u8 {
    let config = match resolve::config(&args) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("eca-preflight-cli: {e}");
            return EXIT_USAGE;
        }
    };
    let Some(journal) = config.journal.clone() else {
        eprintln!("eca-preflight-cli: no data folder holds a cleanup journal; pass --store FILE.");
        return EXIT_USAGE;
    };
    let host = config.domain.host.clone();
    let left: Vec<_> = journal
        .entries()
        .into_iter()
        .filter(|e| e.host == host)
        .collect();
    list_changes(args.store.as_deref(), &host);
    if left.is_empty() {
        println!("No test record was left in {host}.");
        return EXIT_OK;
    }
    let mut code = EXIT_OK;
    for entry in &left {
        let what = match &entry.record_id {
            Some(id) => format!("{} {id}", entry.object),
            None => format!(
                "{} named “{}”",
                entry.object,
                entry.name_value.as_deref().unwrap_or(&entry.marker)
            ),
        };
        match clean_up(&config, &journal, entry).await {
            Ok(Cleaned::Deleted { ids }) => {
                println!(
                    "Deleted {} {} (left by a run started {}).",
                    entry.object,
                    ids.join(", "),
                    entry.started_at
                )
            }
            Ok(Cleaned::NothingThere) => {
                println!("{what}: not in the org any more (nothing to delete).")
            }
            Err(diagnosis) => {
                code = EXIT_FAILED;
                eprintln!(
                    "Could not delete {what}:\n{}",
                    human::diagnosis(&diagnosis).join("\n")
                );
            }
        }
    }
    code
}

/// The org-changes ledger's entries for `host`, oldest first (nothing is undone here).
fn list_changes(store: Option<&std::path::Path>, host: &str) {
    let Some(path) = store
        .map(std::path::Path::to_path_buf)
        .or_else(eca_core::profiles::default_store_path)
    else {
        return;
    };
    let ledger = eca_core::change::ledger::Ledger::beside(&path);
    let changes: Vec<_> = ledger
        .entries()
        .into_iter()
        .filter(|c| c.host == host)
        .collect();
    if changes.is_empty() {
        return;
    }
    println!(
        "Changes made in {host} with an admin's login ({}):",
        ledger.path().display()
    );
    for c in changes {
        let what = serde_json::to_value(c.what)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        let key = c.client_id.map(|k| format!(" key {k}")).unwrap_or_default();
        let detail = if c.detail.is_empty() {
            String::new()
        } else {
            format!(": {}", c.detail)
        };
        println!("  {}  {what}  {}{key}{detail}", c.at, c.app);
    }
}
