//! What `RETAGUARDA_ENV=production` refuses to start with: a public URL that is not https,
//! mail that would not leave (a folder) or would leave without TLS, a JWT secret that does
//! not look random, webhooks allowed to this machine, and the demo store. Each refusal names the variable and says what to do.

use super::{Config, ConfigError, MailTransport, Mode};

/// A secret's estimated bits at least, and per character (see `jwt_secret`).
const MIN_SECRET_BITS: f64 = 128.0;
const MIN_BITS_PER_CHARACTER: f64 = 3.3;

/// Checks a production configuration; `var` reads a variable as `Config::from_lookup` does.
pub(super) fn check(
    config: &Config,
    var: &impl Fn(&str) -> Option<String>,
) -> Result<(), ConfigError> {
    public_url(var("RETAGUARDA_PUBLIC_URL"))?;
    mail(var("RETAGUARDA_MAIL_URL"), &config.mail.transport)?;
    jwt_secret(&config.jwt_secret)?;
    webhooks(config)
}

/// Delivering webhooks to this machine is for tests: in production it would let any store
/// reach the server's own services.
fn webhooks(config: &Config) -> Result<(), ConfigError> {
    if config.limits.webhooks_to_loopback {
        return Err(ConfigError::Production {
            name: "RETAGUARDA_WEBHOOKS_TO_LOOPBACK",
            reason: "lets webhooks reach this machine's own services: a test setting; unset it"
                .into(),
        });
    }
    Ok(())
}

impl Config {
    /// The demo store (`retaguarda --demo`) has a published password: never in production.
    pub fn check_demo_allowed(&self) -> Result<(), ConfigError> {
        match self.mode {
            Mode::Dev => Ok(()),
            Mode::Production => Err(ConfigError::Production {
                name: "--demo",
                reason: "creates a store whose password is published: start without --demo".into(),
            }),
        }
    }
}

/// Links in emails and HSTS need the address people reach the web app at, over TLS.
fn public_url(url: Option<String>) -> Result<(), ConfigError> {
    match url {
        None => Err(ConfigError::Missing {
            name: "RETAGUARDA_PUBLIC_URL",
            hint: "the https:// address of the web app, e.g. https://app.example.com",
        }),
        Some(url) if url.starts_with("https://") => Ok(()),
        Some(url) => Err(ConfigError::Production {
            name: "RETAGUARDA_PUBLIC_URL",
            reason: format!(
                "is `{url}`: set the https:// address the web app is reached at (links in \
                 emails carry tokens)"
            ),
        }),
    }
}

/// Production mail must leave, and over TLS: `smtps://`, or `smtp://` with STARTTLS required
/// (`?tls=required`; `opportunistic` can be stripped by anyone on the way).
fn mail(url: Option<String>, transport: &MailTransport) -> Result<(), ConfigError> {
    const NAME: &str = "RETAGUARDA_MAIL_URL";
    const HINT: &str =
        "smtps://user:password@host:465 or smtp://user:password@host:587?tls=required";
    let Some(url) = url else {
        return Err(ConfigError::Missing {
            name: NAME,
            hint: HINT,
        });
    };
    match transport {
        MailTransport::Folder(_) => Err(ConfigError::Production {
            name: NAME,
            reason: format!("writes emails to a folder and sends none: use {HINT}"),
        }),
        MailTransport::Smtp(_) if url.starts_with("smtps://") || tls_required(&url) => Ok(()),
        MailTransport::Smtp(_) => Err(ConfigError::Production {
            name: NAME,
            reason: "sends mail without TLS (passwords and sign-in links in the clear): use \
                     smtps://…, or add ?tls=required to the smtp:// URL"
                .into(),
        }),
    }
}

fn tls_required(url: &str) -> bool {
    url.split_once('?')
        .is_some_and(|(_, query)| query.split('&').any(|pair| pair == "tls=required"))
}

/// The length rule (32 bytes) holds in every mode; production also wants the secret to look
/// random. The estimate is Shannon's entropy of the secret's own characters, per character
/// and times its length: it catches secrets that were typed, repeated or patterned (`aaaa…`,
/// `abab…`, a short sentence) though not every weak one. `openssl rand -base64 48` (about
/// 350 bits, 5.5 a character) and `openssl rand -hex 32` (about 245, 3.8 a character) pass
/// with room to spare; 3.3 rather than 3.5 a character because a random hex secret of 64
/// characters falls below 3.5 about once in 6,000, and below 3.3 not once in 200,000 tries.
/// 16 random bytes in hex (32 characters, 128 bits at most, estimated lower) are refused.
fn jwt_secret(secret: &[u8]) -> Result<(), ConfigError> {
    let per_character = bits_per_character(secret);
    let bits = per_character * secret.len() as f64;
    if per_character >= MIN_BITS_PER_CHARACTER && bits >= MIN_SECRET_BITS {
        return Ok(());
    }
    Err(ConfigError::Production {
        name: "RETAGUARDA_JWT_SECRET",
        reason: format!(
            "does not look random (about {bits:.0} bits by how often each of its characters \
             occurs, {per_character:.1} per character; {MIN_SECRET_BITS} and \
             {MIN_BITS_PER_CHARACTER} needed): use e.g. `openssl rand -base64 48`"
        ),
    })
}

