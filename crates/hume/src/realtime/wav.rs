//! [`WavFrames`]: a WAV file of any rate, channel count and sample format as realtime audio
//! frames (16 kHz mono s16le), decoded with hound and resampled with rubato.

use std::fmt;
use std::fs::File;
use std::io::{self, BufReader, Read};
use std::path::Path;
use std::time::Duration;

use hume_core::HumeError;
use hume_models::v1::limits::{AUDIO_SAMPLE_RATE, MAX_AUDIO_FRAME_MS, RECOMMENDED_AUDIO_FRAME_MS};
use rubato::audioadapter_buffers::direct::InterleavedSlice;
use rubato::{Async, FixedAsync, Indexing, Resampler, SincInterpolationParameters};

use super::Frame;

/// Milliseconds of audio per frame unless [`WavFrames::with_frame_ms`] says otherwise (the
/// API's recommendation, 100 ms).
pub const DEFAULT_FRAME_MS: u32 = RECOMMENDED_AUDIO_FRAME_MS;

/// Input frames read from the file per step.
const READ_FRAMES: usize = 4096;
/// Input frames per resampler call.
const RESAMPLER_CHUNK: usize = 1024;

/// Reads a WAV file as realtime audio frames: headerless 16 kHz mono s16le, `frame_ms`
/// milliseconds each (100 by default; the last frame holds what remains), each tagged with
/// its start in milliseconds.
///
/// Any sample rate, any channel count (averaged to mono), integer PCM of 8 to 32 bits and
/// 32-bit float are read (hound); another rate is converted with a windowed-sinc resampler
/// (rubato), its delay trimmed so the output lines up with the input and lasts as long. A
/// 16 kHz mono 16-bit file comes out bit for bit. The file is read as the frames are taken,
/// never whole.
///
/// Frames come as fast as the file is read; a session's pacing sends them at real time.
///
/// ```no_run
/// use hume::realtime::WavFrames;
///
/// let frames = WavFrames::open("speech.wav")?;
/// println!("{} Hz, {} channels", frames.source_rate(), frames.source_channels());
/// for frame in frames {
///     let frame = frame?;
///     println!("{} ms: {} bytes", frame.tag, frame.data.len());
/// }
/// # Ok::<(), hume::HumeError>(())
/// ```
pub struct WavFrames<R: Read = BufReader<File>> {
    reader: hound::WavReader<R>,
    spec: hound::WavSpec,
    resampler: Option<Resampling>,
    /// Converted audio not yet handed out.
    pcm: Vec<u8>,
    frame_bytes: usize,
    /// Samples (at 16 kHz) handed out so far.
    emitted: u64,
    source_done: bool,
    failed: bool,
    what: String,
}

impl<R: Read> fmt::Debug for WavFrames<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WavFrames")
            .field("source", &self.what)
            .field("rate", &self.spec.sample_rate)
            .field("channels", &self.spec.channels)
            .field("bits", &self.spec.bits_per_sample)
            .field(
                "emitted_ms",
                &(self.emitted * 1000 / u64::from(AUDIO_SAMPLE_RATE)),
            )
            .finish()
    }
}

impl WavFrames {
    /// Opens a WAV file and reads its header.
    ///
    /// # Errors
    /// [`HumeError::Io`] when the file cannot be read or is not a WAV file hound reads
    /// (compressed formats, RF64, 64-bit float).
    pub fn open(path: impl AsRef<Path>) -> Result<Self, HumeError> {
        let path = path.as_ref();
        let what = path.display().to_string();
        let file =
            File::open(path).map_err(|e| HumeError::io(format!("opening wav file {what}"), e))?;
        Self::with_name(BufReader::new(file), what)
    }
}

impl<R: Read> WavFrames<R> {
    /// Reads a WAV stream (a file, a pipe, bytes in memory) from its header on.
    ///
    /// # Errors
    /// As [`WavFrames::open`].
    pub fn from_reader(reader: R) -> Result<Self, HumeError> {
        Self::with_name(reader, "wav stream".to_owned())
    }

