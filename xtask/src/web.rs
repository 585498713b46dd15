//! `cargo xtask web`: builds the Leptos app into `web/dist/` — compile `web` to
//! `wasm32-unknown-unknown`, split it into a main module and one chunk per app module
//! (`split.rs`), run wasm-bindgen, shrink with wasm-opt when present, put the files under one
//! fingerprinted directory, write `index.html`.
//!
//! Where the wasm32 standard library cannot be downloaded (these machines reach only package
//! registries), it tries, in order: the target already installed; `rustup target add` with a
//! short timeout; Debian's `rustc-web` toolchain building std from source
//! (`../shared/recipes/wasm-build-offline.md`); else it says what to do by hand.

use std::collections::hash_map::DefaultHasher;
use std::fs;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::split::{self, OUT_NAME};
use crate::{cargo, root, status};

const TARGET: &str = "wasm32-unknown-unknown";
const DEBIAN_RUSTC: &str = "/usr/bin/rustc";
const DEBIAN_STD_SOURCES: &str = "/usr/lib/rustlib/src/rust/library";
const DEBIAN_PACKAGES: [&str; 4] = ["rustc-web", "cargo-web", "rust-web-src", "lld-22"];
const RUSTFLAGS: &str = "--cfg getrandom_backend=\"wasm_js\" --cfg erase_components";

/// How the wasm is compiled.
enum Toolchain {
    /// rustup's toolchain with the wasm32 target installed.
    Rustup,
    /// Debian's rustc-web, building std for the target from its sources.
    Debian,
}

fn quiet(command: &mut Command) -> bool {
    command
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn target_installed() -> bool {
    Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output()
        .is_ok_and(|o| {
            String::from_utf8_lossy(&o.stdout)
                .lines()
                .any(|l| l == TARGET)
        })
}

fn debian_ready() -> bool {
    Path::new(DEBIAN_RUSTC).exists() && Path::new(DEBIAN_STD_SOURCES).exists()
}

fn choose_toolchain() -> Result<Toolchain, String> {
    // To try the Debian route where rustup's target is installed too.
    if std::env::var("RTG_WASM_TOOLCHAIN").is_ok_and(|t| t == "debian") && debian_ready() {
        return Ok(Toolchain::Debian);
    }
    if target_installed() {
        return Ok(Toolchain::Rustup);
    }
    eprintln!("xtask web: trying `rustup target add {TARGET}` (30 s at most)…");
    if quiet(Command::new("timeout").args(["30", "rustup", "target", "add", TARGET])) {
        return Ok(Toolchain::Rustup);
    }
    if debian_ready() {
        return Ok(Toolchain::Debian);
    }
    if Path::new("/usr/bin/apt-get").exists() {
        eprintln!(
            "xtask web: installing Debian's {}…",
            DEBIAN_PACKAGES.join(" ")
        );
        let installed = Command::new("apt-get")
            .args(["install", "-y", "-qq"])
            .args(DEBIAN_PACKAGES)
            .env("DEBIAN_FRONTEND", "noninteractive")
            .status()
            .is_ok_and(|s| s.success());
        if installed && debian_ready() {
            return Ok(Toolchain::Debian);
        }
    }
    Err(format!(
        "cannot build for {TARGET}: run `rustup target add {TARGET}`, or on Debian 12 \
         `apt-get install {}` (see ../shared/recipes/wasm-build-offline.md)",
        DEBIAN_PACKAGES.join(" ")
    ))
}

/// Compiles the `web` crate; the path of its `.wasm`.
fn compile(toolchain: &Toolchain) -> Result<PathBuf, String> {
    let target_dir = target_base().join(match toolchain {
        Toolchain::Rustup => "web",
        Toolchain::Debian => "web-debian",
    });
    let mut command = match toolchain {
        Toolchain::Rustup => cargo(),
        Toolchain::Debian => {
            let mut command = Command::new("/usr/bin/cargo");
            command
                .current_dir(root())
                .env("RUSTC", DEBIAN_RUSTC)
                .env("RUSTC_BOOTSTRAP", "1");
            command
        }
    };
    command
        .args([
            "build",
            "--profile",
            "wasm-release",
            "-p",
            "web",
            "--target",
            TARGET,
        ])
        .arg("--target-dir")
        .arg(&target_dir)
        .env("RUSTFLAGS", format!("{RUSTFLAGS} {}", split::RUSTFLAGS))
        .env_remove("CARGO_TARGET_DIR");
    if let Toolchain::Debian = toolchain {
        command.arg("-Zbuild-std=std,panic_abort");
    }
    status(command)?;
    Ok(target_dir
        .join(TARGET)
        .join("wasm-release")
        .join("web.wasm"))
}

/// Where cargo builds: `CARGO_TARGET_DIR` (CI keeps one outside the clone), else `target/`.
fn target_base() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target"))
}

/// The wasm-bindgen version `Cargo.lock` holds: the CLI must match it exactly.
fn bindgen_version() -> Result<String, String> {
    let lock = fs::read_to_string(root().join("Cargo.lock")).map_err(|e| e.to_string())?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\""
            && let Some(version) = lines.next().and_then(|l| l.strip_prefix("version = \""))
        {
            return Ok(version.trim_end_matches('"').to_owned());
        }
    }
    Err("Cargo.lock names no wasm-bindgen".into())
}

