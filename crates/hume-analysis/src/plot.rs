//! [`render_svg`]: an SVG timeline of chosen emotions for one file and model.
//!
//! Drawn with plotters' SVG backend without its `ttf`/`ab_glyph` features: plotters then
//! estimates text extents itself and the backend writes `<text>` elements that the viewer
//! lays out with its own fonts, so no system font is read at render time.
//!
//! Layout: a title, then one panel per face/speaker group (stacked, sharing the time range),
//! each with labelled axes ("time (s)", "score"), one line per emotion (the same colour for an
//! emotion in every panel) and, in the first panel, a legend. A span is plotted at its
//! midpoint, a face frame at its time. Untimed segments (language on raw text) are plotted
//! against their index in text order, and the x axis says so.

use plotters::prelude::*;

use hume_models::{ModelType, Predictions};

use crate::error::AnalysisError;
use crate::mean::mean_scores;
use crate::names::check_emotions;
use crate::rolling::rolling_mean;
use crate::segment::Segment;
use crate::selection::{by_group, select};

/// Ten distinct, colour-blind friendly line colours (Tableau 10).
const PALETTE: [RGBColor; 10] = [
    RGBColor(31, 119, 180),
    RGBColor(255, 127, 14),
    RGBColor(44, 160, 44),
    RGBColor(214, 39, 40),
    RGBColor(148, 103, 189),
    RGBColor(140, 86, 75),
    RGBColor(227, 119, 194),
    RGBColor(127, 127, 127),
    RGBColor(188, 189, 34),
    RGBColor(23, 190, 207),
];

/// The x axis label of timed plots.
pub const TIME_LABEL: &str = "time (s)";
/// The y axis label.
pub const SCORE_LABEL: &str = "score";

/// What to plot (builder-lite).
#[derive(Debug, Clone, PartialEq)]
pub struct PlotOptions {
    /// The file path.
    pub file: String,
    /// The model.
    pub model: ModelType,
    /// The emotions to draw; empty means the `top` highest by mean over the file.
    pub emotions: Vec<String>,
    /// How many emotions to pick when `emotions` is empty (default 5, at most 10).
    pub top: usize,
    /// Smooth each line with a centred rolling mean of this many seconds.
    pub smoothing: Option<f64>,
    /// Width in pixels (default 1000).
    pub width: u32,
    /// Height of one group's panel in pixels (default 420).
    pub panel_height: u32,
}

impl PlotOptions {
    /// Plot `model` of `file` with the defaults.
    pub fn new(file: impl Into<String>, model: ModelType) -> Self {
        PlotOptions {
            file: file.into(),
            model,
            emotions: Vec::new(),
            top: 5,
            smoothing: None,
            width: 1000,
            panel_height: 420,
        }
    }

    /// Draws these emotions instead of the top ones.
    pub fn with_emotions<I: IntoIterator<Item = S>, S: Into<String>>(mut self, names: I) -> Self {
        self.emotions = names.into_iter().map(Into::into).collect();
        self
    }

    /// Picks the `n` highest means when no emotion is named.
    pub fn with_top(mut self, n: usize) -> Self {
        self.top = n;
        self
    }

    /// Smooths lines over `seconds`.
    pub fn with_smoothing(mut self, seconds: f64) -> Self {
        self.smoothing = Some(seconds);
        self
    }

    /// Sets the size: total width and per-panel height, in pixels.
    pub fn with_size(mut self, width: u32, panel_height: u32) -> Self {
        self.width = width;
        self.panel_height = panel_height;
        self
    }
}

/// Renders the timeline as an SVG document.
///
/// # Errors
/// Selection errors (see [`crate::select`]), [`AnalysisError::UnknownEmotion`] for a name no
/// segment carries, [`AnalysisError::InvalidParameter`] for more than 10 emotions, a zero size
/// or a bad smoothing width, [`AnalysisError::Untimed`] when smoothing untimed segments, and
/// [`AnalysisError::Plot`] if drawing fails.
pub fn render_svg(
    predictions: &Predictions,
    options: &PlotOptions,
) -> Result<String, AnalysisError> {
    let segments = select(predictions, &options.file, options.model)?;
    let requested: Vec<&str> = options.emotions.iter().map(String::as_str).collect();
    check_emotions(&segments, &requested)?;
    let emotions: Vec<String> = if options.emotions.is_empty() {
        mean_scores(&segments)
            .top(options.top.min(PALETTE.len()))
            .iter()
            .map(|m| m.name.clone())
            .collect()
    } else {
        options.emotions.clone()
    };
    if emotions.len() > PALETTE.len() {
        return Err(AnalysisError::InvalidParameter {
            name: "emotions",
            reason: format!(
                "at most {} lines per plot, got {}",
                PALETTE.len(),
                emotions.len()
            ),
        });
    }
    if options.width < 200 || options.panel_height < 150 {
        return Err(AnalysisError::InvalidParameter {
            name: "plot size",
            reason: format!(
                "need at least 200 x 150 pixels per panel, got {} x {}",
                options.width, options.panel_height
            ),
        });
    }
    let names: Vec<&str> = emotions.iter().map(String::as_str).collect();
    let timed = segments.iter().all(Segment::is_timed);
    let groups = by_group(&segments);
    let mut panels = Vec::with_capacity(groups.len());
    for (group, segs) in &groups {
        panels.push((*group, lines(segs, &names, timed, options.smoothing)?));
    }
    draw(options, &names, timed, &panels).map_err(|e| AnalysisError::Plot(e.to_string()))
}

