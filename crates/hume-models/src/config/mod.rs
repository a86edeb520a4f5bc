//! Per-model configuration objects sent in a job request (`models.<name>`).

mod burst;
mod face;
mod facemesh;
mod granularity;
mod language;
mod ner;
mod prosody;
mod unconfigurable;
mod window;

pub use burst::BurstConfig;
pub use face::FaceConfig;
pub use facemesh::FacemeshConfig;
pub use granularity::Granularity;
pub use language::LanguageConfig;
pub use ner::NerConfig;
pub use prosody::ProsodyConfig;
pub use unconfigurable::Unconfigurable;
pub use window::Window;
