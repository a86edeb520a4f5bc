use hume_models::{
    EmotionScore, GroupedPredictions, InferencePrediction, InferenceResults, LanguagePrediction,
    ModelResult, ModelsPredictions, Source, SourceResult, TextPosition,
};

use super::*;

#[test]
fn one_table_per_model_with_quoted_cells() {
    let language = LanguagePrediction::default()
        .with_text("say \"hi\", ok")
        .with_position(TextPosition::new(0, 12))
        .with_emotions(vec![
            EmotionScore::new("Joy", 0.5),
            EmotionScore::new("Awe", 0.25),
        ]);
    let models = ModelsPredictions::default().with_language(ModelResult::new(vec![
        GroupedPredictions::new("unknown", vec![language]),
    ]));
    let prediction = InferencePrediction::new("1", models).with_file_type("text");
    let predictions = Predictions(vec![SourceResult::new(
        Source::text(),
        InferenceResults::new(vec![prediction], Vec::new()),
    )]);
    let tables = tables(&predictions);
    assert_eq!(tables.len(), 1);
    assert_eq!(tables[0].0, "language.csv");
    assert_eq!(
        tables[0].1,
        "source,file,id,text,position_begin,position_end,begin,end,Joy,Awe\ntext,1,unknown,\"say \"\"hi\"\", ok\",0,12,,,0.5,0.25\n"
    );
}
