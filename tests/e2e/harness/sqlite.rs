//! Fresh SQLite databases for the tests: the migrations run once per test run, into a
//! template file, and each test starts from a copy of it (migrating every test's file took
//! four seconds of each SQLite test, half the suite's time).

use std::path::{Path, PathBuf};

use sea_orm::ConnectionTrait;

static TEMPLATE: tokio::sync::OnceCell<PathBuf> = tokio::sync::OnceCell::const_new();

fn url_of(path: &Path) -> String {
    format!("sqlite://{}?mode=rwc", path.display())
}

async fn template() -> &'static PathBuf {
    TEMPLATE
        .get_or_init(|| async {
            let dir = std::env::temp_dir()
                .join(format!("retaguarda-sqlite-template-{}", std::process::id()));
            std::fs::create_dir_all(&dir).expect("template dir");
            let path = dir.join("template.db");
            let _ = std::fs::remove_file(&path);
            let db = api::db::connect_and_migrate(&url_of(&path), None)
                .await
                .expect("migrate the SQLite template");
            // Everything in the file itself, nothing left in its write-ahead log.
            db.execute_unprepared("PRAGMA wal_checkpoint(TRUNCATE)")
                .await
                .expect("checkpoint");
            db.close().await.expect("close the template");
            path
        })
        .await
}

/// A new, migrated database in `dir`; its URL.
pub async fn fresh_database(dir: &Path) -> String {
    let template = template().await;
    let path = dir.join("test.db");
    std::fs::copy(template, &path).expect("copy the SQLite template");
    for sidecar in ["-wal", "-shm"] {
        let from = PathBuf::from(format!("{}{sidecar}", template.display()));
        if from.exists() {
            let to = PathBuf::from(format!("{}{sidecar}", path.display()));
            std::fs::copy(from, to).expect("copy the template's log");
        }
    }
    url_of(&path)
}
