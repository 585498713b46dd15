//! How errors become problem documents.

use super::*;

/// A module's error that carries a database failure, as every module's does.
#[derive(Debug, thiserror::Error)]
#[error(transparent)]
struct ModuleError(DbErr);

impl DomainError for ModuleError {
    fn kind(&self) -> ErrorKind {
        ErrorKind::Internal
    }

    fn code(&self) -> &'static str {
        "internal"
    }

    fn database_error(&self) -> Option<&DbErr> {
        Some(&self.0)
    }
}

#[test]
fn a_busy_database_met_in_any_module_is_503_with_retry_after() {
    let busy = || DbErr::Custom("database is locked".into());
    for error in [ApiError::from(busy()), ApiError::from(ModuleError(busy()))] {
        let problem = error.problem();
        assert_eq!(
            (problem.status, problem.type_.as_str()),
            (503, "database/busy")
        );
        assert_eq!(error.0.retry_after, Some(1));
        assert!(!problem.detail.unwrap_or_default().contains("locked"));
    }
}

#[test]
fn any_other_database_failure_is_500_and_says_nothing_of_it() {
    let error = ApiError::from(ModuleError(DbErr::Custom("disk I/O".into())));
    let problem = error.problem();
    assert_eq!((problem.status, problem.type_.as_str()), (500, "internal"));
    assert!(!problem.detail.unwrap_or_default().contains("disk"));
}
