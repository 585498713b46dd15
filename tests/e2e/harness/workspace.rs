//! Where the checkout under test is.

use std::path::PathBuf;

/// The checkout under test. Cargo says at run time; the path built into the binary can name
/// another clone whose build cargo reused (the same sources, a shared target directory).
pub fn workspace() -> PathBuf {
    let tests = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    tests.parent().map(PathBuf::from).unwrap_or(tests)
}
