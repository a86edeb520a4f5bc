//! A `Write + Seek` sink that lets the `zip` crate write an archive while it is being sent.
//!
//! `zip::ZipWriter` writes each local file header with a zero CRC and sizes, and seeks back to
//! patch them once the entry's data is written. That forces the whole entry to stay in memory
//! until it is finished — fine for small CSVs, impossible for a 1 GiB padding entry. This sink
//! holds bytes while the caller asks it to ([`SinkControl::set_hold`]) and emits them
//! otherwise; for a streamed entry the caller registers the header's final CRC and sizes in
//! advance ([`SinkControl::patch_next_header`]), the sink writes them into the header as it
//! passes by, and the zip crate's later seek-back patch is checked to write the same bytes.

use std::cell::RefCell;
use std::io::{self, Seek, SeekFrom, Write};
use std::rc::Rc;

/// Offset of the CRC-32 inside a local file header.
const CRC_OFFSET: u64 = 14;
/// Emit held bytes once this many are buffered (when not holding).
const EMIT_CHUNK: usize = 256 * 1024;

struct Inner<F> {
    emit: F,
    sent: u64,
    held: Vec<u8>,
    pos: u64,
    hold: bool,
    patches: Vec<(u64, [u8; 12])>,
}

/// The writer handed to `zip::ZipWriter`.
pub(crate) struct StreamingSink<F> {
    inner: Rc<RefCell<Inner<F>>>,
}

/// The caller's handle on a [`StreamingSink`].
pub(crate) struct SinkControl<F> {
    inner: Rc<RefCell<Inner<F>>>,
}

/// Creates a sink emitting its bytes through `emit`, holding everything at first.
pub(crate) fn streaming_sink<F>(emit: F) -> (StreamingSink<F>, SinkControl<F>)
where
    F: FnMut(Vec<u8>) -> io::Result<()>,
{
    let inner = Rc::new(RefCell::new(Inner {
        emit,
        sent: 0,
        held: Vec::new(),
        pos: 0,
        hold: true,
        patches: Vec::new(),
    }));
    (
        StreamingSink {
            inner: Rc::clone(&inner),
        },
        SinkControl { inner },
    )
}

impl<F: FnMut(Vec<u8>) -> io::Result<()>> SinkControl<F> {
    /// While holding, nothing is emitted (the zip crate may still patch those bytes).
    pub(crate) fn set_hold(&self, hold: bool) {
        self.inner.borrow_mut().hold = hold;
    }

    /// The next local header starts at the current end of the stream; its CRC and sizes will be
    /// `crc32` and `size`.
    pub(crate) fn patch_next_header(&self, crc32: u32, size: u32) {
        let mut inner = self.inner.borrow_mut();
        let at = inner.sent + inner.held.len() as u64 + CRC_OFFSET;
        let mut bytes = [0u8; 12];
        bytes[0..4].copy_from_slice(&crc32.to_le_bytes());
        bytes[4..8].copy_from_slice(&size.to_le_bytes());
        bytes[8..12].copy_from_slice(&size.to_le_bytes());
        inner.patches.push((at, bytes));
    }

    /// Emits everything still held.
    pub(crate) fn finish(&self) -> io::Result<()> {
        let mut inner = self.inner.borrow_mut();
        inner.emit_held()
    }
}

impl<F: FnMut(Vec<u8>) -> io::Result<()>> Inner<F> {
    fn emit_held(&mut self) -> io::Result<()> {
        if self.held.is_empty() {
            return Ok(());
        }
        let chunk = std::mem::take(&mut self.held);
        self.sent += chunk.len() as u64;
        (self.emit)(chunk)
    }

    fn patch_byte(&self, offset: u64) -> Option<u8> {
        self.patches.iter().find_map(|(at, bytes)| {
            (offset >= *at && offset < at + 12).then(|| bytes[(offset - at) as usize])
        })
    }

    fn write_at_pos(&mut self, buf: &[u8]) -> io::Result<()> {
        for (i, byte) in buf.iter().enumerate() {
            let offset = self.pos + i as u64;
            let value = self.patch_byte(offset).unwrap_or(*byte);
            if offset < self.sent {
                if value != *byte {
                    return Err(io::Error::other(format!(
                        "zip stream: cannot rewrite byte {offset}, it was already sent"
                    )));
                }
                continue;
            }
            let index = (offset - self.sent) as usize;
            match index.cmp(&self.held.len()) {
                std::cmp::Ordering::Less => self.held[index] = value,
                std::cmp::Ordering::Equal => self.held.push(value),
                std::cmp::Ordering::Greater => {
                    return Err(io::Error::other("zip stream: write past the end"));
                }
            }
        }
        Ok(())
    }
}

impl<F: FnMut(Vec<u8>) -> io::Result<()>> Write for StreamingSink<F> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut inner = self.inner.borrow_mut();
        let end = inner.sent + inner.held.len() as u64;
        let appending = inner.pos == end;
        let touches_patch = inner
            .patches
            .iter()
            .any(|(at, _)| inner.pos < at + 12 && inner.pos + buf.len() as u64 > *at);
        if appending && !touches_patch {
            inner.held.extend_from_slice(buf);
        } else {
            inner.write_at_pos(buf)?;
        }
        inner.pos += buf.len() as u64;
        if !inner.hold && inner.held.len() >= EMIT_CHUNK {
            inner.emit_held()?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl<F> Seek for StreamingSink<F> {
    fn seek(&mut self, to: SeekFrom) -> io::Result<u64> {
        let mut inner = self.inner.borrow_mut();
        let end = inner.sent + inner.held.len() as u64;
        let target = match to {
            SeekFrom::Start(n) => Some(n),
            SeekFrom::End(d) => end.checked_add_signed(d),
            SeekFrom::Current(d) => inner.pos.checked_add_signed(d),
        };
        match target {
            Some(t) if t <= end => {
                inner.pos = t;
                Ok(t)
            }
            _ => Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "zip stream: seek out of range",
            )),
        }
    }
}

/// CRC-32 (IEEE, as used by zip), table driven.
#[derive(Debug, Clone)]
pub(crate) struct Crc32 {
    value: u32,
}

const CRC_TABLE: [u32; 256] = {
    let mut table = [0u32; 256];
    let mut n = 0;
    while n < 256 {
        let mut c = n as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
            k += 1;
        }
        table[n] = c;
        n += 1;
    }
    table
};

impl Crc32 {
    /// A fresh hasher.
    pub(crate) fn new() -> Self {
        Crc32 { value: 0xFFFF_FFFF }
    }

    /// Feeds bytes.
    pub(crate) fn update(&mut self, bytes: &[u8]) {
        let mut c = self.value;
        for b in bytes {
            c = CRC_TABLE[((c ^ u32::from(*b)) & 0xFF) as usize] ^ (c >> 8);
        }
        self.value = c;
    }

    /// The checksum so far.
    pub(crate) fn finish(&self) -> u32 {
        self.value ^ 0xFFFF_FFFF
    }
}

#[cfg(test)]
mod tests;
