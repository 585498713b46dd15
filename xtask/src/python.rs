//! Python tools the test command runs, each pinned in a virtual environment of its own under
//! the target directory: made once, then reused while it holds the pinned version.

use std::path::PathBuf;
use std::process::Command;

use crate::status;

/// The folder of a virtual environment holding `package==version`, made (with pip, from PyPI)
/// unless `probe` (run with its `bin/python`) already prints `version`.
pub fn venv(package: &str, version: &str, probe: &str) -> Result<PathBuf, String> {
    let venv = target_dir().join(format!("{package}-{version}"));
    let installed = Command::new(venv.join("bin/python"))
        .args(["-c", probe])
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains(version));
    if installed {
        return Ok(venv);
    }
    eprintln!(
        "xtask: installing {package} {version} into {}",
        venv.display()
    );
    let _ = std::fs::remove_dir_all(&venv);
    let mut create = Command::new("python3");
    create.arg("-m").arg("venv").arg(&venv);
    status(create)
        .map_err(|e| format!("{e}: Python 3 with `venv` is needed (Debian: python3-venv)"))?;
    let mut install = Command::new(venv.join("bin/pip"));
    install.args(["install", "-q", "--disable-pip-version-check"]);
    install.arg(format!("{package}=={version}"));
    status(install)?;
    Ok(venv)
}

pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .map(|dir| {
            if dir.is_absolute() {
                dir
            } else {
                crate::root().join(dir)
            }
        })
        .unwrap_or_else(|| crate::root().join("target"))
}

/// The Standard Webhooks reference library, which the webhook tests verify signatures with
/// (`RTG_STANDARD_WEBHOOKS_PYTHON` names its `python`).
pub fn standard_webhooks() -> Result<PathBuf, String> {
    const VERSION: &str = "1.3.0";
    let venv = venv(
        "standardwebhooks",
        VERSION,
        "import importlib.metadata as m; print(m.version('standardwebhooks'))",
    )?;
    Ok(venv.join("bin/python"))
}
