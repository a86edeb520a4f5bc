use hume_models::{
    EmotionScore, GroupedPredictions, InferencePrediction, InferenceResults, LanguagePrediction,
    ModelResult, ModelsPredictions, Source, SourceResult, TextPosition,
};

use super::*;

#[test]
fn one_table_per_model_with_quoted_cells() {
    let language = LanguagePrediction {
        text: "say \"hi\", ok".to_owned(),
        position: TextPosition::new(0, 12),
        time: None,
        confidence: None,
        speaker_confidence: None,
        emotions: vec![
            EmotionScore::new("Joy", 0.5),
            EmotionScore::new("Awe", 0.25),
        ],
        sentiment: None,
        toxicity: None,
    };
    let prediction = InferencePrediction {
        file: "1".to_owned(),
        file_type: Some("text".to_owned()),
        models: ModelsPredictions {
            language: Some(ModelResult {
                metadata: None,
                grouped_predictions: vec![GroupedPredictions {
                    id: "unknown".to_owned(),
                    predictions: vec![language],
                }],
            }),
            ..ModelsPredictions::default()
        },
    };
    let predictions = Predictions(vec![SourceResult {
        source: Source::text(),
        results: Some(InferenceResults {
            predictions: vec![prediction],
            errors: Vec::new(),
        }),
        error: None,
    }]);
    let tables = tables(&predictions);
    assert_eq!(tables.len(), 1);
    assert_eq!(tables[0].0, "language.csv");
    assert_eq!(
        tables[0].1,
        "source,file,id,text,position_begin,position_end,begin,end,Joy,Awe\ntext,1,unknown,\"say \"\"hi\"\", ok\",0,12,,,0.5,0.25\n"
    );
}
