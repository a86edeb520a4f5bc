//! [`render_svg`]: an SVG timeline of chosen emotions for one file and model.
//!
//! Drawn with plotters' SVG backend without its `ttf`/`ab_glyph` features: plotters then
//! estimates text extents itself and the backend writes `<text>` elements that the viewer
//! lays out with its own fonts, so no system font is read at render time.
//!
//! Layout: a title, a legend strip under it (one swatch and name per emotion, wrapping onto
//! more rows as needed: it sits outside every chart, so it never covers data), then one panel
//! per series (stacked, sharing the axes), each with labelled axes ("time (s)", "score") and
//! one line per emotion, in the same colour in every panel.
//!
//! Series: one per face or speaker group. A face group holding several faces per frame (no
//! `identify_faces`: every face is `"unknown"`) is split into one series per face by box
//! tracking ([`crate::face_tracks`]), so lines follow one face instead of zig-zagging.
//!
//! Points: a span at its midpoint, a face frame at its time; untimed segments with frames (v1
//! images) against their frame number; other untimed segments (language on raw text) against
//! their index in text order; the x axis says which.
//!
//! Lines: a line breaks where consecutive points are more than [`GAP_FACTOR`] times the
//! line's median step apart (a long silence, a face leaving the picture), so no line bridges
//! a gap. Points are marked with dots when a line has at most [`MARKER_LIMIT`] points, and
//! always when a point stands alone between gaps, so a single segment (a still image, one
//! text item) is a visible dot. When every point has the same x (one frame, one segment),
//! the x axis spans ±1 around it with the one tick at the point, labelled with its value.

use plotters::prelude::*;

use crate::dataset::Dataset;
use crate::error::AnalysisError;
use crate::mean::mean_scores;
use crate::model::Model;
use crate::names::check_emotions;
use crate::rolling::rolling_mean;
use crate::segment::Segment;
use crate::selection::{by_group, select};
use crate::tracks::face_tracks;

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
/// The x axis label of untimed plots.
pub const ORDER_LABEL: &str = "segment (text order)";
/// The x axis label of untimed frames (v1 images).
pub const FRAME_LABEL: &str = "frame";

/// What the x axis counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Axis {
    /// Seconds.
    Time,
    /// Frame numbers (untimed images).
    Frame,
    /// Position in text order.
    Order,
}
/// The y axis label.
pub const SCORE_LABEL: &str = "score";
/// A line breaks where two consecutive points are more than this many median steps apart.
pub const GAP_FACTOR: f64 = 3.0;
/// Lines with at most this many points get a dot on every point.
pub const MARKER_LIMIT: usize = 40;

/// What to plot (builder-lite).
#[derive(Debug, Clone, PartialEq)]
pub struct PlotOptions {
    /// The file path.
    pub file: String,
    /// The model.
    pub model: Model,
    /// The emotions to draw; empty means the `top` highest by mean over the file.
    pub emotions: Vec<String>,
    /// How many emotions to pick when `emotions` is empty (default 5, at most 10).
    pub top: usize,
    /// Smooth each line with a centred rolling mean of this many seconds.
    pub smoothing: Option<f64>,
    /// Width in pixels (default 1000).
    pub width: u32,
    /// Height of one series' panel in pixels (default 420).
    pub panel_height: u32,
}

