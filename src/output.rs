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

/// What makes an output name unusable before any file is touched, if anything: a name ending
/// in '/' (a directory), or a part longer than a file name can be (Linux's NAME_MAX, 255
/// bytes). Said after the name, as in "output 'NAME' …".
pub fn unusable(name: &Path) -> Option<String> {
    const NAME_MAX: usize = 255;
    let bytes = name.as_os_str().as_encoded_bytes();
    if bytes.ends_with(b"/") {
        return Some("ends in '/', which names a directory; drop the '/'".into());
    }
    // `x/.` is the directory x, not a file named x.
    if bytes == b"." || bytes.ends_with(b"/.") {
        return Some("ends in '/.', which names a directory; end it with a file name".into());
    }
    name.components()
        .any(|c| c.as_os_str().len() > NAME_MAX)
        .then(|| {
            format!("has a part longer than the {NAME_MAX} bytes a file name can have; shorten it")
        })
}

/// Writes every file into `out` (made if missing), all or nothing. First every output is
/// checked: its directory made (subdirectories of `out` as needed) and resolved, symbolic
/// links included, inside `out`; no output an existing directory; no two outputs one file.
/// Then each is staged as a temporary file in its final directory, `announce` is told their
/// paths, and only if it succeeds are they all renamed into place — and if a rename still
/// fails, those already made are undone. On any failure the staged files and the directories
/// made are removed, and every existing file is left as it was.
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
    let mut real: Vec<PathBuf> = Vec::with_capacity(files.len());
    for (name, _) in files {
        let path = out.join(name);
        let dir = path.parent().unwrap_or(out);
        made.dir(dir)?;
        let resolved = dir
            .canonicalize()
            .with_context(|| format!("cannot open the directory '{}'", dir.display()))?;
        if !resolved.starts_with(&root) {
            bail!(
                "output '{}' resolves outside the output directory (through a symbolic link); write it inside '{}'",
                name.display(),
                out.display()
            );
        }
        real.push(resolved.join(path.file_name().unwrap_or(name.as_os_str())));
    }
    for (i, (name, _)) in files.iter().enumerate() {
        if real[i].is_dir() {
            bail!(
                "output '{}' is a directory (existing, or needed for another output); choose another name",
                name.display()
            );
        }
        if let Some(j) = (0..i).find(|&j| real[j] == real[i]) {
            bail!(
                "outputs '{}' and '{}' are the same file (through a symbolic link); give each its own name",
                files[j].0.display(),
                name.display()
            );
        }
    }
    let paths: Vec<PathBuf> = files.iter().map(|(n, _)| out.join(n)).collect();
    let mut staged = Vec::with_capacity(files.len());
    for (((_, bytes), path), shown) in files.iter().zip(real).zip(&paths) {
        let dir = path.parent().unwrap_or(out);
        staged.push((stage(dir, shown, bytes)?, path));
    }
    announce(&paths)?;
    commit(staged)?;
    made.0.clear(); // keep the directories: they hold the outputs now
    Ok(())
}

/// Renames each staged file over its path, keeping a hard link to the file it replaces; if a
/// rename fails, every path done so far gets its old file back (or is removed, if it had none).
fn commit(staged: Vec<(NamedTempFile, PathBuf)>) -> Result<()> {
    let mut done: Vec<(PathBuf, Option<tempfile::TempPath>)> = Vec::with_capacity(staged.len());
    for (tmp, path) in staged {
        let kept = match keep_old(&path) {
            Ok(kept) => kept,
            Err(e) => {
                undo(done);
                return Err(e).with_context(|| cannot_write(&path));
            }
        };
        if let Err(e) = tmp.persist(&path) {
            undo(done);
            return Err(e.error).with_context(|| cannot_write(&path));
        }
        done.push((path, kept));
    }
    Ok(())
}

/// A hard link to the file at `path` beside it, removed when dropped; None if there is none.
fn keep_old(path: &Path) -> std::io::Result<Option<tempfile::TempPath>> {
    if !path.is_file() {
        return Ok(None);
    }
    let dir = path.parent().unwrap_or(Path::new("."));
    let link = tempfile::Builder::new()
        .prefix(".fisherballs-old-")
        .make_in(dir, |p| std::fs::hard_link(path, p))?;
    Ok(Some(link.into_temp_path()))
}

fn undo(done: Vec<(PathBuf, Option<tempfile::TempPath>)>) {
    for (path, kept) in done.into_iter().rev() {
        let _ = match kept {
            Some(old) => std::fs::rename(&old, &path),
            None => std::fs::remove_file(&path),
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A rename that fails after others succeeded puts back what they replaced: the old file
    /// where there was one, nothing where there was none.
    #[test]
    fn a_failing_rename_undoes_the_renames_before_it() {
        let dir = tempfile::tempdir().unwrap();
        let (a, fresh, b) = (
            dir.path().join("a"),
            dir.path().join("fresh"),
            dir.path().join("b"),
        );
        std::fs::write(&a, "old").unwrap();
        std::fs::create_dir(&b).unwrap(); // a file cannot be renamed over a directory
        std::fs::write(b.join("inside"), "x").unwrap();
        let staged = vec![
            (stage(dir.path(), &a, b"new").unwrap(), a.clone()),
            (stage(dir.path(), &fresh, b"new").unwrap(), fresh.clone()),
            (stage(dir.path(), &b, b"new").unwrap(), b.clone()),
        ];
        assert!(commit(staged).is_err());
        assert_eq!(std::fs::read_to_string(&a).unwrap(), "old");
        assert!(!fresh.exists());
        let mut left: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .collect();
        left.sort();
        assert_eq!(left, ["a", "b"], "a staged or kept file was left behind");
    }

    #[test]
    fn names_no_file_can_have_are_found() {
        assert!(unusable(Path::new("b.pdf/")).is_some());
        assert!(unusable(Path::new("b.pdf/.")).is_some());
        assert!(unusable(Path::new(&"x".repeat(256))).is_some());
        assert!(unusable(Path::new(&format!("d/{}", "x".repeat(255)))).is_none());
        assert!(unusable(Path::new("d/a.svg")).is_none());
    }
}
