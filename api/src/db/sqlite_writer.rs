//! SQLite writes one transaction at a time. A writer waits here for its turn, in arrival order
//! (tokio's mutex is fair), and only then begins `IMMEDIATE`: writers queue in the process
//! instead of each polling SQLite's busy handler, which wakes them in no order and let a
//! writer wait seconds while later ones went first. Readers never wait here (WAL). Another
//! process writing the same file still meets the busy timeout.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, LazyLock, Mutex};

use sea_orm::DatabaseConnection;
use tokio::sync::{Mutex as Turns, OwnedMutexGuard};

/// The queue of each database file this process writes.
static QUEUES: LazyLock<Mutex<HashMap<PathBuf, Arc<Turns<()>>>>> = LazyLock::new(Default::default);

/// The write turn on `db`'s file: held until the transaction ends.
pub type Turn = OwnedMutexGuard<()>;

/// Waits for the write turn on `db`'s file.
pub async fn turn(db: &DatabaseConnection) -> Turn {
    let file = db
        .get_sqlite_connection_pool()
        .connect_options()
        .get_filename()
        .to_path_buf();
    let queue = {
        // A poisoned map still holds every queue made: take it as it is.
        let mut queues = QUEUES
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        queues.entry(file).or_default().clone()
    };
    queue.lock_owned().await
}
