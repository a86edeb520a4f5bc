//! `open_enum!`: a server-owned string enum that keeps values it does not know.
//!
//! Every enum of the v1 API is open: the server may add values at any time, so an unknown
//! value parses to `Other(String)` holding the text as sent instead of failing the whole
//! response. Equality, hashing and ordering go through the wire string, so
//! `Other("live".into())` equals the known variant `Live`.

/// Declares an open string enum: its known variants with their wire strings, plus
/// `Other(String)`, with `as_str`, `is_known`, `KNOWN`, `parse_known`, `Display`, `FromStr`
/// (never fails), `From<&str>`/`From<String>` and serde as a plain string.
macro_rules! open_enum {
    (
        $(#[$doc:meta])*
        $name:ident, $kind:literal, {
            $($(#[$vdoc:meta])* $variant:ident => $wire:literal),* $(,)?
        }
    ) => {
        $(#[$doc])*
        #[derive(Debug, Clone)]
        #[non_exhaustive]
        pub enum $name {
            $($(#[$vdoc])* $variant,)*
            /// A value this crate does not know, kept exactly as sent.
            Other(String),
        }

        impl $name {
            /// Every value this crate knows, in documentation order.
            pub const KNOWN: &'static [$name] = &[$($name::$variant),*];

            /// The wire string.
            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => $wire,)*
                    $name::Other(s) => s,
                }
            }

            /// Is this one of the values this crate knows (not [`Other`](Self::Other))?
            pub fn is_known(&self) -> bool {
                !matches!(self, $name::Other(_))
            }

            /// The value for a wire string; an unknown string becomes [`Other`](Self::Other).
            /// Matching is exact (the API's values are lowercase).
            pub fn from_wire(s: &str) -> Self {
                match s {
                    $($wire => $name::$variant,)*
                    other => $name::Other(other.to_owned()),
                }
            }

            /// Like [`from_wire`](Self::from_wire) but an unknown string is an error, for
            /// callers (a command line, a server checking a filter) that must reject typos.
            pub fn parse_known(s: &str) -> Result<Self, $crate::ParseValueError> {
                match Self::from_wire(s) {
                    $name::Other(_) => Err($crate::ParseValueError::new($kind, s)),
                    known => Ok(known),
                }
            }
        }

        impl PartialEq for $name {
            fn eq(&self, other: &Self) -> bool {
                self.as_str() == other.as_str()
            }
        }

        impl Eq for $name {}

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.as_str() == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.as_str() == *other
            }
        }

        impl ::std::hash::Hash for $name {
            fn hash<H: ::std::hash::Hasher>(&self, state: &mut H) {
                self.as_str().hash(state);
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = ::std::convert::Infallible;

            /// Never fails: an unknown string becomes [`Other`](Self::Other). Use
            /// [`parse_known`](Self::parse_known) to reject unknown values.
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Ok(Self::from_wire(s))
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                Self::from_wire(s)
            }
        }

        impl From<String> for $name {
            fn from(s: String) -> Self {
                match Self::from_wire(&s) {
                    $name::Other(_) => $name::Other(s),
                    known => known,
                }
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct V;
                impl ::serde::de::Visitor<'_> for V {
                    type Value = $name;

                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str(concat!("a ", $kind, " string"))
                    }

                    fn visit_str<E: ::serde::de::Error>(self, s: &str) -> Result<$name, E> {
                        Ok($name::from_wire(s))
                    }

                    fn visit_string<E: ::serde::de::Error>(self, s: String) -> Result<$name, E> {
                        Ok($name::from(s))
                    }
                }
                d.deserialize_str(V)
            }
        }
    };
}

pub(crate) use open_enum;
