//! `cleanup`: the test records that killed runs left in this org, from the cleanup journal,
//! deleted with the check's own credentials. Exit 0 when none is left, 1 when one could not be
//! deleted, 2 on bad input.

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
