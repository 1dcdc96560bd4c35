//! Files → typed rows. (Contract only; the ingest work fills this in.)

use std::fmt;

use crate::dataset::Dataset;

/// Choices the user made that change how a file is read.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct IngestOptions {}

/// A whole file was refused. The dataset is untouched.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct IngestError {
    pub path: String,
    pub line: u32,
    pub column: u32,
    pub message: String,
}

impl fmt::Display for IngestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.path, self.message)
        } else {
            write!(f, "{}:{}:{}: {}", self.path, self.line, self.column, self.message)
        }
    }
}

impl std::error::Error for IngestError {}

/// Reads one file into `dataset` and returns the index of its `FileReport`.
/// `progress(done, total)` is called with byte offsets as parsing advances.
pub fn ingest_file(
    dataset: &mut Dataset,
    path: &str,
    bytes: &[u8],
    options: &IngestOptions,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<usize, IngestError> {
    let _ = (dataset, bytes, options, progress);
    Err(IngestError { path: path.into(), line: 0, column: 0, message: "not implemented yet".into() })
}
