//! The plot's promises, checked on the parsed SVG: markers and a sensible axis for one
//! segment, one series per face without ids, lines broken at gaps, a legend clear of data.

use hume_models::{ModelType, Predictions};

use super::{GAP_FACTOR, PlotOptions, render_svg, runs};

fn doc(svg: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(svg).expect("the SVG is well-formed XML")
}

fn texts(doc: &roxmltree::Document<'_>) -> Vec<String> {
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.text().unwrap_or("").trim().to_owned())
        .collect()
}

fn num(n: &roxmltree::Node<'_, '_>, attr: &str) -> f64 {
    n.attribute(attr).unwrap().parse().unwrap()
}

/// `(stroke colour, points)` of the polylines `width` pixels wide (2: data, 3: legend).
fn polylines(doc: &roxmltree::Document<'_>, width: &str) -> Vec<(String, Vec<(f64, f64)>)> {
    doc.descendants()
        .filter(|n| n.has_tag_name("polyline") && n.attribute("stroke-width") == Some(width))
        .map(|n| {
            let points = n
                .attribute("points")
                .unwrap()
                .split_whitespace()
                .map(|p| {
                    let (x, y) = p.split_once(',').unwrap();
                    (x.parse().unwrap(), y.parse().unwrap())
                })
                .collect();
            (n.attribute("stroke").unwrap_or("").to_owned(), points)
        })
        .collect()
}

/// Centres of the data dots.
fn dots(doc: &roxmltree::Document<'_>) -> Vec<(f64, f64)> {
    doc.descendants()
        .filter(|n| n.has_tag_name("circle"))
        .map(|n| (num(&n, "cx"), num(&n, "cy")))
        .collect()
}

fn face_json() -> String {
    std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../hume-models/tests/fixtures/predictions-face.json"),
    )
    .unwrap()
}

#[test]
fn a_single_segment_draws_dots_on_an_axis_centred_on_it() {
    let body = face_json();
    let p = Predictions::from_response(body.as_bytes()).unwrap();
    let file = p.iter_predictions().next().unwrap().1.file.clone();
    let svg = render_svg(&p, &PlotOptions::new(file, ModelType::Face).with_top(3)).unwrap();
    let doc = doc(&svg);
    assert!(polylines(&doc, "2").is_empty(), "one point draws no line");
    let dots = dots(&doc);
    assert_eq!(dots.len(), 3, "one dot per emotion");
    // The frame is at 0 s: the only x tick label is "0", under the dots; no negative time.
    let texts = texts(&doc);
    assert!(texts.iter().any(|t| t == "0"), "{texts:?}");
    assert!(!texts.iter().any(|t| t.starts_with('-')), "{texts:?}");
    let zero = doc
        .descendants()
        .find(|n| n.has_tag_name("text") && n.text().map(str::trim) == Some("0"))
        .unwrap();
    assert!(
        (num(&zero, "x") - dots[0].0).abs() < 30.0,
        "tick under the dot"
    );
    // The dots sit inside the drawing, not on its left edge.
    assert!(dots.iter().all(|d| d.0 > 300.0 && d.0 < 800.0), "{dots:?}");
}

#[test]
fn faces_without_ids_get_one_series_each_instead_of_a_zig_zag() {
    let p = Predictions::from_response(crate::tests::TWO_FACES.as_bytes()).unwrap();
    let svg = render_svg(
        &p,
        &PlotOptions::new("two.mp4", ModelType::Face).with_emotions(["Joy"]),
    )
    .unwrap();
    let doc = doc(&svg);
    let texts = texts(&doc);
    assert!(
        texts.iter().any(|t| t == "face 1 (told apart by position)"),
        "{texts:?}"
    );
    assert!(
        texts.iter().any(|t| t == "face 2 (told apart by position)"),
        "{texts:?}"
    );
    // One Joy line per face, three frames each, each flat (0.88..0.91 and 0.10..0.12):
    // a zig-zag between the faces would swing across most of the panel.
    let lines = polylines(&doc, "2");
    assert_eq!(lines.len(), 2, "{lines:?}");
    for (_, points) in &lines {
        assert_eq!(points.len(), 3);
        let ys: Vec<f64> = points.iter().map(|p| p.1).collect();
        let spread = ys.iter().copied().fold(f64::MIN, f64::max)
            - ys.iter().copied().fold(f64::MAX, f64::min);
        assert!(spread < 15.0, "{ys:?}");
    }
}

