//! [`extract`]: a zip (the artifacts) unpacked into a folder, safely.
//!
//! A crafted archive cannot write outside the folder, fill the disk or leave half an
//! extraction behind:
//! - every entry name is checked before anything is written: an absolute name, a drive
//!   prefix, a `..` component, a NUL byte or a symbolic link refuses the whole archive, and
//!   two entries that would land on the same path (the same name twice, or a file where
//!   another entry needs a folder) are refused too;
//! - [`ExtractLimits`] bound the entry count, the total size and the compression ratio, first
//!   by what the archive declares, then by the bytes actually inflated (an entry that
//!   inflates past its declared size is an error);
//! - entries are written into a fresh, randomly named temporary folder inside the target
//!   (files created with `create_new`), and only when all of them are complete are its
//!   top-level entries renamed into the target. A name already present in the target (a
//!   file, a folder or a symbolic link) refuses the extraction before any rename: nothing in
//!   the target is followed or overwritten. On any error the temporary folder is removed.

use std::collections::HashSet;
use std::fs::File;
use std::io::{self, Read as _};
use std::path::{Component, Path, PathBuf};

use anyhow::Context as _;

use crate::exit::Failure;

/// Bounds on what an extraction may write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExtractLimits {
    /// Most bytes written in all (default 16 GiB, the client's download cap).
    pub max_total_bytes: u64,
    /// Most entries (default 100 000).
    pub max_entries: usize,
    /// Highest ratio of an entry's size to its compressed size, and of the total to the
    /// archive's size (default 100). Entries under [`RATIO_FLOOR`] bytes are not checked
    /// alone: small files compress well.
    pub max_ratio: u64,
}

/// Size under which an entry's compression ratio is not checked on its own.
pub const RATIO_FLOOR: u64 = 1 << 20;

impl Default for ExtractLimits {
    fn default() -> Self {
        ExtractLimits {
            max_total_bytes: 16 << 30,
            max_entries: 100_000,
            max_ratio: 100,
        }
    }
}

/// Extracts `zip` into `dir` (created if needed; see the [module docs](self)) and returns the
/// files written, relative to `dir`.
///
/// # Errors
/// An unsafe, duplicate or oversized entry, a name already in `dir` (exit 7), a corrupt zip,
/// or an I/O failure. `dir` is left as it was (a folder this call created is removed).
pub fn extract(zip: &Path, dir: &Path, limits: &ExtractLimits) -> anyhow::Result<Vec<PathBuf>> {
    let file = File::open(zip).with_context(|| format!("cannot open {}", zip.display()))?;
    let archive_len = file.metadata().map(|m| m.len()).unwrap_or(0);
    let mut archive = zip::ZipArchive::new(file)
        .with_context(|| format!("{} is not a valid zip archive", zip.display()))?;
    let refuse =
        |why: String| Failure::invalid(format!("refusing to extract {}: {why}", zip.display()));
    if archive.len() > limits.max_entries {
        return Err(refuse(format!(
            "{} entries, more than {}",
            archive.len(),
            limits.max_entries
        )));
    }
    // The zip reader keeps one entry per name: a name given twice would silently replace
    // the first. The central directory's own count tells.
    if let Some(declared) = declared_entries(zip)?
        && declared > archive.len()
    {
        return Err(refuse(format!(
            "{} of its {declared} entries repeat another entry's name",
            declared - archive.len()
        )));
    }
    let plan = plan(&mut archive, zip, limits, archive_len, &refuse)?;
    let created = !dir.exists();
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let result = write_and_move(&mut archive, zip, dir, &plan, limits, &refuse);
    if result.is_err() && created {
        let _ = std::fs::remove_dir(dir);
    }
    result
}

/// The entry count the end of central directory record declares (`None` for a zip64
/// archive, whose count lives elsewhere, or when the record is not found).
fn declared_entries(zip: &Path) -> anyhow::Result<Option<usize>> {
    use std::io::{Seek as _, SeekFrom};
    const EOCD: [u8; 4] = [0x50, 0x4b, 0x05, 0x06];
    let mut file = File::open(zip).with_context(|| format!("cannot open {}", zip.display()))?;
    let len = file.seek(SeekFrom::End(0))?;
    // The record is 22 bytes plus a comment of at most 65535.
    let tail = len.min(22 + 65_535);
    file.seek(SeekFrom::Start(len - tail))?;
    let mut buf = Vec::with_capacity(usize::try_from(tail).unwrap_or(0));
    file.take(tail).read_to_end(&mut buf)?;
    let Some(at) = buf
        .windows(4)
        .rposition(|w| w == EOCD)
        .filter(|at| at + 22 <= buf.len())
    else {
        return Ok(None);
    };
    let total = u16::from_le_bytes([buf[at + 10], buf[at + 11]]);
    Ok((total != u16::MAX).then_some(usize::from(total)))
}

/// An entry to write.
struct Planned {
    index: usize,
    relative: PathBuf,
    is_dir: bool,
    size: u64,
}

