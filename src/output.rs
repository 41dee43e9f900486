//! Writing figures: atomically, so that a failure never leaves a partial or stale file.

use std::fs::Permissions;
use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use anyhow::{Context, Result};

/// Writes `bytes` to a temporary file beside `path`, then renames it over `path`.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let fail = || {
        format!(
            "cannot write '{}'; check that its directory exists and is writable",
            path.display()
        )
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".fisherballs-")
        .permissions(Permissions::from_mode(0o644))
        .tempfile_in(dir)
        .with_context(fail)?;
    tmp.write_all(bytes).with_context(fail)?;
    tmp.persist(path).map_err(|e| e.error).with_context(fail)?;
    Ok(())
}
