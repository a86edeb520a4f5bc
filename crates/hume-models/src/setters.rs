//! `with_setters!`: builder-lite `with_*` methods for the public fields of a model type.
//!
//! Most model types are `#[non_exhaustive]`, so other crates cannot build them with struct
//! literals; they start from `Default` (or a constructor) and chain `with_*` calls instead.

/// Generates `pub fn with_x(self, value: impl Into<T>) -> Self` setters, one per listed field:
/// `setter => field: T` assigns the field, `setter => Some(field): T` sets an `Option<T>`
/// field to `Some(value)`.
macro_rules! with_setters {
    ($ty:ident $(<$gen:ident>)? { $($items:tt)* }) => {
        impl $(<$gen>)? $ty $(<$gen>)? {
            with_setters!(@items $($items)*);
        }
    };
    (@items) => {};
    (@items $setter:ident => Some($field:ident): $t:ty $(, $($rest:tt)*)?) => {
        #[doc = concat!("Sets [`", stringify!($field), "`](Self::", stringify!($field), ").")]
        #[must_use]
        pub fn $setter(mut self, value: impl Into<$t>) -> Self {
            self.$field = Some(value.into());
            self
        }
        with_setters!(@items $($($rest)*)?);
    };
    (@items $setter:ident => $field:ident: $t:ty $(, $($rest:tt)*)?) => {
        #[doc = concat!("Sets [`", stringify!($field), "`](Self::", stringify!($field), ").")]
        #[must_use]
        pub fn $setter(mut self, value: impl Into<$t>) -> Self {
            self.$field = value.into();
            self
        }
        with_setters!(@items $($($rest)*)?);
    };
}
