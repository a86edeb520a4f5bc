//! [`OutputFile`]: a file written all or nothing, or in place when the destination is not a
//! regular file. The one way this workspace writes an output (downloads, the CLI's files).
//!
//! - **New or regular destination**: the bytes go to a fresh, randomly named temporary file
//!   beside it (`.{name}.{random}.part`), created with `create_new` (`O_CREAT | O_EXCL`), so
//!   a file or symbolic link already at that name, planted or not, is never opened or
//!   followed: another name is tried. [`OutputFile::commit`] renames it over the
//!   destination; dropping it uncommitted removes it. The destination is never a partial file.
//! - **A symbolic link to a regular file**: the same, beside the file it points to, which is
//!   replaced (the link stays a link).
//! - **Anything else** (a character or block device such as `/dev/null`, a FIFO, a socket,
//!   `/dev/stdout` whatever fd 1 is, a link to one of them): written **in place**. Renaming over
//!   a device node would replace it with a regular file (as root, `-o /dev/null` used to do
//!   exactly that) and a pipe cannot be renamed into; such destinations cannot be all or
//!   nothing, so they are written as they come.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// How many random temporary names are tried before giving up.
const TEMP_ATTEMPTS: usize = 16;

/// An output being written; see the [module docs](self).
#[derive(Debug)]
pub struct OutputFile {
    /// The path the bytes end up at (the link's target for a link to a regular file).
    target: PathBuf,
    file: Option<File>,
    /// The temporary file, while there is one to rename (`None`: written in place).
    temp: Option<PathBuf>,
}

impl OutputFile {
    /// Starts writing `dest`: a new temporary file beside it, or `dest` itself opened for
    /// writing when it is not a regular file (see the [module docs](self)).
    ///
    /// # Errors
    /// `dest` is a directory, its folder does not exist or is not writable, or no free
    /// temporary name was found.
    pub fn create(dest: &Path) -> io::Result<Self> {
        if is_special_path(dest) {
            return Self::in_place(dest);
        }
        let target = match std::fs::symlink_metadata(dest) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => dest.to_path_buf(),
            Err(e) => return Err(e),
            Ok(meta) if meta.is_file() => dest.to_path_buf(),
            Ok(meta) if meta.is_dir() => {
                return Err(io::Error::new(
                    io::ErrorKind::IsADirectory,
                    format!("{} is a directory", dest.display()),
                ));
            }
            Ok(meta) if meta.file_type().is_symlink() => match std::fs::metadata(dest) {
                // A link to a regular file: replace the file it points to.
                Ok(target) if target.is_file() => match std::fs::canonicalize(dest) {
                    Ok(path) if !is_special_path(&path) => path,
                    _ => return Self::in_place(dest),
                },
                Ok(target) if target.is_dir() => {
                    return Err(io::Error::new(
                        io::ErrorKind::IsADirectory,
                        format!("{} is a directory", dest.display()),
                    ));
                }
                // A device, FIFO or socket behind the link, or a dangling link.
                _ => return Self::in_place(dest),
            },
            // A device, FIFO or socket.
            Ok(_) => return Self::in_place(dest),
        };
        let (file, temp) = create_temp_beside(&target)?;
        Ok(Self {
            target,
            file: Some(file),
            temp: Some(temp),
        })
    }

    /// Opens `dest` itself for writing (following a link; never truncating: a device or
    /// pipe has nothing to truncate, and `/dev/stdout` is whatever the shell opened),
    /// creating it when a link dangles.
    fn in_place(dest: &Path) -> io::Result<Self> {
        let file = OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(false)
            .open(dest)?;
        Ok(Self {
            target: dest.to_path_buf(),
            file: Some(file),
            temp: None,
        })
    }

    /// `true` when the destination is written in place (not a regular file).
    pub fn is_in_place(&self) -> bool {
        self.temp.is_none()
    }

    /// The temporary file being written, until [`commit`](Self::commit) (`None` in place).
    pub fn temp_path(&self) -> Option<&Path> {
        self.temp.as_deref()
    }

    /// Where the bytes end up.
    pub fn target(&self) -> &Path {
        &self.target
    }

    /// Flushes, fsyncs when `sync` (durability across a power loss; a regular file only),
    /// and renames the temporary file over the destination.
    ///
    /// # Errors
    /// Flushing, syncing or renaming failed; the destination is untouched (unless written
    /// in place) and the temporary file removed.
    pub fn commit(mut self, sync: bool) -> io::Result<()> {
        let Some(mut file) = self.file.take() else {
            return Err(io::Error::other("output already committed"));
        };
        file.flush()?;
        if sync && self.temp.is_some() {
            file.sync_all()?;
        }
        drop(file);
        if let Some(temp) = self.temp.take()
            && let Err(e) = std::fs::rename(&temp, &self.target)
        {
            let _ = std::fs::remove_file(&temp);
            return Err(e);
        }
        Ok(())
    }
}

impl Write for OutputFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self.file.as_mut() {
            Some(file) => file.write(buf),
            None => Err(io::Error::other("output already committed")),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self.file.as_mut() {
            Some(file) => file.flush(),
            None => Ok(()),
        }
    }
}

impl Drop for OutputFile {
    fn drop(&mut self) {
        drop(self.file.take());
        if let Some(temp) = self.temp.take() {
            let _ = std::fs::remove_file(temp);
        }
    }
}

/// Paths under `/dev` and `/proc` (`/dev/stdout`, `/proc/self/fd/1`, ...) are written in
/// place, whatever they resolve to: renaming there would replace a device or a link.
fn is_special_path(path: &Path) -> bool {
    path.starts_with("/dev") || path.starts_with("/proc")
}

/// A new temporary file beside `target`, trying fresh random names while one exists.
fn create_temp_beside(target: &Path) -> io::Result<(File, PathBuf)> {
    let mut last = None;
    for _ in 0..TEMP_ATTEMPTS {
        let temp = temp_name_for(target);
        match OpenOptions::new().write(true).create_new(true).open(&temp) {
            Ok(file) => return Ok((file, temp)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => {
                return Err(io::Error::new(
                    e.kind(),
                    format!("creating a temporary file beside {}: {e}", target.display()),
                ));
            }
        }
    }
    Err(last.unwrap_or_else(|| io::Error::other("no free temporary name")))
}

/// A candidate temporary path for `target`: hidden, beside it, with 12 random characters.
pub fn temp_name_for(target: &Path) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".into());
    let suffix: String = std::iter::repeat_with(fastrand::alphanumeric)
        .take(12)
        .collect();
    let file = format!(".{name}.{suffix}.part");
    match target.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.join(file),
        _ => PathBuf::from(file),
    }
}

#[cfg(test)]
mod tests;
