//! [`FileKey`]: an uploaded file as a job echoes it (name and MD5), and [`FilesToHash`], the
//! local files of a submission to hash when (and only when) it is reconciled.

use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use md5::{Digest, Md5};

use crate::multipart::base_name;

/// An uploaded file as a job's echoed request lists it: the file name sent, and the hex MD5
/// of its bytes.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FileKey {
    /// The file name sent in the upload (the path's base name).
    pub name: String,
    /// Lower-case hex MD5 of the bytes.
    pub md5: String,
}

/// The length and modification time of a file when its request was built.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
}

impl Stamp {
    fn of(path: &Path) -> io::Result<Self> {
        let meta = std::fs::metadata(path)?;
        Ok(Self {
            len: meta.len(),
            modified: meta.modified().ok(),
        })
    }
}

/// The local files of a submission, each with its length and modification time when the
/// request was built. Hashing them costs a full read, so it happens only when a failed
/// submission is reconciled, not on every submit; a file that changed since (another length
/// or modification time, before or during hashing) cannot vouch for what was sent and fails
/// the hashing.
#[derive(Debug, Clone, Default)]
pub struct FilesToHash {
    files: Vec<(PathBuf, Option<Stamp>)>,
}

impl FilesToHash {
    /// Notes `paths` as they are now.
    pub fn stamp(paths: &[PathBuf]) -> Self {
        Self {
            files: paths
                .iter()
                .map(|p| (p.clone(), Stamp::of(p).ok()))
                .collect(),
        }
    }

    /// `true` when there is no file.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// The files' names and MD5s, in order (reads every file; a driver runs it off its async
    /// threads).
    ///
    /// # Errors
    /// A file cannot be read, or changed since it was stamped.
    pub fn hash(&self) -> io::Result<Vec<FileKey>> {
        self.files
            .iter()
            .map(|(path, stamp)| {
                let changed = || {
                    io::Error::other(format!(
                        "{} changed since it was uploaded: its md5 cannot vouch for the upload",
                        path.display()
                    ))
                };
                let check = || -> io::Result<()> {
                    match stamp {
                        Some(stamp) if Stamp::of(path)? == *stamp => Ok(()),
                        _ => Err(changed()),
                    }
                };
                check()?;
                let md5 = md5_hex(path)?;
                check()?;
                Ok(FileKey {
                    name: base_name(path),
                    md5,
                })
            })
            .collect()
    }
}

/// Lower-case hex MD5 of the file at `path`, read in 256 KiB pieces.
fn md5_hex(path: &Path) -> io::Result<String> {
    let mut file = File::open(path)?;
    let mut hasher = Md5::new();
    let mut buf = vec![0u8; 256 * 1024];
    loop {
        match file.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => hasher.update(&buf[..n]),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect())
}

/// The keys of `paths` now (tests and callers that hash at once).
///
/// # Errors
/// A file cannot be read.
pub fn file_keys(paths: &[PathBuf]) -> io::Result<Vec<FileKey>> {
    FilesToHash::stamp(paths).hash()
}

#[cfg(test)]
mod tests;
