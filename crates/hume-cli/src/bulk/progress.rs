//! [`BulkProgress`]: a bar of files done on a terminal, nothing otherwise.

use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};

/// Files done out of the files to do, with the failures so far; drawn on stderr only when it
/// is a terminal and `--quiet` is off (logs and pipes get the final summary line alone).
#[derive(Debug)]
pub struct BulkProgress {
    bar: Option<ProgressBar>,
    failed: u64,
}

impl BulkProgress {
    /// A bar of `total` files, shown when `visible`.
    pub fn new(total: u64, visible: bool) -> Self {
        let bar = visible.then(|| {
            let bar = ProgressBar::new(total);
            if let Ok(style) = ProgressStyle::with_template(
                "{bar:40.cyan/blue} {pos}/{len} files {msg} [{elapsed_precise}, eta {eta}]",
            ) {
                bar.set_style(style.progress_chars("=> "));
            }
            bar.enable_steady_tick(Duration::from_millis(200));
            bar
        });
        BulkProgress { bar, failed: 0 }
    }

    /// One more file done.
    pub fn done(&mut self, ok: bool) {
        if !ok {
            self.failed += 1;
        }
        if let Some(bar) = &self.bar {
            if !ok {
                bar.set_message(format!("({} failed)", self.failed));
            }
            bar.inc(1);
        }
    }

    /// Runs `f` with the bar hidden (to print a line without tearing it).
    pub fn suspend<T>(&self, f: impl FnOnce() -> T) -> T {
        match &self.bar {
            Some(bar) => bar.suspend(f),
            None => f(),
        }
    }

    /// Says the run is stopping (Ctrl-C).
    pub fn stopping(&self) {
        if let Some(bar) = &self.bar {
            bar.set_message("stopping: finishing the files in flight (Ctrl-C again to quit now)");
        }
    }

    /// Removes the bar.
    pub fn finish(self) {
        if let Some(bar) = self.bar {
            bar.finish_and_clear();
        }
    }
}
