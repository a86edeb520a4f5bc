//! The file uploaded by the submit benchmark: `len` deterministic pseudo-random bytes, really
//! written (not sparse), so the upload reads from the page cache like any local media file.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;

/// Block written at a time.
const BLOCK: usize = 1 << 20;

/// Writes exactly `len` deterministic bytes to `path`.
///
/// # Errors
/// Any I/O error creating or writing the file.
pub fn write_upload_file(path: &Path, len: u64) -> io::Result<()> {
    let mut block = vec![0u8; BLOCK];
    let mut state = 0x0123_4567_89AB_CDEFu64;
    for chunk in block.chunks_exact_mut(8) {
        // xorshift64: cheap, and no two 8-byte words of a block repeat.
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        chunk.copy_from_slice(&state.to_le_bytes());
    }
    let mut out = BufWriter::with_capacity(BLOCK, File::create(path)?);
    let mut remaining = len;
    let mut index = 0u64;
    while remaining > 0 {
        // Stamp the block number so blocks differ from each other too.
        block[..8].copy_from_slice(&index.to_le_bytes());
        let take = usize::try_from(remaining.min(BLOCK as u64)).unwrap_or(BLOCK);
        out.write_all(&block[..take])?;
        remaining -= take as u64;
        index += 1;
    }
    out.flush()?;
    out.into_inner()
        .map_err(io::IntoInnerError::into_error)?
        .sync_all()
}

#[cfg(test)]
mod tests;