impl PlotOptions {
    /// Plot `model` of `file` with the defaults.
    pub fn new(file: impl Into<String>, model: impl Into<Model>) -> Self {
        PlotOptions {
            file: file.into(),
            model: model.into(),
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
/// or a bad smoothing width or values too large to plot (times or scores whose range is not a
/// finite number), [`AnalysisError::Untimed`] when smoothing untimed segments, and
/// [`AnalysisError::Plot`] if drawing fails.
pub fn render_svg<D: Dataset + ?Sized>(
    data: &D,
    options: &PlotOptions,
) -> Result<String, AnalysisError> {
    let segments = select(data, &options.file, options.model)?;
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
    let axis = if segments.iter().all(Segment::is_timed) {
        Axis::Time
    } else if segments.iter().all(|s| s.frame.is_some()) {
        Axis::Frame
    } else {
        Axis::Order
    };
    let mut panels = Vec::new();
    for (caption, segs) in series(&segments) {
        panels.push((caption, lines(&segs, &names, axis, options.smoothing)?));
    }
    extent(&panels)?;
    draw(options, &names, axis, &panels).map_err(|e| AnalysisError::Plot(e.to_string()))
}

/// One series per group; face groups with several faces per frame split by tracking. Each
/// comes with its panel caption (empty for a lone `"unknown"` group).
fn series<'a>(segments: &[Segment<'a>]) -> Vec<(String, Vec<Segment<'a>>)> {
    let groups = by_group(segments);
    let single = groups.len() == 1;
    let mut out = Vec::new();
    for (group, segs) in groups {
        let tracks = if segs.iter().any(|s| s.bbox().is_some()) {
            face_tracks(&segs)
        } else {
            vec![segs]
        };
        let named = group != "unknown";
        if tracks.len() == 1 {
            let caption = if named || !single {
                format!("group {group}")
            } else {
                String::new()
            };
            out.extend(tracks.into_iter().map(|t| (caption.clone(), t)));
        } else {
            for (i, track) in tracks.into_iter().enumerate() {
                let face = format!("face {} (told apart by position)", i + 1);
                let caption = if named {
                    format!("group {group}, {face}")
                } else {
                    face
                };
                out.push((caption, track));
            }
        }
    }
    out
}

/// One point list per emotion.
type Lines = Vec<Vec<(f64, f64)>>;

fn lines(
    segs: &[Segment<'_>],
    names: &[&str],
    axis: Axis,
    smoothing: Option<f64>,
) -> Result<Lines, AnalysisError> {
    if let Some(width) = smoothing {
        let points = rolling_mean(segs, names, width)?;
        return Ok((0..names.len())
            .map(|i| {
                points
                    .iter()
                    .filter(|p| p.values[i].is_finite() && p.time.is_finite())
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
                    let x = match axis {
                        Axis::Time => s.midpoint()?,
                        Axis::Frame => s.frame? as f64,
                        Axis::Order => i as f64,
                    };
                    Some((x, s.score(name)?)).filter(|(x, y)| x.is_finite() && y.is_finite())
                })
                .collect()
        })
        .collect())
}

/// Splits a line (sorted by x) into runs where two consecutive points are more than
/// [`GAP_FACTOR`] times the median step apart.
pub(crate) fn runs(points: &[(f64, f64)]) -> Vec<&[(f64, f64)]> {
    let mut steps: Vec<f64> = points
        .windows(2)
        .map(|w| w[1].0 - w[0].0)
        .filter(|d| *d > 0.0)
        .collect();
    if steps.is_empty() {
        return if points.is_empty() {
            Vec::new()
        } else {
            vec![points]
        };
    }
    steps.sort_by(f64::total_cmp);
    let median = steps[steps.len() / 2];
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..points.len() {
        if points[i].0 - points[i - 1].0 > GAP_FACTOR * median {
            out.push(&points[start..i]);
            start = i;
        }
    }
    out.push(&points[start..]);
    out
}

/// Pixel layout of the legend: one `(x, y)` per emotion, and the strip's height.
fn legend_layout(names: &[&str], width: u32) -> (Vec<(i32, i32)>, u32) {
    const ROW: i32 = 28;
    const PAD: i32 = 16;
    let width = i32::try_from(width).unwrap_or(i32::MAX);
    let mut at = Vec::with_capacity(names.len());
    let (mut x, mut y) = (PAD, ROW / 2 + 4);
    for name in names {
        // Swatch, gap, text (about 10 px per character at 18 px), spacing.
        let chars = i32::try_from(name.chars().count()).unwrap_or(i32::MAX / 20);
        let item = 24 + 8 + chars.saturating_mul(10) + 28;
        if x > PAD && x + item > width - PAD {
            x = PAD;
            y += ROW;
        }
        at.push((x, y));
        x += item;
    }
    let height = u32::try_from(y + ROW / 2 + 4).unwrap_or(0);
    (at, height)
}

/// The axes' ranges: x over every point, y from 0 (or below) to 5 % above the highest score.
///
/// # Errors
/// [`AnalysisError::InvalidParameter`] for a range plotters cannot step through (its tick
/// loop would never end): every point is finite, but the span between two may not be.
fn extent(panels: &[(String, Lines)]) -> Result<(f64, f64, f64, f64), AnalysisError> {
    let points = panels.iter().flat_map(|(_, l)| l.iter().flatten());
    let (mut x0, mut x1, mut y0, mut y1) = (f64::INFINITY, f64::NEG_INFINITY, 0.0f64, 0.0f64);
    for &(x, y) in points {
        x0 = x0.min(x);
        x1 = x1.max(x);
        y0 = y0.min(y);
        y1 = y1.max(y);
    }
    if !x0.is_finite() {
        (x0, x1) = (0.0, 1.0);
    }
    let y1 = if y1 > 0.0 { y1 * 1.05 } else { 1.0 };
    if !((x1 - x0).is_finite() && (y1 - y0).is_finite()) {
        return Err(AnalysisError::InvalidParameter {
            name: "plot range",
            reason: format!(
                "the values are too large to plot: times {x0:e} to {x1:e}, scores {y0:e} to {y1:e}"
            ),
        });
    }
    Ok((x0, x1, y0, y1))
}

fn draw(
    options: &PlotOptions,
    names: &[&str],
    axis: Axis,
    panels: &[(String, Lines)],
) -> Result<String, Box<dyn std::error::Error>> {
    let (mut x0, mut x1, y0, y1) = extent(panels).map_err(|e| e.to_string())?;
    // Plot relative to the first x, so a range far from 0 keeps its resolution (ticks of a
    // narrow range at 1e20 would be smaller than the spacing of doubles there); the labels
    // add it back. One x for every point: ±1 around it, its value the only tick label.
    let single_x = (x1 - x0 < 1e-9 * x0.abs().max(1.0)).then_some(x0);
    let offset = x0;
    (x0, x1) = match single_x {
        Some(_) => (-1.0, 1.0),
        None => (0.0, x1 - x0),
    };

    let title_height = 50u32;
    let (legend_at, legend_height) = legend_layout(names, options.width);
    let count = u32::try_from(panels.len().max(1)).unwrap_or(u32::MAX);
    let height =
        (title_height + legend_height).saturating_add(options.panel_height.saturating_mul(count));
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (options.width, height)).into_drawing_area();
        root.fill(&WHITE)?;
        let (title, rest) = root.split_vertically(title_height);
        let (legend, body) = rest.split_vertically(legend_height);
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
        let label_style = TextStyle::from(("sans-serif", 18).into_font())
            .color(&BLACK)
            .pos(plotters::style::text_anchor::Pos::new(
                plotters::style::text_anchor::HPos::Left,
                plotters::style::text_anchor::VPos::Center,
            ));
        for (i, (name, &(x, y))) in names.iter().zip(&legend_at).enumerate() {
            let color = PALETTE[i % PALETTE.len()];
            legend.draw(&PathElement::new(
                vec![(x, y), (x + 24, y)],
                color.stroke_width(3),
            ))?;
            legend.draw_text(name, &label_style, (x + 32, y))?;
        }
        let areas = body.split_evenly((panels.len().max(1), 1));
        let x_label = match axis {
            Axis::Time => TIME_LABEL,
            Axis::Frame => FRAME_LABEL,
            Axis::Order => ORDER_LABEL,
        };
        let x_formatter = |x: &f64| match single_x {
            Some(at) if x.abs() < 1e-9 => format_tick(at),
            Some(_) => String::new(),
            None => format_tick(*x + offset),
        };
        for ((caption, lines), area) in panels.iter().zip(areas.iter()) {
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
                .x_labels(if single_x.is_some() { 5 } else { 12 })
                .y_labels(8)
                .light_line_style(RGBColor(242, 242, 242))
                .bold_line_style(RGBColor(210, 210, 210))
                .y_label_formatter(&|y| format!("{y:.2}"))
                .x_label_formatter(&x_formatter)
                .draw()?;
            for (i, line) in lines.iter().enumerate() {
                let color = PALETTE[i % PALETTE.len()];
                let shifted: Vec<(f64, f64)> = line.iter().map(|&(x, y)| (x - offset, y)).collect();
                let runs = if axis != Axis::Order {
                    runs(&shifted)
                } else {
                    vec![&shifted[..]]
                };
                let dots_everywhere = shifted.len() <= MARKER_LIMIT;
                for run in runs {
                    if run.len() > 1 {
                        chart.draw_series(LineSeries::new(
                            run.iter().copied(),
                            color.stroke_width(2),
                        ))?;
                    }
                    if dots_everywhere || run.len() == 1 {
                        chart
                            .draw_series(run.iter().map(|&p| Circle::new(p, 4, color.filled())))?;
                    }
                }
            }
        }
        root.present()?;
    }
    Ok(svg)
}

/// A tick value with at most two decimals, trailing zeros dropped (`2`, `2.5`, `0.33`).
fn format_tick(x: f64) -> String {
    let text = format!("{x:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".to_owned()
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests;
