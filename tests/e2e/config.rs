//! Configuration: defaults that need nothing, clear errors for what is wrong.

use std::collections::HashMap;

use api::config::{Config, ConfigError, Mode};

fn config(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
    let vars: HashMap<String, String> = vars
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    Config::from_lookup(|name| vars.get(name).cloned())
}

#[test]
fn defaults_need_nothing_and_keep_a_generated_dev_secret() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let data = data.to_str().unwrap();
    let first = config(&[("RETAGUARDA_DATA_DIR", data)]).unwrap();
    assert_eq!(first.mode, Mode::Dev);
    assert_eq!(first.bind.to_string(), "127.0.0.1:8080");
    assert!(first.database_url.starts_with("sqlite://"));
    assert!(first.database_url.contains("retaguarda.db"));
    assert!(first.jwt_secret.len() >= 32);
    let second = config(&[("RETAGUARDA_DATA_DIR", data)]).unwrap();
    assert_eq!(
        first.jwt_secret, second.jwt_secret,
        "the dev secret survives a restart"
    );
}

#[test]
fn production_without_a_secret_refuses_to_start() {
    let error = config(&[
        ("RETAGUARDA_ENV", "production"),
        ("RETAGUARDA_DATABASE_URL", "postgres://localhost/retaguarda"),
    ])
    .unwrap_err();
    assert!(
        error.to_string().contains("RETAGUARDA_JWT_SECRET"),
        "{error}"
    );
}

#[test]
fn bad_values_are_named() {
    for (name, value) in [
        ("RETAGUARDA_BIND", "localhost"),
        ("RETAGUARDA_ENV", "staging"),
        ("RETAGUARDA_DATABASE_URL", "mysql://x"),
        ("RETAGUARDA_JWT_SECRET", "short"),
        ("RETAGUARDA_WORKERS", "0"),
        ("RETAGUARDA_DATABASE_POOL", "many"),
    ] {
        let error = config(&[(name, value), ("RETAGUARDA_DATA_DIR", "/tmp/unused")]).unwrap_err();
        assert!(error.to_string().contains(name), "{name}: {error}");
    }
}
