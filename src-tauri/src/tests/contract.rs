//! The IPC contract: every listed command is registered with its listed arguments, and every
//! practice scenario expects a code of the catalog.

use super::*;

#[test]
fn every_listed_command_is_registered() {
    let h = harness();
    for name in crate::commands::COMMANDS {
        // Empty args: commands with arguments fail on them, never as "not found".
        if let Err(error) = h.invoke(name, json!({})) {
            assert!(
                !not_found(&error, name),
                "{name} is not in generate_handler!: {error}"
            );
        }
    }
    let unknown = h.invoke("no_such_command", json!({})).unwrap_err();
    assert!(not_found(&unknown, "no_such_command"), "{unknown}");
}

fn not_found(error: &Value, name: &str) -> bool {
    error
        .as_str()
        .is_some_and(|e| e.eq_ignore_ascii_case(&format!("command {name} not found")))
}

/// Every listed command, invoked with exactly its listed argument names (each null), never
/// answers "missing required key": a rename on one side only fails here.
#[test]
fn every_command_takes_the_listed_arguments() {
    let h = harness();
    for command in crate::bindings::commands() {
        let mut args = serde_json::Map::new();
        for (name, ty) in &command.args {
            let value = if ty.starts_with("Channel<") {
                json!("__CHANNEL__:9")
            } else {
                Value::Null
            };
            args.insert(name.clone(), value);
        }
        let Err(error) = h.invoke(command.name, Value::Object(args)) else {
            continue;
        };
        let text = error.to_string();
        assert!(
            !text.contains("missing required key"),
            "{}: the function's arguments are not the listed ones: {text}",
            command.name
        );
        assert!(!not_found(&error, command.name), "{}: {text}", command.name);
    }
    // The check works: a listed name the function lacks is caught.
    let wrong = h
        .invoke(
            "duplicate_profile",
            json!({ "profileId": "x", "copySecret": false }),
        )
        .unwrap_err();
    assert!(
        wrong.to_string().contains("missing required key"),
        "{wrong}"
    );
}

#[test]
fn every_scenario_expects_a_code_of_the_catalog() {
    for scenario in Scenario::ALL {
        if let Some(code) = scenario.expected_code() {
            assert!(
                eca_core::DiagnosisCode::parse(code).is_some(),
                "{}: {code} is no DiagnosisCode",
                scenario.name()
            );
        }
    }
}