/// Checks every entry's name, kind and declared size before anything is written.
fn plan(
    archive: &mut zip::ZipArchive<File>,
    zip: &Path,
    limits: &ExtractLimits,
    archive_len: u64,
    refuse: &dyn Fn(String) -> anyhow::Error,
) -> anyhow::Result<Vec<Planned>> {
    let mut entries = Vec::with_capacity(archive.len());
    let mut files: HashSet<PathBuf> = HashSet::new();
    let mut dirs: HashSet<PathBuf> = HashSet::new();
    let mut total: u64 = 0;
    for index in 0..archive.len() {
        let entry = archive
            .by_index_raw(index)
            .with_context(|| format!("cannot read entry {index} of {}", zip.display()))?;
        let name = entry.name().to_owned();
        if let Some(reason) = unsafe_name(&name) {
            return Err(refuse(format!("entry `{name}` {reason}")));
        }
        if entry.is_symlink() {
            return Err(refuse(format!("entry `{name}` is a symbolic link")));
        }
        let Some(relative) = entry.enclosed_name() else {
            return Err(refuse(format!("entry `{name}` escapes the target folder")));
        };
        if relative.as_os_str().is_empty() {
            continue;
        }
        let is_dir = entry.is_dir();
        let size = entry.size();
        let compressed = entry.compressed_size();
        if !is_dir && size > RATIO_FLOOR && size / compressed.max(1) > limits.max_ratio {
            return Err(refuse(format!(
                "entry `{name}` inflates {size} bytes from {compressed} (more than {}x)",
                limits.max_ratio
            )));
        }
        total = total.saturating_add(size);
        if total > limits.max_total_bytes {
            return Err(refuse(format!(
                "its entries hold more than {} bytes",
                limits.max_total_bytes
            )));
        }
        // The same path twice, or a file where a folder is needed (or the reverse).
        let mut clash = if is_dir {
            files.contains(&relative)
        } else {
            dirs.contains(&relative) || !files.insert(relative.clone())
        };
        for ancestor in relative.ancestors() {
            if ancestor == relative.as_path() && !is_dir {
                continue;
            }
            clash |= files.contains(ancestor);
            dirs.insert(ancestor.to_path_buf());
        }
        if clash {
            return Err(refuse(format!(
                "entry `{name}` is a second entry for the same path"
            )));
        }
        entries.push(Planned {
            index,
            relative,
            is_dir,
            size,
        });
    }
    if total > RATIO_FLOOR && total / archive_len.max(1) > limits.max_ratio {
        return Err(refuse(format!(
            "it inflates {total} bytes from {archive_len} (more than {}x)",
            limits.max_ratio
        )));
    }
    Ok(entries)
}

/// Writes the planned entries into a temporary folder inside `dir`, then renames its
/// top-level entries into `dir`.
fn write_and_move(
    archive: &mut zip::ZipArchive<File>,
    zip: &Path,
    dir: &Path,
    plan: &[Planned],
    limits: &ExtractLimits,
    refuse: &dyn Fn(String) -> anyhow::Error,
) -> anyhow::Result<Vec<PathBuf>> {
    let temp = tempfile::Builder::new()
        .prefix(".hume-extract-")
        .tempdir_in(dir)
        .with_context(|| format!("cannot create a temporary folder in {}", dir.display()))?;
    let mut written = Vec::new();
    let mut total: u64 = 0;
    for planned in plan {
        let target = temp.path().join(&planned.relative);
        if planned.is_dir {
            std::fs::create_dir_all(&target)
                .with_context(|| format!("cannot create {}", target.display()))?;
            continue;
        }
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot create {}", parent.display()))?;
        }
        let entry = archive
            .by_index(planned.index)
            .with_context(|| format!("cannot read entry {} of {}", planned.index, zip.display()))?;
        let mut out = File::options()
            .write(true)
            .create_new(true)
            .open(&target)
            .with_context(|| format!("cannot create {}", target.display()))?;
        // Never more than declared: a lying header cannot inflate past it.
        let copied = io::copy(&mut entry.take(planned.size.saturating_add(1)), &mut out)
            .with_context(|| format!("cannot extract {}", planned.relative.display()))?;
        if copied > planned.size {
            return Err(refuse(format!(
                "entry `{}` inflates past its declared {} bytes",
                planned.relative.display(),
                planned.size
            )));
        }
        total = total.saturating_add(copied);
        if total > limits.max_total_bytes {
            return Err(refuse(format!(
                "its entries hold more than {} bytes",
                limits.max_total_bytes
            )));
        }
        written.push(planned.relative.clone());
    }
    // Every top-level name must be new in `dir`: nothing there is replaced or followed.
    let mut tops = Vec::new();
    for item in std::fs::read_dir(temp.path())
        .with_context(|| format!("cannot read {}", temp.path().display()))?
    {
        let name = item?.file_name();
        if dir.join(&name).symlink_metadata().is_ok() {
            return Err(refuse(format!(
                "{} already exists",
                dir.join(&name).display()
            )));
        }
        tops.push(name);
    }
    for name in tops {
        std::fs::rename(temp.path().join(&name), dir.join(&name))
            .with_context(|| format!("cannot move {} into place", dir.join(&name).display()))?;
    }
    Ok(written)
}

/// Why an entry name is unsafe, if it is. Both `/` and `\` count as separators, whatever the
/// platform, so a name crafted for another OS is caught too.
fn unsafe_name(name: &str) -> Option<&'static str> {
    if name.contains('\0') {
        return Some("contains a NUL byte");
    }
    if name.starts_with(['/', '\\']) {
        return Some("is an absolute path");
    }
    let bytes = name.as_bytes();
    if bytes.len() >= 2 && bytes[1] == b':' && bytes[0].is_ascii_alphabetic() {
        return Some("has a drive prefix");
    }
    if name.split(['/', '\\']).any(|part| part == "..") {
        return Some("contains a `..` component");
    }
    if Path::new(name)
        .components()
        .any(|c| matches!(c, Component::Prefix(_) | Component::RootDir))
    {
        return Some("is an absolute path");
    }
    None
}

#[cfg(test)]
mod tests;
