//! [`Bcp47Tag`]: transcription language tags.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A BCP-47 language tag for transcription: the 29 tags the API documents, plus
/// [`Other`](Bcp47Tag::Other) for any tag it may add later.
///
/// Parsing matches the documented tags ignoring ASCII case (`"en-gb"` is [`Bcp47Tag::EnGb`]) and
/// keeps any other string as sent. Note `"no"` (Norwegian) is a string, not a boolean.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Bcp47Tag {
    /// Chinese (`"zh"`).
    Zh,
    /// Danish (`"da"`).
    Da,
    /// Dutch (`"nl"`).
    Nl,
    /// English (`"en"`).
    En,
    /// English (Australia) (`"en-AU"`).
    EnAu,
    /// English (India) (`"en-IN"`).
    EnIn,
    /// English (New Zealand) (`"en-NZ"`).
    EnNz,
    /// English (United Kingdom) (`"en-GB"`).
    EnGb,
    /// French (`"fr"`).
    Fr,
    /// French (Canada) (`"fr-CA"`).
    FrCa,
    /// German (`"de"`).
    De,
    /// Hindi (`"hi"`).
    Hi,
    /// Hindi (Latin script) (`"hi-Latn"`).
    HiLatn,
    /// Indonesian (`"id"`).
    Id,
    /// Italian (`"it"`).
    It,
    /// Japanese (`"ja"`).
    Ja,
    /// Korean (`"ko"`).
    Ko,
    /// Norwegian (`"no"`).
    No,
    /// Polish (`"pl"`).
    Pl,
    /// Portuguese (`"pt"`).
    Pt,
    /// Portuguese (Brazil) (`"pt-BR"`).
    PtBr,
    /// Portuguese (Portugal) (`"pt-PT"`).
    PtPt,
    /// Russian (`"ru"`).
    Ru,
    /// Spanish (`"es"`).
    Es,
    /// Spanish (Latin America) (`"es-419"`).
    Es419,
    /// Swedish (`"sv"`).
    Sv,
    /// Tamil (`"ta"`).
    Ta,
    /// Turkish (`"tr"`).
    Tr,
    /// Ukrainian (`"uk"`).
    Uk,
    /// A tag the API did not document when this crate was written.
    Other(String),
}

impl Bcp47Tag {
    /// The 29 documented tags, in the API's order.
    pub const ALL: [Bcp47Tag; 29] = [
        Bcp47Tag::Zh,
        Bcp47Tag::Da,
        Bcp47Tag::Nl,
        Bcp47Tag::En,
        Bcp47Tag::EnAu,
        Bcp47Tag::EnIn,
        Bcp47Tag::EnNz,
        Bcp47Tag::EnGb,
        Bcp47Tag::Fr,
        Bcp47Tag::FrCa,
        Bcp47Tag::De,
        Bcp47Tag::Hi,
        Bcp47Tag::HiLatn,
        Bcp47Tag::Id,
        Bcp47Tag::It,
        Bcp47Tag::Ja,
        Bcp47Tag::Ko,
        Bcp47Tag::No,
        Bcp47Tag::Pl,
        Bcp47Tag::Pt,
        Bcp47Tag::PtBr,
        Bcp47Tag::PtPt,
        Bcp47Tag::Ru,
        Bcp47Tag::Es,
        Bcp47Tag::Es419,
        Bcp47Tag::Sv,
        Bcp47Tag::Ta,
        Bcp47Tag::Tr,
        Bcp47Tag::Uk,
    ];

    /// The tag as sent on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            Bcp47Tag::Zh => "zh",
            Bcp47Tag::Da => "da",
            Bcp47Tag::Nl => "nl",
            Bcp47Tag::En => "en",
            Bcp47Tag::EnAu => "en-AU",
            Bcp47Tag::EnIn => "en-IN",
            Bcp47Tag::EnNz => "en-NZ",
            Bcp47Tag::EnGb => "en-GB",
            Bcp47Tag::Fr => "fr",
            Bcp47Tag::FrCa => "fr-CA",
            Bcp47Tag::De => "de",
            Bcp47Tag::Hi => "hi",
            Bcp47Tag::HiLatn => "hi-Latn",
            Bcp47Tag::Id => "id",
            Bcp47Tag::It => "it",
            Bcp47Tag::Ja => "ja",
            Bcp47Tag::Ko => "ko",
            Bcp47Tag::No => "no",
            Bcp47Tag::Pl => "pl",
            Bcp47Tag::Pt => "pt",
            Bcp47Tag::PtBr => "pt-BR",
            Bcp47Tag::PtPt => "pt-PT",
            Bcp47Tag::Ru => "ru",
            Bcp47Tag::Es => "es",
            Bcp47Tag::Es419 => "es-419",
            Bcp47Tag::Sv => "sv",
            Bcp47Tag::Ta => "ta",
            Bcp47Tag::Tr => "tr",
            Bcp47Tag::Uk => "uk",
            Bcp47Tag::Other(s) => s,
        }
    }

    /// Is this one of the 29 documented tags?
    pub fn is_documented(&self) -> bool {
        !matches!(self, Bcp47Tag::Other(_))
    }

    fn parse(s: &str) -> Bcp47Tag {
        Bcp47Tag::ALL
            .into_iter()
            .find(|t| t.as_str().eq_ignore_ascii_case(s))
            .unwrap_or_else(|| Bcp47Tag::Other(s.to_owned()))
    }
}

impl FromStr for Bcp47Tag {
    type Err = std::convert::Infallible;

    /// Never fails: undocumented tags become [`Bcp47Tag::Other`].
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(Bcp47Tag::parse(s))
    }
}

impl From<&str> for Bcp47Tag {
    fn from(s: &str) -> Self {
        Bcp47Tag::parse(s)
    }
}

impl fmt::Display for Bcp47Tag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Bcp47Tag {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Bcp47Tag {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = std::borrow::Cow::<str>::deserialize(d)?;
        Ok(Bcp47Tag::parse(&s))
    }
}
