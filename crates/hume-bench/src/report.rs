//! [`Report`]: the one machine-readable JSON line a measurement prints on stdout.

use serde_json::{Map, Value};

use crate::peak_rss::peak_rss_kib;

/// One measurement's result: `{"bench":..,"variant":..,"secs":..,"peak_rss_kib":..,...}`.
///
/// The peak RSS is read when the line is printed, at the very end of the child process, so it
/// covers the whole measurement.
#[derive(Debug, Clone)]
pub struct Report {
    fields: Map<String, Value>,
}

impl Report {
    /// A report of `bench` (e.g. `download`) run as `variant` (e.g. `blocking`) in `secs`.
    pub fn new(bench: &str, variant: &str, secs: f64) -> Self {
        let mut fields = Map::new();
        fields.insert("bench".into(), bench.into());
        fields.insert("variant".into(), variant.into());
        fields.insert("secs".into(), secs.into());
        Self { fields }
    }

    /// Adds a field (bytes moved, calls made, polls counted, ...).
    pub fn with(mut self, key: &str, value: impl Into<Value>) -> Self {
        self.fields.insert(key.into(), value.into());
        self
    }

    /// The JSON line, with `peak_rss_kib` (null where unknown).
    pub fn to_line(&self) -> String {
        let mut fields = self.fields.clone();
        fields.insert("peak_rss_kib".into(), peak_rss_kib().into());
        Value::Object(fields).to_string()
    }

    /// Prints the JSON line on stdout.
    pub fn print(&self) {
        println!("{}", self.to_line());
    }
}

#[cfg(test)]
mod tests;
