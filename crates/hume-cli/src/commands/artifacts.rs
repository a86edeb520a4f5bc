//! `hume artifacts JOB -o FILE [--extract DIR]`: download the artifacts zip (streamed to a
//! temporary file, renamed when complete) and optionally extract it safely ([`extract`]).

use std::fs::File;
use std::io;
use std::path::{Component, Path, PathBuf};

use anyhow::Context as _;

use crate::args::ArtifactsArgs;
use crate::commands::Context;
use crate::exit::Failure;

/// Runs the command.
///
/// # Errors
/// Client errors (unknown job, job not completed, auth), writing the file, an unsafe or
/// corrupt zip when extracting.
pub fn run(ctx: &Context<'_>, args: ArtifactsArgs) -> anyhow::Result<()> {
    let session = ctx.session()?;
    let mut progress = ctx.out.progress();
    progress.update(&format!("downloading artifacts of job {}", args.job));
    let result = session
        .client()
        .download_job_artifacts(&args.job, &args.output);
    progress.finish();
    let bytes = result?;
    let extracted = match &args.extract {
        Some(dir) => Some(extract(&args.output, dir)?),
        None => None,
    };
    if ctx.out.json() {
        ctx.out.print_json(&serde_json::json!({
            "job_id": args.job,
            "artifacts": args.output.display().to_string(),
            "bytes": bytes,
            "extracted": extracted.as_ref().map(|files| files.iter().map(|f| f.display().to_string()).collect::<Vec<_>>()),
        }))?;
    } else {
        ctx.out.print(&format!(
            "saved artifacts of job {} to {} ({bytes} bytes)",
            args.job,
            args.output.display()
        ))?;
        if let (Some(dir), Some(files)) = (&args.extract, &extracted) {
            ctx.out.print(&format!(
                "extracted {} files into {}",
                files.len(),
                dir.display()
            ))?;
        }
    }
    Ok(())
}

/// Extracts `zip` into `dir` (created if needed) and returns the files written, relative to
/// `dir`.
///
/// Every entry name is checked before anything is written: an absolute name, a drive prefix,
/// a `..` component, a NUL byte or a symbolic link refuses the whole archive (exit 7), so a
/// crafted zip can never write outside `dir`. Names are then resolved with zip's
/// `enclosed_name()`.
///
/// # Errors
/// An unsafe entry, a corrupt zip, or an I/O failure.
pub fn extract(zip: &Path, dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let file = File::open(zip).with_context(|| format!("cannot open {}", zip.display()))?;
    let mut archive = zip::ZipArchive::new(file)
        .with_context(|| format!("{} is not a valid zip archive", zip.display()))?;
    let mut entries = Vec::with_capacity(archive.len());
    for i in 0..archive.len() {
        let entry = archive
            .by_index(i)
            .with_context(|| format!("cannot read entry {i} of {}", zip.display()))?;
        let name = entry.name().to_owned();
        if let Some(reason) = unsafe_name(&name) {
            return Err(Failure::invalid(format!(
                "refusing to extract {}: entry `{name}` {reason}",
                zip.display()
            )));
        }
        if entry.is_symlink() {
            return Err(Failure::invalid(format!(
                "refusing to extract {}: entry `{name}` is a symbolic link",
                zip.display()
            )));
        }
        let Some(relative) = entry.enclosed_name() else {
            return Err(Failure::invalid(format!(
                "refusing to extract {}: entry `{name}` escapes the target folder",
                zip.display()
            )));
        };
        entries.push((i, relative, entry.is_dir()));
    }
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let mut written = Vec::new();
    for (i, relative, is_dir) in entries {
        let target = dir.join(&relative);
        if is_dir {
            std::fs::create_dir_all(&target)
                .with_context(|| format!("cannot create {}", target.display()))?;
            continue;
        }
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot create {}", parent.display()))?;
        }
        let mut entry = archive.by_index(i)?;
        let mut out =
            File::create(&target).with_context(|| format!("cannot create {}", target.display()))?;
        io::copy(&mut entry, &mut out)
            .with_context(|| format!("cannot extract {}", relative.display()))?;
        written.push(relative);
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