/// One point list per emotion.
type Lines = Vec<Vec<(f64, f64)>>;

fn lines(
    segs: &[Segment<'_>],
    names: &[&str],
    timed: bool,
    smoothing: Option<f64>,
) -> Result<Lines, AnalysisError> {
    if let Some(width) = smoothing {
        let points = rolling_mean(segs, names, width)?;
        return Ok((0..names.len())
            .map(|i| {
                points
                    .iter()
                    .filter(|p| !p.values[i].is_nan())
                    .map(|p| (p.time, p.values[i]))
                    .collect()
            })
            .collect());
    }
    Ok(names
        .iter()
        .map(|name| {
            segs.iter()
                .enumerate()
                .filter_map(|(i, s)| {
                    #[allow(clippy::cast_precision_loss)]
                    let x = if timed { s.midpoint()? } else { i as f64 };
                    Some((x, s.score(name)?)).filter(|(_, y)| y.is_finite())
                })
                .collect()
        })
        .collect())
}

fn draw(
    options: &PlotOptions,
    names: &[&str],
    timed: bool,
    panels: &[(&str, Lines)],
) -> Result<String, Box<dyn std::error::Error>> {
    let points = panels.iter().flat_map(|(_, l)| l.iter().flatten());
    let (mut x0, mut x1, mut y1) = (f64::INFINITY, f64::NEG_INFINITY, 0.0f64);
    let mut y0 = 0.0f64;
    for &(x, y) in points {
        x0 = x0.min(x);
        x1 = x1.max(x);
        y0 = y0.min(y);
        y1 = y1.max(y);
    }
    if !x0.is_finite() {
        (x0, x1) = (0.0, 1.0);
    }
    if x1 - x0 < 1e-9 {
        (x0, x1) = (x0 - 0.5, x1 + 0.5);
    }
    // Headroom above the highest point keeps the legend (one row per emotion) off the lines.
    #[allow(clippy::cast_precision_loss)]
    let headroom = 1.05 + 0.07 * names.len() as f64;
    let y1 = if y1 > 0.0 { y1 * headroom } else { 1.0 };

    let title_height = 50u32;
    let count = u32::try_from(panels.len().max(1)).unwrap_or(u32::MAX);
    let height = title_height.saturating_add(options.panel_height.saturating_mul(count));
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (options.width, height)).into_drawing_area();
        root.fill(&WHITE)?;
        let (title, body) = root.split_vertically(title_height);
        title.draw_text(
            &match options.smoothing {
                Some(width) => format!(
                    "Emotion timeline: {} ({}), rolling mean over {width} s",
                    options.file, options.model
                ),
                None => format!("Emotion timeline: {} ({})", options.file, options.model),
            },
            &TextStyle::from(("sans-serif", 30).into_font())
                .color(&BLACK)
                .pos(plotters::style::text_anchor::Pos::new(
                    plotters::style::text_anchor::HPos::Center,
                    plotters::style::text_anchor::VPos::Center,
                )),
            (
                i32::try_from(options.width / 2)?,
                i32::try_from(title_height / 2)?,
            ),
        )?;
        let areas = body.split_evenly((panels.len().max(1), 1));
        let x_label = if timed {
            TIME_LABEL
        } else {
            "segment (text order)"
        };
        for (n, ((group, lines), area)) in panels.iter().zip(areas.iter()).enumerate() {
            let caption = if panels.len() > 1 || *group != "unknown" {
                format!("group {group}")
            } else {
                String::new()
            };
            let mut builder = ChartBuilder::on(area);
            builder
                .margin(12)
                .margin_right(24)
                .x_label_area_size(48)
                .y_label_area_size(64);
            if !caption.is_empty() {
                builder.caption(caption, ("sans-serif", 22));
            }
            let mut chart = builder.build_cartesian_2d(x0..x1, y0..y1)?;
            chart
                .configure_mesh()
                .x_desc(x_label)
                .y_desc(SCORE_LABEL)
                .axis_desc_style(("sans-serif", 20))
                .label_style(("sans-serif", 16))
                .x_labels(12)
                .y_labels(8)
                .light_line_style(RGBColor(242, 242, 242))
                .bold_line_style(RGBColor(210, 210, 210))
                .y_label_formatter(&|y| format!("{y:.2}"))
                .x_label_formatter(&|x| format!("{x:.1}"))
                .draw()?;
            for (i, (name, line)) in names.iter().zip(lines).enumerate() {
                let color = PALETTE[i % PALETTE.len()];
                let series = chart
                    .draw_series(LineSeries::new(line.iter().copied(), color.stroke_width(2)))?;
                if n == 0 {
                    series.label(*name).legend(move |(x, y)| {
                        PathElement::new(vec![(x, y), (x + 24, y)], color.stroke_width(3))
                    });
                }
            }
            if n == 0 {
                chart
                    .configure_series_labels()
                    .position(SeriesLabelPosition::UpperRight)
                    .label_font(("sans-serif", 18))
                    .background_style(WHITE.mix(0.85))
                    .border_style(RGBColor(160, 160, 160))
                    .draw()?;
            }
        }
        root.present()?;
    }
    Ok(svg)
}
