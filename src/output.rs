//! Writing figures: atomically, so that a failure never leaves a partial or stale file, and
//! a figure file's outputs all together or not at all.

use std::fs::Permissions;
use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::{Component, Path, PathBuf};

use anyhow::{Context, Result, bail};
use tempfile::NamedTempFile;

/// Writes `bytes` to a temporary file beside `path`, then renames it over `path`.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let tmp = stage(dir, path, bytes)?;
    tmp.persist(path)
        .map_err(|e| e.error)
        .with_context(|| cannot_write(path))?;
    Ok(())
}

fn cannot_write(path: &Path) -> String {
    format!(
        "cannot write '{}'; check that its directory exists and is writable",
        path.display()
    )
}

/// The bytes in a temporary file in `dir`, named for `path` in errors.
fn stage(dir: &Path, path: &Path, bytes: &[u8]) -> Result<NamedTempFile> {
    let mut tmp = tempfile::Builder::new()
        .prefix(".fisherballs-")
        .permissions(Permissions::from_mode(0o644))
        .tempfile_in(dir)
        .with_context(|| cannot_write(path))?;
    tmp.write_all(bytes).with_context(|| cannot_write(path))?;
    Ok(tmp)
}

/// A relative output name with `.` and repeated separators dropped: `x//a.svg`, `x/./a.svg`
/// and `x/a.svg` are one file. None unless every part is a plain name (no `..`, no root).
pub fn normal(name: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for c in name.components() {
        match c {
            Component::Normal(part) => out.push(part),
            Component::CurDir => {}
            _ => return None,
        }
    }
    (!out.as_os_str().is_empty()).then_some(out)
}

/// Directories made for a set of outputs, removed again (deepest first) unless kept.
struct MadeDirectories(Vec<PathBuf>);

impl MadeDirectories {
    /// Makes `dir` and any missing parents, remembering each one made.
    fn dir(&mut self, dir: &Path) -> Result<()> {
        // A relative path's last ancestor is "" (the working directory): never made.
        let missing: Vec<&Path> = dir
            .ancestors()
            .take_while(|d| !d.as_os_str().is_empty() && !d.exists())
            .collect();
        for d in missing.into_iter().rev() {
            std::fs::create_dir(d)
                .with_context(|| format!("cannot create the directory '{}'", d.display()))?;
            self.0.push(d.to_path_buf());
        }
        Ok(())
    }
}

impl Drop for MadeDirectories {
    fn drop(&mut self) {
        for d in self.0.iter().rev() {
            let _ = std::fs::remove_dir(d);
        }
    }
}

/// Writes every file into `out` (made if missing), all or nothing: each is staged as a
/// temporary file in its final directory (subdirectories of `out` are made as needed, and
/// must resolve inside `out`, symbolic links included), then `announce` is told their paths,
/// and only if it succeeds are they all renamed into place. On any failure the staged files
/// and the directories made are removed, and every existing file is left as it was.
pub fn write_all(
    out: &Path,
    files: &[(PathBuf, Vec<u8>)],
    announce: impl FnOnce(&[PathBuf]) -> Result<()>,
) -> Result<()> {
    let mut made = MadeDirectories(Vec::new());
    made.dir(out)?;
    let root = out
        .canonicalize()
        .with_context(|| format!("cannot open the output directory '{}'", out.display()))?;
    let mut staged = Vec::with_capacity(files.len());
    for (name, bytes) in files {
        let path = out.join(name);
        let dir = path.parent().unwrap_or(out);
        made.dir(dir)?;
        let real = dir
            .canonicalize()
            .with_context(|| format!("cannot open the directory '{}'", dir.display()))?;
        if !real.starts_with(&root) {
            bail!(
                "output '{}' resolves outside the output directory (through a symbolic link); write it inside '{}'",
                name.display(),
                out.display()
            );
        }
        if path.is_dir() {
            bail!(
                "output '{}' is an existing directory; choose another name",
                name.display()
            );
        }
        staged.push((stage(dir, &path, bytes)?, path));
    }
    let paths: Vec<PathBuf> = staged.iter().map(|(_, p)| p.clone()).collect();
    announce(&paths)?;
    for (tmp, path) in staged {
        tmp.persist(&path)
            .map_err(|e| e.error)
            .with_context(|| cannot_write(&path))?;
    }
    made.0.clear(); // keep the directories: they hold the outputs now
    Ok(())
}