const GAP: &str = r#"[{"source": {"type": "url", "url": "u"}, "results": {"errors": [], "predictions": [
 {"file": "talk.wav", "models": {"prosody": {"grouped_predictions": [{"id": "unknown", "predictions": [
  {"text": "a", "time": {"begin": 0, "end": 2}, "emotions": [{"name": "Joy", "score": 0.2}]},
  {"text": "b", "time": {"begin": 2, "end": 4}, "emotions": [{"name": "Joy", "score": 0.4}]},
  {"text": "c", "time": {"begin": 4, "end": 6}, "emotions": [{"name": "Joy", "score": 0.3}]},
  {"text": "d", "time": {"begin": 60, "end": 62}, "emotions": [{"name": "Joy", "score": 0.6}]},
  {"text": "e", "time": {"begin": 62, "end": 64}, "emotions": [{"name": "Joy", "score": 0.5}]}
 ]}]}}}]}}]"#;

#[test]
fn a_long_silence_breaks_the_line() {
    let p = Predictions::from_response(GAP.as_bytes()).unwrap();
    let svg = render_svg(&p, &PlotOptions::new("talk.wav", ModelType::Prosody)).unwrap();
    let lines = polylines(&doc(&svg), "2");
    let sizes: Vec<usize> = lines.iter().map(|(_, p)| p.len()).collect();
    assert_eq!(sizes, [3, 2], "no line bridges 5 s → 61 s");
    // The rule itself: steps 2, 2, 56, 2 (median 2) break only at 56.
    let points = [(1.0, 0.0), (3.0, 0.0), (5.0, 0.0), (61.0, 0.0), (63.0, 0.0)];
    let parts: Vec<usize> = runs(&points).iter().map(|r| r.len()).collect();
    assert_eq!(parts, [3, 2]);
    let even = [(0.0, 0.0), (1.0, 0.0), (1.0 + GAP_FACTOR, 0.0)];
    assert_eq!(
        runs(&even).len(),
        1,
        "exactly GAP_FACTOR steps does not break"
    );
}

#[test]
fn the_legend_never_covers_data() {
    for (body, file, model) in [
        (GAP, "talk.wav", ModelType::Prosody),
        (crate::tests::TWO_FACES, "two.mp4", ModelType::Face),
        (crate::tests::CLIP, "clip.mp4", ModelType::Face),
    ] {
        let p = Predictions::from_response(body.as_bytes()).unwrap();
        // Ten emotions where the file has them: the legend wraps onto two rows.
        let svg = render_svg(
            &p,
            &PlotOptions::new(file, model)
                .with_top(10)
                .with_size(500, 300),
        )
        .unwrap();
        let doc = doc(&svg);
        let legend = polylines(&doc, "3");
        assert!(!legend.is_empty());
        let legend_bottom = legend
            .iter()
            .flat_map(|(_, p)| p.iter().map(|q| q.1))
            .fold(f64::MIN, f64::max);
        let data_top = polylines(&doc, "2")
            .iter()
            .flat_map(|(_, p)| p.iter().map(|q| q.1))
            .chain(dots(&doc).iter().map(|d| d.1 - 4.0))
            .fold(f64::MAX, f64::min);
        assert!(
            legend_bottom + 10.0 < data_top,
            "{file}: legend at {legend_bottom}, data from {data_top}"
        );
        // Legend labels sit on their swatch rows, above the data too.
        let names: Vec<f64> = doc
            .descendants()
            .filter(|n| n.has_tag_name("text"))
            .filter(|n| {
                let x = n.attribute("x").and_then(|x| x.parse::<f64>().ok());
                legend.iter().any(|(_, p)| x == Some(p[0].0 + 32.0))
            })
            .map(|n| num(&n, "y"))
            .collect();
        assert_eq!(names.len(), legend.len(), "{file}");
        assert!(names.iter().all(|y| *y < data_top), "{file}");
    }
}

/// A prosody body with one utterance per `(begin, end, score)`.
fn prosody_body(spans: &[(f64, f64, f64)]) -> String {
    let items: Vec<String> = spans
        .iter()
        .map(|(b, e, s)| {
            format!(
                r#"{{"text": "x", "time": {{"begin": {b:e}, "end": {e:e}}}, "emotions": [{{"name": "Joy", "score": {s:e}}}]}}"#
            )
        })
        .collect();
    format!(
        r#"[{{"source": {{"type": "url", "url": "https://x.test/a.mp3"}}, "results": {{"errors": [],
        "predictions": [{{"file": "a.mp3", "models": {{"prosody": {{"metadata": null,
        "grouped_predictions": [{{"id": "unknown", "predictions": [{}]}}]}}}}}}]}}}}]"#,
        items.join(",")
    )
}

