//! Decoding that allows missing fields, for servers that answer in an older shape than the
//! description (a fake server, an older deployment): opted into with
//! [`SeamBuilder::allow_missing_fields`](crate::SeamBuilder::allow_missing_fields), feature
//! `missing-fields`. Without the feature only [`Decoded`] and a bodiless [`absent`] remain, so
//! that the generated types' decoding compiles as it would without this module.
//!
//! Strict decoding stays the default and is untouched by this module: a field the description
//! marks as always present but that an answer lacks is an [`Error::Decode`](crate::Error).
//! Under the option, such a field takes its type's empty value (`""`, `0`, `false`, an empty
//! list or map, `None`, an enum's `Other("")`, a union's `Unknown(null)`, a struct whose own
//! fields are empty), and its JSON path is reported: in a `tracing` warning (feature
//! `tracing`) and in [`Decoded::missing_fields`] for a call awaited through `.with_decode_report()`.
//!
//! The generated types' visitors know neither their place in the answer nor whether the option
//! is on, so a decode in this mode walks the answer with [`Tracked`], which keeps the path of
//! the object being read in a thread-local state that [`absent`] reads. Decoding is
//! synchronous, so the state never outlives one decode or crosses an `.await`.

// Without the feature `missing-fields` the decoder is left unused.
#![cfg_attr(not(feature = "missing-fields"), allow(dead_code, unused_imports))]

use std::cell::RefCell;

use serde::de::{self, Deserialize, DeserializeOwned, DeserializeSeed, IntoDeserializer, Visitor};
use serde_json::Value;

/// A call's result and the fields its answer lacked.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Decoded<T> {
    /// The result, with each missing field set to its type's empty value.
    pub value: T,
    /// The JSON path of each field the description marks as always present that the answer
    /// lacked (e.g. `acs_users[0].pending_mutations`), in the order met; always empty unless
    /// the client was built with
    /// [`SeamBuilder::allow_missing_fields`](crate::SeamBuilder::allow_missing_fields).
    pub missing_fields: Vec<String>,
}

/// The state of one decode that allows missing fields.
#[derive(Default)]
struct State {
    /// The paths of the objects being read, innermost last.
    objects: Vec<String>,
    /// The path of the object read last, for a union's variant read again from its value.
    last_object: String,
    /// The missing fields found so far.
    missing: Vec<String>,
    /// How deep inside an empty value being made up: its own fields are not reported.
    filling: usize,
    /// Where the first error happened.
    error_path: Option<String>,
}

thread_local! {
    static STATE: RefCell<Option<State>> = const { RefCell::new(None) };
}

/// Without the feature `missing-fields`, no field may be missing: the caller fails with serde's
/// "missing field".
#[doc(hidden)]
#[cfg(not(feature = "missing-fields"))]
pub fn absent<'de, T: Deserialize<'de>>(_field: &str) -> Option<T> {
    None
}

/// The value of the required field `field` that the object being read lacks, when missing
/// fields are allowed: its type's empty value, the field's path recorded. `None` otherwise,
/// and the caller fails with serde's "missing field".
#[doc(hidden)]
#[cfg(feature = "missing-fields")]
pub fn absent<'de, T: Deserialize<'de>>(field: &str) -> Option<T> {
    let allowed = STATE.with(|state| {
        let mut state = state.borrow_mut();
        let state = state.as_mut()?;
        if state.filling == 0 {
            let parent = state.objects.last().map(String::as_str).unwrap_or("");
            let path = child_path(parent, field);
            state.missing.push(path);
        }
        state.filling += 1;
        Some(())
    });
    allowed?;
    let value = T::deserialize(Empty).ok();
    STATE.with(|state| {
        if let Some(state) = state.borrow_mut().as_mut() {
            state.filling -= 1;
        }
    });
    value
}

/// The empty value of `T`, as a missing field of that type takes it; its own fields are not
/// reported.
pub(crate) fn empty<T: DeserializeOwned>() -> Result<T, String> {
    struct Reset(Option<State>);
    impl Drop for Reset {
        fn drop(&mut self) {
            let outer = self.0.take();
            STATE.with(|state| *state.borrow_mut() = outer);
        }
    }
    let filling = State {
        filling: 1,
        ..State::default()
    };
    let _reset = Reset(STATE.with(|state| state.borrow_mut().replace(filling)));
    T::deserialize(Empty).map_err(|e| e.to_string())
}

/// The path of the object a union's tag was just read from, when missing fields are allowed.
pub(crate) fn last_object() -> Option<String> {
    STATE.with(|state| state.borrow().as_ref().map(|s| s.last_object.clone()))
}

/// `value` decoded as `T`, missing fields allowed and reported, paths starting at `root`
/// (the response key; empty for the whole body). An error comes with the path where it
/// happened.
pub(crate) fn decode<T: DeserializeOwned>(value: &Value, root: &str) -> Result<(T, Vec<String>), (String, String)> {
    struct Reset(Option<State>);
    impl Drop for Reset {
        fn drop(&mut self) {
            let outer = self.0.take();
            STATE.with(|state| *state.borrow_mut() = outer);
        }
    }
    // A decode inside a decode (a union's variant) keeps the outer one's state.
    let outer = STATE.with(|state| state.borrow_mut().replace(State::default()));
    let reset = Reset(outer);
    let result = T::deserialize(Tracked::new(value, root.to_owned()));
    let state = STATE.with(|state| state.borrow_mut().take()).unwrap_or_default();
    drop(reset);
    match result {
        Ok(value) => Ok((value, state.missing)),
        Err(e) => Err((state.error_path.unwrap_or_else(|| root.to_owned()), e.to_string())),
    }
}

