//! The fast path of [`AudioFileResponse::from_response`]: one pass over the body, specialised
//! to the audio response shape.
//!
//! A long recording's response is mostly score objects (`{"name": ..., "probability": ...}`,
//! hundreds of thousands of them). Through serde each pays for the generic map, key and
//! number machinery, a per-thread name lookup and a growing `Vec`. This reader takes the
//! measurements straight from the bytes, looks names up in a table local to the parse (so a
//! repeated name costs a short comparison and a reference-count increment), and builds each
//! score list with one exact allocation. Cold values (`request_id`, `run_id`, `received`,
//! `utterances`, unknown fields) go to serde on their raw text.
//!
//! The contract: when [`parse`] returns `Some`, the value is exactly what the serde path
//! returns for the same text. Whatever it does not reproduce exactly (an escaped key, a
//! duplicate field, a number in an unusual form, malformed JSON) makes it return `None`, and
//! the caller parses with serde, which also produces the error with its path.

use super::{
    AudioFileReceived, AudioFileResponse, AudioMeasurement, MeasurementTrigger, RequestId, RunId,
    Score, ScoreName, Utterance,
};
use crate::json_cursor::{Cursor, once};

/// Parses a whole audio response body, or `None` when the serde path must decide.
pub(crate) fn parse(body: &[u8]) -> Option<AudioFileResponse> {
    let mut p = AudioParser {
        c: Cursor::new(body),
        names: NameTable::new(),
        scratch: Vec::new(),
    };
    let response = p.response()?;
    p.c.at_end().then_some(response)
}

struct AudioParser<'a> {
    c: Cursor<'a>,
    names: NameTable,
    /// Reused for every score list, so each list is allocated once at its exact length.
    scratch: Vec<Score>,
}

impl AudioParser<'_> {
    fn response(&mut self) -> Option<AudioFileResponse> {
        let mut request_id = None;
        let mut run_id = None;
        let mut received = None;
        let mut utterances = None;
        let mut measurements = None;
        let mut seen = 0;
        // The closure cannot borrow `self` whole while `self.c` drives it, so the hot list is
        // parsed through the split borrows.
        let AudioParser { c, names, scratch } = self;
        c.object(|c, key| {
            match key {
                b"request_id" => {
                    once(&mut seen, 1)?;
                    request_id = Some(RequestId::new(c.string()?));
                }
                b"run_id" => {
                    once(&mut seen, 2)?;
                    run_id = Some(RunId::new(c.string()?));
                }
                b"received" => {
                    once(&mut seen, 4)?;
                    received = Some(c.serde::<AudioFileReceived>()?);
                }
                b"utterances" => {
                    once(&mut seen, 8)?;
                    utterances = Some(c.serde::<Vec<Utterance>>()?);
                }
                b"measurements" => {
                    once(&mut seen, 16)?;
                    let mut out = Vec::new();
                    c.array(|c| {
                        out.push(measurement(c, names, scratch)?);
                        Some(())
                    })?;
                    measurements = Some(out);
                }
                _ => c.skip()?,
            }
            Some(())
        })?;
        Some(AudioFileResponse {
            request_id: request_id?,
            run_id: run_id?,
            received: received?,
            utterances: utterances?,
            measurements: measurements?,
        })
    }
}

fn measurement(
    c: &mut Cursor<'_>,
    names: &mut NameTable,
    scratch: &mut Vec<Score>,
) -> Option<AudioMeasurement> {
    let mut measurement_id = None;
    let mut utterance_id = None;
    let mut audio_start_ms = None;
    let mut audio_end_ms = None;
    let mut trigger = None;
    let mut expressions = None;
    let mut voice_attributes = None;
    let mut seen = 0;
    c.object(|c, key| {
        match key {
            b"measurement_id" => {
                once(&mut seen, 1)?;
                measurement_id = Some(c.u64()?);
            }
            b"utterance_id" => {
                once(&mut seen, 2)?;
                utterance_id = Some(c.u64()?);
            }
            b"audio_start_ms" => {
                once(&mut seen, 4)?;
                audio_start_ms = Some(c.u64()?);
            }
            b"audio_end_ms" => {
                once(&mut seen, 8)?;
                audio_end_ms = Some(c.u64()?);
            }
            b"trigger" => {
                once(&mut seen, 16)?;
                trigger = Some(trigger_value(c)?);
            }
            b"expressions" => {
                once(&mut seen, 32)?;
                expressions = Some(scores(c, names, scratch)?);
            }
            b"voice_attributes" => {
                once(&mut seen, 64)?;
                voice_attributes = Some(scores(c, names, scratch)?);
            }
            _ => c.skip()?,
        }
        Some(())
    })?;
    Some(AudioMeasurement {
        measurement_id: measurement_id?,
        utterance_id: utterance_id?,
        audio_start_ms: audio_start_ms?,
        audio_end_ms: audio_end_ms?,
        trigger: trigger?,
        expressions: expressions?,
        voice_attributes: voice_attributes?,
    })
}

