//! `token [check options] -- COMMAND ARGS…`: the missing `sf org login` for the Client
//! Credentials flow. The token goes to COMMAND's environment only (`SF_ACCESS_TOKEN`,
//! `SF_INSTANCE_URL`, `SF_ORG_INSTANCE_URL`), never to this program's output, and is revoked
//! when COMMAND ends unless `--keep-token`.

use crate::args::TokenArgs;
use crate::check::{EXIT_FAILED, EXIT_USAGE};
use crate::{human, resolve};
use eca_core::pipeline::{issue_token, ListError};

pub async fn token(args: TokenArgs) -> u8 {
    let config = match resolve::config(&args.check) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("eca-preflight-cli: {e}");
            return EXIT_USAGE;
        }
    };
    human::warn_freeze_risk(&config, "");
    let issued = match issue_token(&config).await {
        Ok(t) => t,
        Err(ListError::Input(e)) => {
            eprintln!("{}", human::diagnosis(&e.diagnosis()).join("\n"));
            return EXIT_USAGE;
        }
        Err(ListError::Failed(d)) => {
            eprintln!("{}", human::diagnosis(&d).join("\n"));
            return EXIT_FAILED;
        }
    };
    let Some((program, rest)) = args.command.split_first() else {
        return EXIT_USAGE;
    };
    if issued.is_jwt() {
        eprintln!("eca-preflight-cli: {}", eca_core::jwt::REST_ONLY_NOTE);
    }
    let instance = issued.instance_url();
    let mut child = std::process::Command::new(program);
    child
        .args(rest)
        .env("SF_ACCESS_TOKEN", issued.access_token().expose())
        .env("SF_INSTANCE_URL", &instance)
        .env("SF_ORG_INSTANCE_URL", &instance);
    let ran = tokio::task::spawn_blocking(move || child.status())
        .await
        .map_err(|e| e.to_string())
        .and_then(|status| status.map_err(|e| e.to_string()));
    let status = match ran {
        Ok(status) => status,
        Err(e) => {
            eprintln!("eca-preflight-cli: cannot run {program}: {e}");
            revoke(issued, args.check.keep_token).await;
            return EXIT_USAGE;
        }
    };
    revoke(issued, args.check.keep_token).await;
    // The child's own code; a child ended by a signal reads as 128 + signal, like a shell.
    match status.code() {
        Some(code) => u8::try_from(code.clamp(0, 255)).unwrap_or(EXIT_FAILED),
        None => signal_code(&status),
    }
}

async fn revoke(issued: eca_core::pipeline::IssuedToken, keep: bool) {
    if keep {
        eprintln!(
            "The token was kept (--keep-token): it stays valid until the org's session timeout."
        );
        return;
    }
    match issued.revoke().await {
        Ok(Some(kept)) => eprintln!("{}", kept.reason),
        Ok(None) => {}
        Err(d) => eprintln!("{}", human::diagnosis(&d).join("\n")),
    }
}

#[cfg(unix)]
fn signal_code(status: &std::process::ExitStatus) -> u8 {
    use std::os::unix::process::ExitStatusExt;
    status
        .signal()
        .and_then(|s| u8::try_from(128 + s).ok())
        .unwrap_or(EXIT_FAILED)
}

#[cfg(not(unix))]
fn signal_code(_: &std::process::ExitStatus) -> u8 {
    EXIT_FAILED
}