    fn with_name(reader: R, what: String) -> Result<Self, HumeError> {
        let reader = hound::WavReader::new(reader).map_err(|e| wav_error(&what, e))?;
        let spec = reader.spec();
        let supported = match spec.sample_format {
            hound::SampleFormat::Int => (1..=32).contains(&spec.bits_per_sample),
            hound::SampleFormat::Float => spec.bits_per_sample == 32,
        };
        if !supported || spec.channels == 0 || spec.sample_rate == 0 {
            return Err(wav_error(&what, hound::Error::Unsupported));
        }
        let resampler = if spec.sample_rate == AUDIO_SAMPLE_RATE {
            None
        } else {
            Some(Resampling::new(spec.sample_rate).map_err(|e| {
                HumeError::io(
                    format!("resampling {what}"),
                    io::Error::new(io::ErrorKind::InvalidInput, e.to_string()),
                )
            })?)
        };
        Ok(Self {
            reader,
            spec,
            resampler,
            pcm: Vec::new(),
            frame_bytes: frame_bytes(DEFAULT_FRAME_MS),
            emitted: 0,
            source_done: false,
            failed: false,
            what,
        })
    }

    /// Milliseconds of audio per frame, 1 to 10,000 (clamped; 100 by default).
    pub fn with_frame_ms(mut self, frame_ms: u32) -> Self {
        self.frame_bytes = frame_bytes(frame_ms.clamp(1, MAX_AUDIO_FRAME_MS));
        self
    }

    /// The file's sample rate in Hz.
    pub fn source_rate(&self) -> u32 {
        self.spec.sample_rate
    }

    /// The file's channel count.
    pub fn source_channels(&self) -> u16 {
        self.spec.channels
    }

    /// How long the file says it is (from its header).
    pub fn duration(&self) -> Duration {
        let frames = u64::from(self.reader.duration());
        Duration::from_secs_f64(frames as f64 / f64::from(self.spec.sample_rate))
    }

    /// Reads the next block of the file into `pcm`; at the end, flushes the resampler.
    fn fill(&mut self) -> Result<(), HumeError> {
        let channels = usize::from(self.spec.channels);
        let mut mono = Vec::with_capacity(READ_FRAMES);
        let mut frame = Vec::with_capacity(channels);
        let scale = match self.spec.sample_format {
            hound::SampleFormat::Float => 1.0,
            hound::SampleFormat::Int => (1u64 << (self.spec.bits_per_sample - 1)) as f32,
        };
        let push = |value: f32, frame: &mut Vec<f32>, mono: &mut Vec<f32>| {
            frame.push(value / scale);
            if frame.len() == channels {
                mono.push(frame.iter().sum::<f32>() / channels as f32);
                frame.clear();
            }
        };
        let wanted = READ_FRAMES * channels;
        match self.spec.sample_format {
            hound::SampleFormat::Float => {
                for sample in self.reader.samples::<f32>().take(wanted) {
                    let sample = sample.map_err(|e| wav_error(&self.what, e))?;
                    push(sample, &mut frame, &mut mono);
                }
            }
            hound::SampleFormat::Int => {
                for sample in self.reader.samples::<i32>().take(wanted) {
                    let sample = sample.map_err(|e| wav_error(&self.what, e))?;
                    push(sample as f32, &mut frame, &mut mono);
                }
            }
        }
        // Fewer samples than asked for: the end of the data (a partial last frame is dropped).
        let last = mono.len() < READ_FRAMES;
        let out = match &mut self.resampler {
            None => mono,
            Some(resampling) => resampling
                .push(&mono, last)
                .map_err(|e| HumeError::io(format!("resampling {}", self.what), e))?,
        };
        self.pcm.reserve(out.len() * 2);
        for sample in out {
            let value = (sample * 32768.0).round().clamp(-32768.0, 32767.0) as i16;
            self.pcm.extend_from_slice(&value.to_le_bytes());
        }
        if last {
            self.source_done = true;
        }
        Ok(())
    }
}

impl<R: Read> Iterator for WavFrames<R> {
    type Item = Result<Frame, HumeError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.failed {
            return None;
        }
        while self.pcm.len() < self.frame_bytes && !self.source_done {
            if let Err(error) = self.fill() {
                self.failed = true;
                return Some(Err(error));
            }
        }
        let take = self.pcm.len().min(self.frame_bytes);
        if take == 0 {
            return None;
        }
        let data: Vec<u8> = self.pcm.drain(..take).collect();
        let tag = self.emitted * 1000 / u64::from(AUDIO_SAMPLE_RATE);
        self.emitted += (take / 2) as u64;
        Some(Ok(Frame::new(data, tag)))
    }
}