fn wasm_bindgen() -> Result<PathBuf, String> {
    let version = bindgen_version()?;
    let installed =
        PathBuf::from(std::env::var("HOME").unwrap_or_default()).join(".cargo/bin/wasm-bindgen");
    let current = Command::new(&installed)
        .arg("--version")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default();
    if current != format!("wasm-bindgen {version}") {
        eprintln!("xtask web: installing wasm-bindgen-cli {version} (once)…");
        let mut install = cargo();
        // Not `--locked`: the registry lacks a version its own lock file names.
        install.args(["install", "wasm-bindgen-cli", "--version", &version]);
        status(install)?;
    }
    Ok(installed)
}

/// Older wasm-opt (Debian 12 has 108) breaks wasm-bindgen's externref table of today's rustc.
const MIN_WASM_OPT: u32 = 116;

fn wasm_opt_version() -> Option<u32> {
    let output = Command::new("wasm-opt").arg("--version").output().ok()?;
    String::from_utf8_lossy(&output.stdout)
        .split_whitespace()
        .find_map(|word| word.parse().ok())
}

fn fingerprint(bytes: &[u8]) -> String {
    let mut hasher = DefaultHasher::new();
    bytes.hash(&mut hasher);
    format!("{:016x}", hasher.finish())
}

fn index_html(dir: &str) -> String {
    format!(
        r#"<!doctype html>
<html lang="pt-BR">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Retaguarda</title>
<link rel="stylesheet" href="/assets/{dir}/style.css">
<link rel="modulepreload" href="/assets/{dir}/{OUT_NAME}.js">
</head>
<body>
<noscript>Retaguarda needs JavaScript.</noscript>
<script type="module" src="/assets/{dir}/boot.js"></script>
</body>
</html>
"#
    )
}

/// The size pass, on the main module and every chunk, when a recent enough wasm-opt is there.
fn shrink(files: &[PathBuf]) -> Result<(), String> {
    if wasm_opt_version().is_none_or(|v| v < MIN_WASM_OPT) {
        eprintln!(
            "xtask web: no wasm-opt {MIN_WASM_OPT} or newer (binaryen); skipping the size pass"
        );
        return Ok(());
    }
    for wasm in files
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "wasm"))
    {
        let mut opt = Command::new("wasm-opt");
        // The features rustc's wasm32 target emits today (reference types among them: without
        // them wasm-opt breaks wasm-bindgen's externref table).
        opt.args([
            "-Oz",
            "--enable-bulk-memory",
            "--enable-nontrapping-float-to-int",
            "--enable-reference-types",
            "--enable-sign-ext",
            "--enable-mutable-globals",
            "--enable-multivalue",
        ])
        .arg(wasm)
        .arg("-o")
        .arg(wasm);
        status(opt)?;
    }
    Ok(())
}

/// Builds `web/dist/`: `index.html`, and under `assets/<build>/` (named by a hash of the whole
/// build, so every file keeps the name the loader fetches it by and is still cached for good)
/// the JS glue, the main wasm, the module chunks, the loader, the boot script and the styles.
pub fn build() -> Result<(), String> {
    let toolchain = choose_toolchain()?;
    let wasm = compile(&toolchain)?;
    let bindgen = wasm_bindgen()?;
    let staging = target_base().join("web-bindgen");
    let main = split::split(&wasm, &staging)?;
    let mut command = Command::new(bindgen);
    command
        .args(["--target", "web", "--no-typescript", "--out-name", OUT_NAME])
        // The split chunks link against the main module's own exports, by their names.
        .args(["--keep-lld-exports", "--no-demangle", "--out-dir"])
        .arg(&staging)
        .arg(&main);
    status(command)?;
    fs::remove_file(&main).map_err(|e| format!("{}: {e}", main.display()))?;
    let boot = format!(
        "import init from './{OUT_NAME}.js';\n\
         init({{ module_or_path: new URL('./{OUT_NAME}_bg.wasm', import.meta.url) }});\n"
    );
    fs::write(staging.join("boot.js"), boot).map_err(|e| e.to_string())?;
    fs::copy(
        root().join("web").join("static").join("style.css"),
        staging.join("style.css"),
    )
    .map_err(|e| format!("style.css: {e}"))?;
    let mut files: Vec<PathBuf> = fs::read_dir(&staging)
        .map_err(|e| e.to_string())?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .collect();
    files.sort();
    for wasm in files
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "wasm"))
    {
        let bytes = fs::read(wasm).map_err(|e| format!("{}: {e}", wasm.display()))?;
        let stripped = split::strip(&bytes).map_err(|e| format!("{}: {e}", wasm.display()))?;
        fs::write(wasm, stripped).map_err(|e| format!("{}: {e}", wasm.display()))?;
    }
    shrink(&files)?;

    let mut everything = Vec::new();
    for file in &files {
        everything.extend(fs::read(file).map_err(|e| format!("{}: {e}", file.display()))?);
    }
    let build_dir = fingerprint(&everything);
    let dist = root().join("web").join("dist");
    let assets = dist.join("assets").join(&build_dir);
    let _ = fs::remove_dir_all(&dist);
    fs::create_dir_all(&assets).map_err(|e| e.to_string())?;
    for file in &files {
        let name = file.file_name().unwrap_or_default();
        fs::copy(file, assets.join(name)).map_err(|e| format!("{}: {e}", file.display()))?;
    }
    fs::write(dist.join("index.html"), index_html(&build_dir)).map_err(|e| e.to_string())?;
    let main_size = fs::metadata(assets.join(format!("{OUT_NAME}_bg.wasm")))
        .map(|m| m.len() / 1024)
        .unwrap_or_default();
    let chunks = files
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "wasm"))
        .count()
        - 1;
    eprintln!("xtask web: web/dist ready ({main_size} KB of main wasm, {chunks} chunks)");
    Ok(())
}