/// Renders in a thread; `None` when it did not finish in time (a hang, not a speed test).
fn render_within(
    body: String,
    smoothing: Option<f64>,
    limit: std::time::Duration,
) -> Option<Result<String, crate::AnalysisError>> {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let predictions = Predictions::from_response(body.as_bytes()).unwrap();
        let mut options = PlotOptions::new("a.mp3", ModelType::Prosody).with_emotions(["Joy"]);
        if let Some(width) = smoothing {
            options = options.with_smoothing(width);
        }
        let _ = tx.send(render_svg(&predictions, &options));
    });
    rx.recv_timeout(limit).ok()
}

const HANG: std::time::Duration = std::time::Duration::from_secs(60);

#[test]
fn extreme_times_and_scores_end_with_a_plot_or_an_error() {
    let max = f64::MAX;
    for spans in [
        vec![(0.0, 1.0, max), (1.0, 2.0, 0.5)],
        vec![(max, max, 0.5), (0.0, 1.0, 0.5)],
        vec![(-max, -max, 0.5), (max, max, 0.5)],
        vec![(1e20, 1e20, 0.5), (1e20 + 65536.0, 1e20 + 65536.0, 0.7)],
        vec![(1e300, 1e300, -max), (2e300, 2e300, max)],
        vec![(5e-324, 5e-324, 0.5), (1e-323, 1e-323, 0.6)],
    ] {
        for smoothing in [None, Some(1.0), Some(max)] {
            let body = prosody_body(&spans);
            let outcome = render_within(body, smoothing, HANG);
            assert!(
                outcome.is_some(),
                "{spans:?} {smoothing:?}: no answer in time"
            );
        }
    }
    // A plottable far-away range keeps its resolution and its labels.
    let svg = render_within(
        prosody_body(&[(1e20, 1e20, 0.5), (1e20 + 65536.0, 1e20 + 65536.0, 0.7)]),
        None,
        HANG,
    )
    .unwrap()
    .unwrap();
    assert!(svg.contains("<svg"));
    // A range whose span is not a finite number is a clear error.
    let outcome = render_within(
        prosody_body(&[(-1e308, -1e308, 0.5), (1e308, 1e308, 0.5)]),
        None,
        HANG,
    );
    let Some(Err(err)) = outcome else {
        panic!("expected an error")
    };
    assert!(err.to_string().contains("too large to plot"), "{err}");
}

#[test]
fn smoothing_is_linear_not_quadratic() {
    // The audit: 20k frames at one time took 7 s to smooth (every window was everything).
    let spans: Vec<(f64, f64, f64)> = (0..20_000)
        .map(|i| (0.0, 0.0, f64::from(i % 100) / 100.0))
        .collect();
    let body = prosody_body(&spans);
    let svg = render_within(body, Some(2.0), HANG)
        .expect("finished")
        .unwrap();
    assert!(svg.contains("<svg"));
}

mod extremes {
    use proptest::prelude::*;

    use super::{HANG, prosody_body, render_within};

    fn extreme() -> impl Strategy<Value = f64> {
        prop_oneof![
            Just(f64::MAX),
            Just(-f64::MAX),
            Just(f64::MIN_POSITIVE),
            Just(0.0),
            Just(1e300),
            Just(-1e300),
            Just(1e20),
            (-1e6f64..1e6),
            any::<f64>().prop_filter("finite", |x| x.is_finite()),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]
        /// Whatever the numbers, plot answers (a drawing or an error) instead of spinning.
        #[test]
        fn plot_never_spins(
            spans in prop::collection::vec((extreme(), extreme(), extreme()), 1..6),
            smoothing in prop::option::of(prop_oneof![Just(f64::MAX), Just(1e-300), (0.001f64..1e6)]),
        ) {
            let spans: Vec<(f64, f64, f64)> = spans
                .into_iter()
                .map(|(a, b, s)| (a.min(b), a.max(b), s))
                .collect();
            prop_assert!(render_within(prosody_body(&spans), smoothing, HANG).is_some());
        }
    }
}