/// A union's variant read again from its value, inside a decode that allows missing fields:
/// the variant's paths continue the union's.
pub(crate) fn variant<T: DeserializeOwned>(value: &Value, root: String) -> Result<T, serde_json::Error> {
    T::deserialize(Tracked::new(value, root))
}

fn child_path(parent: &str, field: &str) -> String {
    if parent.is_empty() {
        field.to_owned()
    } else {
        format!("{parent}.{field}")
    }
}

/// Records where the first error happened: the innermost place, reached first.
fn located<T>(result: Result<T, serde_json::Error>, path: &str) -> Result<T, serde_json::Error> {
    if result.is_err() {
        STATE.with(|state| {
            if let Some(state) = state.borrow_mut().as_mut() {
                state.error_path.get_or_insert_with(|| path.to_owned());
            }
        });
    }
    result
}

/// A JSON value read with its path known.
struct Tracked<'a> {
    value: &'a Value,
    path: String,
}

impl<'a> Tracked<'a> {
    fn new(value: &'a Value, path: String) -> Self {
        Tracked { value, path }
    }
}

impl<'de> de::Deserializer<'de> for Tracked<'de> {
    type Error = serde_json::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        let path = self.path;
        let result = match self.value {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(*b),
            Value::Number(n) => match (n.as_u64(), n.as_i64()) {
                (Some(u), _) => visitor.visit_u64(u),
                (None, Some(i)) => visitor.visit_i64(i),
                _ => visitor.visit_f64(n.as_f64().unwrap_or(f64::NAN)),
            },
            Value::String(s) => visitor.visit_borrowed_str(s),
            Value::Array(items) => visitor.visit_seq(Items {
                items: items.iter().enumerate(),
                path: &path,
            }),
            Value::Object(fields) => {
                STATE.with(|state| {
                    if let Some(state) = state.borrow_mut().as_mut() {
                        state.objects.push(path.clone());
                    }
                });
                let result = visitor.visit_map(Fields {
                    fields: fields.iter(),
                    pending: None,
                    path: &path,
                });
                STATE.with(|state| {
                    if let Some(state) = state.borrow_mut().as_mut() {
                        state.objects.pop();
                        state.last_object = path.clone();
                    }
                });
                result
            }
        };
        located(result, &path)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        match self.value {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        match self.value {
            Value::String(s) => visitor.visit_enum(s.as_str().into_deserializer()),
            other => de::Deserializer::deserialize_enum(other, name, variants, visitor),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf unit
        unit_struct seq tuple tuple_struct map struct identifier ignored_any
    }
}

/// A list's items, each with its index in its path.
struct Items<'a, 'p> {
    items: std::iter::Enumerate<std::slice::Iter<'a, Value>>,
    path: &'p str,
}

impl<'de> de::SeqAccess<'de> for Items<'de, '_> {
    type Error = serde_json::Error;

    fn next_element_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<Option<S::Value>, Self::Error> {
        match self.items.next() {
            None => Ok(None),
            Some((index, value)) => seed
                .deserialize(Tracked::new(value, format!("{}[{index}]", self.path)))
                .map(Some),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

/// An object's fields, each with its name in its path.
struct Fields<'a, 'p> {
    fields: serde_json::map::Iter<'a>,
    pending: Option<(&'a String, &'a Value)>,
    path: &'p str,
}

impl<'de> de::MapAccess<'de> for Fields<'de, '_> {
    type Error = serde_json::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Self::Error> {
        match self.fields.next() {
            None => Ok(None),
            Some((key, value)) => {
                self.pending = Some((key, value));
                seed.deserialize(de::value::BorrowedStrDeserializer::new(key)).map(Some)
            }
        }
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, Self::Error> {
        let (key, value) = self
            .pending
            .take()
            .ok_or_else(|| de::Error::custom("a value asked for before its key"))?;
        seed.deserialize(Tracked::new(value, child_path(self.path, key)))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.fields.len())
    }
}

/// Gives each type its empty value: the one a missing field takes.
struct Empty;

impl<'de> de::Deserializer<'de> for Empty {
    type Error = serde_json::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        visitor.visit_unit()
    }
    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        visitor.visit_bool(false)
    }
    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        visitor.visit_i64(0)
    }
    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        visitor.visit_u64(0)
    }
    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        visitor.visit_f64(0.0)
    }
    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        visitor.visit_borrowed_str("")
    }
    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        visitor.visit_borrowed_str("")
    }
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        visitor.visit_none()
    }
    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        visitor.visit_seq(de::value::SeqDeserializer::<_, serde_json::Error>::new(
            std::iter::empty::<Value>(),
        ))
    }
    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        visitor.visit_map(de::value::MapDeserializer::<_, serde_json::Error>::new(
            std::iter::empty::<(Value, Value)>(),
        ))
    }
    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        visitor.visit_newtype_struct(self)
    }

    serde::forward_to_deserialize_any! {
        i8 i16 i32 i128 u8 u16 u32 u128 f32 char bytes byte_buf unit unit_struct tuple tuple_struct
        struct enum identifier ignored_any
    }
}
