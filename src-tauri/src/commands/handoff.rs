//! "Use it": the hand-off after a green check — code that runs for the profile's org (the secret
//! read from an environment variable, never written into it), to copy or save.

use crate::commands::practice;
use crate::commands::Cx;
use crate::error::{AppError, AppResult};
use crate::state::{blocking, AppState};
use eca_core::pipeline::InputError;
use eca_core::snippets::{for_profile, SnippetFormat, SECRET_VAR};
use std::path::PathBuf;
use tauri::Runtime;

async fn text(state: &AppState, id: &str, format: SnippetFormat) -> AppResult<String> {
    let saved = state.profiles.get(id)?;
    let profile = practice::run_target(state, &saved).await?;
    for_profile(format, &profile).map_err(|e: InputError| AppError::bad_input(e.to_string()))
}

/// The snippet for profile `id` in `format`.
pub async fn snippet(
    cx: &Cx<impl Runtime>,
    id: String,
    format: SnippetFormat,
) -> AppResult<String> {
    text(cx, &id, format).await
}

/// Write the snippet to `path` (from the save dialog); a Postman collection also gets its
/// environment file beside it, `client_secret` empty for the admin to fill in Postman.
pub async fn save_snippet(
    cx: &Cx<impl Runtime>,
    id: String,
    format: SnippetFormat,
    path: String,
) -> AppResult<()> {
    let body = text(cx, &id, format).await?;
    let path = PathBuf::from(path);
    if !path.is_absolute() || path.file_name().is_none() || path.is_dir() {
        return Err(AppError::bad_input("Choose where to save the file."));
    }
    let environment = (format == SnippetFormat::Postman).then(|| {
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("salesforce-token")
            .trim_end_matches(".postman_collection");
        let doc = serde_json::json!({
            "name": format!("{stem} (ECA Preflight)"),
            "values": [{"key": "client_secret", "value": "", "type": "secret", "enabled": true}],
            "_postman_variable_scope": "environment"
        });
        (
            path.with_file_name(format!("{stem}.postman_environment.json")),
            serde_json::to_string_pretty(&doc).unwrap_or_default(),
        )
    });
    blocking(move || {
        let write = |p: &std::path::Path, t: &str| {
            std::fs::write(p, t)
                .map_err(|e| AppError::internal(format!("Could not write {}: {e}", p.display())))
        };
        write(&path, &body)?;
        if let Some((env_path, env)) = environment {
            write(&env_path, &env)?;
        }
        Ok(())
    })
    .await?;
    tracing::info!(profile = %id, format = format.name(), "snippet saved (secret variable {SECRET_VAR})");
    Ok(())
}
