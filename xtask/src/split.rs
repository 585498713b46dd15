//! Splitting the app's wasm into a main module and one chunk per module of the app (the
//! `lazy_pages!` in `web/src/pages/`), with `wasm-split-cli` from the `wasm_split_cli_support`
//! crate (the splitter cargo-leptos links in; installed once from crates.io like
//! wasm-bindgen-cli). See `../shared/recipes/wasm-split-lazy-routes.md`.
//!
//! The wasm must be linked with `--emit-relocs` (the splitter moves functions by their
//! relocations). Its output, in one directory: `app.wasm` (the main module, for wasm-bindgen),
//! `split_<chunk>.wasm` per module, `chunk_<n>.wasm` for code two modules share, and
//! `__wasm_split.js`, the loader the main module imports; chunks are fetched relative to it.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{cargo, status};

/// The splitter's version: its runtime half is `wasm_split_helpers` (through leptos), whose
/// placeholder names and section layout it must understand; 0.2.x goes with helpers 0.2.x.
const VERSION: &str = "0.2.4";
const CRATE: &str = "wasm_split_cli_support";

/// `--emit-relocs` for the linker, added to the wasm build's RUSTFLAGS.
pub const RUSTFLAGS: &str = "-Clink-args=--emit-relocs";

/// The name wasm-bindgen gives its output (`app.js`, `app_bg.wasm`): the loader imports
/// `initSync` from `./app.js`.
pub const OUT_NAME: &str = "app";

fn installed() -> bool {
    let mut list = cargo();
    list.args(["install", "--list"]);
    list.output().is_ok_and(|o| {
        String::from_utf8_lossy(&o.stdout)
            .lines()
            .any(|l| l.starts_with(&format!("{CRATE} v{VERSION}:")))
    })
}

fn binary() -> Result<PathBuf, String> {
    let path =
        PathBuf::from(std::env::var("HOME").unwrap_or_default()).join(".cargo/bin/wasm-split-cli");
    if !installed() || !path.exists() {
        eprintln!("xtask web: installing {CRATE} {VERSION} (wasm-split-cli, once)…");
        let mut install = cargo();
        install.args([
            "install",
            CRATE,
            "--version",
            VERSION,
            "--features",
            "build-binary",
        ]);
        status(install)?;
    }
    Ok(path)
}

/// Splits `wasm` into `out`; the path of the main module, for wasm-bindgen.
pub fn split(wasm: &Path, out: &Path) -> Result<PathBuf, String> {
    let _ = std::fs::remove_dir_all(out);
    let mut command = Command::new(binary()?);
    command
        .arg(wasm)
        .arg(out)
        .args(["--target", "web", "--out-name", OUT_NAME]);
    status(command)?;
    Ok(out.join(format!("{OUT_NAME}.wasm")))
}

/// Reads a LEB128 `u32` at `at`; the value and the position after it.
fn leb128(bytes: &[u8], mut at: usize) -> Option<(usize, usize)> {
    let mut value = 0usize;
    for shift in (0..35).step_by(7) {
        let byte = *bytes.get(at)?;
        at += 1;
        value |= usize::from(byte & 0x7f) << shift;
        if byte < 0x80 {
            return Some((value, at));
        }
    }
    None
}

/// Custom sections nothing reads at run time: the symbol names (kept through the build for
/// the splitter, about 45 % of the main module), the producers and the target features.
const DROPPED: [&[u8]; 3] = [b"name", b"producers", b"target_features"];

/// `wasm` without the custom sections in [`DROPPED`].
pub fn strip(wasm: &[u8]) -> Result<Vec<u8>, String> {
    let malformed = || "malformed wasm".to_owned();
    let mut kept = wasm.get(..8).ok_or_else(malformed)?.to_vec();
    let mut at = 8;
    while at < wasm.len() {
        let start = at;
        let id = wasm[at];
        let (size, body) = leb128(wasm, at + 1).ok_or_else(malformed)?;
        let end = body
            .checked_add(size)
            .filter(|&e| e <= wasm.len())
            .ok_or_else(malformed)?;
        let dropped = id == 0
            && leb128(wasm, body).is_some_and(|(length, name)| {
                DROPPED.contains(&wasm.get(name..name + length).unwrap_or_default())
            });
        if !dropped {
            kept.extend_from_slice(&wasm[start..end]);
        }
        at = end;
    }
    Ok(kept)
}
