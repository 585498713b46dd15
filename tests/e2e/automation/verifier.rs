//! The Standard Webhooks reference library (Python, from PyPI), run as a receiver would run
//! it: our signatures must verify with an implementation that is not ours. The test command
//! installs it (`cargo xtask test`) and names its `python` in `RTG_STANDARD_WEBHOOKS_PYTHON`.

use std::io::Write;
use std::process::{Command, Stdio};

use serde_json::json;

const SCRIPT: &str = r#"
import json, sys
from standardwebhooks.webhooks import Webhook
given = json.load(sys.stdin)
try:
    Webhook(given["secret"]).verify(given["body"].encode(), given["headers"])
    print("verified")
except Exception as error:
    print("refused:", error)
"#;

/// The `python` that has the library. Without it the test cannot run: in CI (`CI` set) that
/// fails the test; elsewhere it says how to get it.
pub fn python() -> String {
    std::env::var("RTG_STANDARD_WEBHOOKS_PYTHON").unwrap_or_else(|_| {
        panic!(
            "RTG_STANDARD_WEBHOOKS_PYTHON is not set: run the tests with `cargo xtask test`, \
             or point it at a python with `pip install standardwebhooks==1.3.0`"
        )
    })
}

/// Whether the library verifies `body` sent with these headers for `secret`.
pub fn verifies(secret: &str, id: &str, timestamp: i64, signature: &str, body: &str) -> bool {
    let given = json!({
        "secret": secret,
        "body": body,
        "headers": {
            "webhook-id": id,
            "webhook-timestamp": timestamp.to_string(),
            "webhook-signature": signature,
        },
    });
    let mut child = Command::new(python())
        .args(["-c", SCRIPT])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("the Standard Webhooks verifier starts");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(given.to_string().as_bytes())
        .expect("write");
    let output = child.wait_with_output().expect("verifier output");
    let answer = String::from_utf8_lossy(&output.stdout);
    assert!(
        answer.starts_with("verified") || answer.starts_with("refused"),
        "the verifier failed: {answer} {}",
        String::from_utf8_lossy(&output.stderr)
    );
    answer.starts_with("verified")
}
