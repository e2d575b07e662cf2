//! PDF documents (certificates, the check's report) made with typst, off the async
//! threads and two at a time: each takes a core for a few milliseconds, and a template
//! cannot be interrupted.

use crate::error::AppError;
use lotse_documents::DocumentError;

static RENDERING: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(2);

/// Runs `job` (a `lotse_documents` rendering) on a blocking thread.
pub async fn render(
    job: impl FnOnce() -> Result<Vec<u8>, DocumentError> + Send + 'static,
) -> Result<Vec<u8>, AppError> {
    let _permit = RENDERING
        .acquire()
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?;
    tokio::task::spawn_blocking(job)
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?
        .map_err(|e| AppError::Internal(e.to_string()))
}