/// Shannon's entropy of the bytes' frequencies.
fn bits_per_character(secret: &[u8]) -> f64 {
    let mut counts = [0u32; 256];
    for byte in secret {
        counts[usize::from(*byte)] += 1;
    }
    let length = secret.len() as f64;
    counts
        .iter()
        .filter(|count| **count > 0)
        .map(|count| {
            let share = f64::from(*count) / length;
            -share * share.log2()
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    /// `openssl rand -base64 48`.
    const RANDOM_SECRET: &str = "q3ZJ0vO6n8kq3H1x0mJ2b5y9Vt4oWcRk7uPzLs2aEe1fGh8iNjQw5xYtDd3rUuSv";

    fn production(changes: &[(&str, Option<&str>)]) -> Result<Config, ConfigError> {
        let mut vars: HashMap<&str, &str> = HashMap::from([
            ("RETAGUARDA_ENV", "production"),
            ("RETAGUARDA_DATABASE_URL", "postgres://db/retaguarda"),
            ("RETAGUARDA_JWT_SECRET", RANDOM_SECRET),
            ("RETAGUARDA_PUBLIC_URL", "https://app.example.com"),
            ("RETAGUARDA_MAIL_URL", "smtps://user:pass@mail.example.com"),
        ]);
        for (name, value) in changes {
            match value {
                Some(value) => vars.insert(name, value),
                None => vars.remove(name),
            };
        }
        Config::from_lookup(|name| vars.get(name).map(|v| v.to_string()))
    }

    #[track_caller]
    fn assert_refused(changes: &[(&str, Option<&str>)], name: &str, says: &str) {
        match production(changes) {
            Ok(_) => panic!("{changes:?} was accepted"),
            Err(error) => {
                let message = error.to_string();
                assert!(
                    message.contains(name) && message.contains(says),
                    "{changes:?}: {message}"
                );
            }
        }
    }

    #[test]
    fn a_complete_production_configuration_starts() {
        assert!(production(&[]).is_ok());
        let starttls = "smtp://user:pass@mail.example.com:587?tls=required";
        assert!(production(&[("RETAGUARDA_MAIL_URL", Some(starttls))]).is_ok());
        let hex = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
        assert!(production(&[("RETAGUARDA_JWT_SECRET", Some(hex))]).is_ok());
    }

    #[test]
    fn production_refuses_a_public_url_that_is_unset_or_not_https() {
        let url = "RETAGUARDA_PUBLIC_URL";
        assert_refused(&[(url, None)], url, "must be set");
        assert_refused(&[(url, Some("http://app.example.com"))], url, "https://");
    }

    #[test]
    fn production_refuses_mail_without_tls_or_to_a_folder() {
        let mail = "RETAGUARDA_MAIL_URL";
        assert_refused(&[(mail, None)], mail, "must be set");
        assert_refused(
            &[(mail, Some("smtp://mail.example.com"))],
            mail,
            "tls=required",
        );
        let opportunistic = "smtp://mail.example.com?tls=opportunistic";
        assert_refused(&[(mail, Some(opportunistic))], mail, "without TLS");
        assert_refused(&[(mail, Some("file:///var/mail"))], mail, "folder");
    }

    #[test]
    fn production_refuses_a_jwt_secret_that_does_not_look_random() {
        let secret = "RETAGUARDA_JWT_SECRET";
        for weak in [
            "a".repeat(64),
            "ab".repeat(40),
            "abcdefgh".repeat(16),
            "correct horse battery staple".to_owned() + " 1234",
            // 16 random bytes in hex: 32 characters, 128 bits at the very most.
            "0f3c9a1be27d4856ac0193fe7b2d5e64".to_owned(),
        ] {
            assert_refused(&[(secret, Some(&weak))], secret, "openssl rand");
        }
        assert_refused(&[(secret, None)], secret, "must be set");
    }

    #[test]
    fn production_refuses_the_demo_store() {
        let Ok(config) = production(&[]) else {
            panic!("the configuration is complete");
        };
        let refused = config.check_demo_allowed().map_err(|e| e.to_string());
        assert!(refused.is_err_and(|message| message.contains("--demo")));
        let dev = Config {
            mode: Mode::Dev,
            ..config
        };
        assert!(dev.check_demo_allowed().is_ok());
    }
}
