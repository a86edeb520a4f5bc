//! Renders an emotion timeline to SVG on stdout.
//!
//! `cargo run -p hume-analysis --example timeline -- PREDICTIONS.json FILE MODEL [SMOOTH_SECONDS] > timeline.svg`

use hume_analysis::plot::{PlotOptions, render_svg};
use hume_models::{ModelType, Predictions};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [path, file, model, rest @ ..] = args.as_slice() else {
        return Err("usage: timeline PREDICTIONS.json FILE MODEL [SMOOTH_SECONDS]".into());
    };
    let predictions = Predictions::from_reader(std::fs::File::open(path)?)?;
    let mut options = PlotOptions::new(file.as_str(), model.parse::<ModelType>()?);
    if let Some(seconds) = rest.first() {
        options = options.with_smoothing(seconds.parse()?);
    }
    print!("{}", render_svg(&predictions, &options)?);
    Ok(())
}