fn frame_bytes(frame_ms: u32) -> usize {
    (frame_ms as usize) * (AUDIO_SAMPLE_RATE as usize / 1000) * 2
}

fn wav_error(what: &str, error: hound::Error) -> HumeError {
    let source = match error {
        hound::Error::IoError(e) => e,
        hound::Error::Unsupported => io::Error::new(
            io::ErrorKind::InvalidData,
            "unsupported wav format (integer PCM of 8 to 32 bits or 32-bit float only); \
             convert it first, e.g. ffmpeg -i input.wav -ac 1 -ar 16000 -sample_fmt s16 output.wav",
        ),
        other => io::Error::new(io::ErrorKind::InvalidData, other.to_string()),
    };
    HumeError::io(format!("reading wav {what}"), source)
}

/// A streaming rubato resampler to 16 kHz, mono, with its startup delay trimmed and its
/// output length matched to the input's duration.
struct Resampling {
    resampler: Async<f32>,
    ratio: f64,
    pending: Vec<f32>,
    out: Vec<f32>,
    /// Output samples still to drop (the filter's delay).
    delay: usize,
    consumed: u64,
    produced: u64,
}

impl Resampling {
    fn new(rate: u32) -> Result<Self, rubato::ResamplerConstructionError> {
        let ratio = f64::from(AUDIO_SAMPLE_RATE) / f64::from(rate);
        let resampler = Async::<f32>::new_sinc(
            ratio,
            1.0,
            &SincInterpolationParameters::default(),
            RESAMPLER_CHUNK,
            1,
            FixedAsync::Input,
        )?;
        let delay = resampler.output_delay();
        let out = vec![0.0; resampler.output_frames_max()];
        Ok(Self {
            resampler,
            ratio,
            pending: Vec::new(),
            out,
            delay,
            consumed: 0,
            produced: 0,
        })
    }

    /// Feeds `input`; with `last`, flushes and returns the rest of the stream.
    fn push(&mut self, input: &[f32], last: bool) -> io::Result<Vec<f32>> {
        self.pending.extend_from_slice(input);
        self.consumed += input.len() as u64;
        let mut result = Vec::new();
        while self.pending.len() >= self.resampler.input_frames_next() {
            let used = self.process(None, &mut result)?;
            self.pending.drain(..used);
        }
        if !last {
            return Ok(result);
        }
        // The remainder, padded with silence that is not counted as input ...
        let real = self.pending.len();
        if real > 0 {
            self.process(Some(real), &mut result)?;
            self.pending.clear();
        }
        // ... then silence until the output is as long as the input.
        while !self.done() {
            self.process(Some(0), &mut result)?;
        }
        let expected = (self.consumed as f64 * self.ratio).ceil() as u64;
        let extra = self.produced.saturating_sub(expected) as usize;
        result.truncate(result.len().saturating_sub(extra));
        self.produced = self.produced.min(expected);
        Ok(result)
    }

    /// One resampler call on the front of `pending` (`partial`: that many real frames, the
    /// rest zeros); appends the output past the delay to `result`. Returns the input used.
    fn process(&mut self, partial: Option<usize>, result: &mut Vec<f32>) -> io::Result<usize> {
        let need = self.resampler.input_frames_next();
        if self.pending.len() < need {
            self.pending.resize(need, 0.0);
        }
        let indexing = partial.map(|len| Indexing::new().partial_len(len));
        let out_frames = self.out.len();
        let input = InterleavedSlice::new(&self.pending[..], 1, need).map_err(io::Error::other)?;
        let mut output = InterleavedSlice::new_mut(&mut self.out[..], 1, out_frames)
            .map_err(io::Error::other)?;
        let (used, made) = self
            .resampler
            .process_into_buffer(&input, &mut output, indexing.as_ref())
            .map_err(io::Error::other)?;
        let skip = self.delay.min(made);
        self.delay -= skip;
        result.extend_from_slice(&self.out[skip..made]);
        self.produced += (made - skip) as u64;
        Ok(used)
    }

    /// Has the output caught up with the input's duration?
    fn done(&self) -> bool {
        self.produced as f64 >= (self.consumed as f64 * self.ratio).ceil()
    }
}

#[cfg(test)]
mod tests;
