//! Private serde helpers for tolerant parsing: `null` as a default, and whole-number floats
//! (`60.0`) accepted wherever an integer is expected.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, Visitor};

/// Deserialises `T`, turning an explicit `null` into `T::default()`.
pub(crate) fn null_default<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

/// An `f64` where `null` means `0.0`. One `deserialize_any` call (rather than `Option<f64>`)
/// keeps this as cheap as a plain `f64` on the hot path: it parses every score.
pub(crate) fn f64_or_zero<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    struct F64Visitor;

    impl Visitor<'_> for F64Visitor {
        type Value = f64;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a number or null")
        }

        fn visit_f64<E: de::Error>(self, v: f64) -> Result<f64, E> {
            Ok(v)
        }

        #[allow(clippy::cast_precision_loss)]
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<f64, E> {
            Ok(v as f64)
        }

        #[allow(clippy::cast_precision_loss)]
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<f64, E> {
            Ok(v as f64)
        }

        fn visit_unit<E: de::Error>(self) -> Result<f64, E> {
            Ok(0.0)
        }

        fn visit_none<E: de::Error>(self) -> Result<f64, E> {
            Ok(0.0)
        }
    }

    d.deserialize_any(F64Visitor)
}

struct IntVisitor<T>(std::marker::PhantomData<T>);

/// Integer types we accept leniently.
pub(crate) trait LenientInt: Sized + Copy {
    const NAME: &'static str;
    fn from_u64(v: u64) -> Option<Self>;
    fn from_i64(v: i64) -> Option<Self>;
}

impl LenientInt for u64 {
    const NAME: &'static str = "an unsigned integer";
    fn from_u64(v: u64) -> Option<Self> {
        Some(v)
    }
    fn from_i64(v: i64) -> Option<Self> {
        u64::try_from(v).ok()
    }
}

impl LenientInt for u32 {
    const NAME: &'static str = "an unsigned 32-bit integer";
    fn from_u64(v: u64) -> Option<Self> {
        u32::try_from(v).ok()
    }
    fn from_i64(v: i64) -> Option<Self> {
        u32::try_from(v).ok()
    }
}

impl LenientInt for i64 {
    const NAME: &'static str = "an integer";
    fn from_u64(v: u64) -> Option<Self> {
        i64::try_from(v).ok()
    }
    fn from_i64(v: i64) -> Option<Self> {
        Some(v)
    }
}

impl<'de, T: LenientInt> Visitor<'de> for IntVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (a whole-number float is accepted)", T::NAME)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<T, E> {
        T::from_u64(v).ok_or_else(|| E::invalid_value(de::Unexpected::Unsigned(v), &self))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<T, E> {
        T::from_i64(v).ok_or_else(|| E::invalid_value(de::Unexpected::Signed(v), &self))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<T, E> {
        // Whole numbers only; 2^63 bounds keep the cast exact enough for timestamps and counts.
        if v.is_finite() && v.fract() == 0.0 && v.abs() < 9.2e18 {
            #[allow(clippy::cast_possible_truncation)]
            let i = v as i64;
            T::from_i64(i).ok_or_else(|| E::invalid_value(de::Unexpected::Float(v), &self))
        } else {
            Err(E::invalid_value(de::Unexpected::Float(v), &self))
        }
    }
}

struct Lenient<T>(T);

impl<'de, T: LenientInt> Deserialize<'de> for Lenient<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(IntVisitor(std::marker::PhantomData))
            .map(Lenient)
    }
}

/// An integer that may arrive as `60.0`; `null` means zero.
pub(crate) fn int_or_zero<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: LenientInt + Default,
{
    Ok(Option::<Lenient<T>>::deserialize(d)?
        .map(|l| l.0)
        .unwrap_or_default())
}

/// An optional integer that may arrive as `60.0`.
pub(crate) fn opt_int<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: LenientInt,
{
    Ok(Option::<Lenient<T>>::deserialize(d)?.map(|l| l.0))
}

/// A list whose usual length is known (48 or 53 emotions, 67 burst descriptions): reserves
/// `N` up front so parsing does not re-grow the vector several times. `null` is empty.
pub(crate) fn list_of<'de, D, T, const N: usize>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    struct ListVisitor<T, const N: usize>(std::marker::PhantomData<T>);

    impl<'de, T: Deserialize<'de>, const N: usize> Visitor<'de> for ListVisitor<T, N> {
        type Value = Vec<T>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a list or null")
        }

        fn visit_unit<E: de::Error>(self) -> Result<Vec<T>, E> {
            Ok(Vec::new())
        }

        fn visit_none<E: de::Error>(self) -> Result<Vec<T>, E> {
            Ok(Vec::new())
        }

        fn visit_some<D2: Deserializer<'de>>(self, d: D2) -> Result<Vec<T>, D2::Error> {
            d.deserialize_seq(self)
        }

        fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
            let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(N).min(4096));
            while let Some(item) = seq.next_element()? {
                out.push(item);
            }
            Ok(out)
        }
    }

    d.deserialize_option(ListVisitor::<T, N>(std::marker::PhantomData))
}

/// [`list_of`] for an optional list: `null` stays `None`.
pub(crate) fn opt_list_of<'de, D, T, const N: usize>(d: D) -> Result<Option<Vec<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    struct Wrap<T, const N: usize>(Vec<T>);

    impl<'de, T: Deserialize<'de>, const N: usize> Deserialize<'de> for Wrap<T, N> {
        fn deserialize<D2: Deserializer<'de>>(d: D2) -> Result<Self, D2::Error> {
            list_of::<D2, T, N>(d).map(Wrap)
        }
    }

    Ok(Option::<Wrap<T, N>>::deserialize(d)?.map(|w| w.0))
}

#[cfg(test)]
mod tests;