fn trigger_value(c: &mut Cursor<'_>) -> Option<MeasurementTrigger> {
    let (raw, escaped) = c.raw_str()?;
    Some(match (raw, escaped) {
        (b"interval", false) => MeasurementTrigger::Interval,
        (b"speech_ended", false) => MeasurementTrigger::SpeechEnded,
        _ => MeasurementTrigger::from_wire(&c.decode(raw, escaped)?),
    })
}

fn scores(
    c: &mut Cursor<'_>,
    names: &mut NameTable,
    scratch: &mut Vec<Score>,
) -> Option<Vec<Score>> {
    scratch.clear();
    c.array(|c| {
        scratch.push(score(c, names)?);
        Some(())
    })?;
    // One allocation of the exact length; the scratch keeps its capacity for the next list.
    let mut out = Vec::with_capacity(scratch.len());
    out.append(scratch);
    Some(out)
}

/// A score object. The compact layout every server writes, `{"name":"...","probability":N}`,
/// is matched directly; any other (whitespace, other key order, extra keys) is read as a
/// general object.
#[inline]
fn score(c: &mut Cursor<'_>, names: &mut NameTable) -> Option<Score> {
    let start = c.pos();
    if c.literal(b"{\"name\":")
        && let Some((raw, false)) = c.raw_str()
        && c.literal(b",\"probability\":")
        && let Some(probability) = c.f64()
        && c.literal(b"}")
    {
        return Some(Score {
            name: names.get(raw)?,
            probability,
        });
    }
    c.rewind(start);
    score_object(c, names)
}

fn score_object(c: &mut Cursor<'_>, names: &mut NameTable) -> Option<Score> {
    let mut name = None;
    let mut probability = None;
    let mut seen = 0;
    c.object(|c, key| {
        match key {
            b"name" => {
                once(&mut seen, 1)?;
                let (raw, escaped) = c.raw_str()?;
                name = Some(if escaped {
                    ScoreName::new(&c.decode(raw, escaped)?)
                } else {
                    names.get(raw)?
                });
            }
            b"probability" => {
                once(&mut seen, 2)?;
                probability = Some(c.f64()?);
            }
            _ => c.skip()?,
        }
        Some(())
    })?;
    Some(Score {
        name: name?,
        probability: probability?,
    })
}

/// Slots of the per-parse name table (a power of two, well above the ~415 audio names).
const NAME_SLOTS: usize = 2048;

/// A remembered name with its length and first and last eight bytes, which identify a name of
/// up to 16 bytes exactly without a byte comparison.
#[derive(Clone)]
struct Slot {
    len: usize,
    head: u64,
    tail: u64,
    name: ScoreName,
}

/// Names seen in this parse, found by their raw bytes: open addressing, linear probing. When
/// three quarters full, further new names are simply not remembered.
struct NameTable {
    slots: Vec<Option<Slot>>,
    len: usize,
}

impl NameTable {
    fn new() -> Self {
        NameTable {
            slots: vec![None; NAME_SLOTS],
            len: 0,
        }
    }

    /// The name for these (unescaped) bytes; `None` if they are not UTF-8.
    #[inline]
    fn get(&mut self, raw: &[u8]) -> Option<ScoreName> {
        let len = raw.len();
        let head = load(&raw[..len.min(8)]);
        let tail = load(&raw[len.saturating_sub(8)..]);
        let mask = NAME_SLOTS - 1;
        let mut i = hash(len, head, tail) & mask;
        loop {
            match &self.slots[i] {
                Some(slot)
                    if slot.len == len
                        && slot.head == head
                        && slot.tail == tail
                        && (len <= 16 || slot.name.as_bytes() == raw) =>
                {
                    return Some(slot.name.clone());
                }
                Some(_) => i = (i + 1) & mask,
                None => break,
            }
        }
        let name = ScoreName::new(std::str::from_utf8(raw).ok()?);
        if self.len < NAME_SLOTS / 4 * 3 {
            self.slots[i] = Some(Slot {
                len,
                head,
                tail,
                name: name.clone(),
            });
            self.len += 1;
        }
        Some(name)
    }
}

/// A cheap hash of a name from its length and first and last eight bytes. Collisions only
/// cost a probe.
#[inline]
fn hash(len: usize, head: u64, tail: u64) -> usize {
    let x = head ^ tail.rotate_left(29) ^ (len as u64);
    (x.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 40) as usize
}

/// Up to eight bytes as a little-endian integer, zero-padded.
#[inline]
fn load(bytes: &[u8]) -> u64 {
    let mut buf = [0u8; 8];
    buf[..bytes.len()].copy_from_slice(bytes);
    u64::from_le_bytes(buf)
}

#[cfg(test)]
mod tests;
