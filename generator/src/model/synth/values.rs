//! A value for a schema of the description, by the precedence of [`super`]'s module docs.

use std::cell::RefCell;
use std::collections::HashSet;

use indexmap::IndexMap;
use openapiv3::{AdditionalProperties, ReferenceOr, Schema, SchemaKind, StringFormat, VariantOrUnknownOrEmpty};
use serde_json::{json, Map, Value};

use super::conform::{self, is_multiple, Conformance, Facets};
use super::pattern;
use crate::diagnostics::pointer_token;

/// How deep the walk goes before it gives up on a branch: far beyond any real description's
/// nesting, well within the pipeline's stack.
const MAX_DEPTH: usize = 32;

/// How many levels of optional fields an answer shows.
const OPTIONAL_DEPTH: usize = 3;

/// What a value is for: a request holds the smallest call the description allows, an answer
/// shows what a caller reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Purpose {
    /// Required fields only, no `readOnly` one.
    Request,
    /// Required fields, and optional ones down to [`OPTIONAL_DEPTH`] levels, no `writeOnly`
    /// one.
    Answer,
}

/// Makes values for the schemas of one description, and says where the description gave
/// one it could not use.
pub(super) struct Sampler<'o> {
    pub(super) purpose: Purpose,
    pub(super) conformance: &'o Conformance<'o>,
    /// `(JSON pointer, what is wrong)` for each written value passed over and each rule no
    /// value was found for.
    pub(super) warnings: RefCell<Vec<(String, String)>>,
}

/// Where the walk stands: the component schemas it is inside of (a reference back to one of
/// them is a cycle, which only a required field follows, once), its depth and the JSON
/// pointer of the schema at hand.
#[derive(Default)]
struct Walk<'o> {
    components: Vec<&'o str>,
    depth: usize,
    pointer: String,
    /// Fields that an `allOf` part requires of the object another part declares, with the
    /// depth of that object.
    also_required: Option<(usize, Vec<String>)>,
}

impl<'o> Walk<'o> {
    /// Runs `step` with the pointer moved down by `token`.
    fn under<T>(&mut self, token: &str, step: impl FnOnce(&mut Self) -> T) -> T {
        let length = self.pointer.len();
        self.pointer.push('/');
        self.pointer.push_str(token);
        let value = step(self);
        self.pointer.truncate(length);
        value
    }
}

impl<'o> Sampler<'o> {
    pub(super) fn new(conformance: &'o Conformance<'o>, purpose: Purpose) -> Self {
        Sampler {
            purpose,
            conformance,
            warnings: RefCell::default(),
        }
    }

    /// A value for `schema` found at `pointer`; `None` when only a cycle or a schema too
    /// deep could give one, or when no value meets its rules.
    pub(super) fn value(&self, schema: &'o ReferenceOr<Schema>, pointer: &str) -> Option<Value> {
        let mut walk = Walk {
            pointer: pointer.to_owned(),
            ..Walk::default()
        };
        self.of(schema, &mut walk)
    }

    pub(super) fn warn(&self, pointer: &str, message: String) {
        self.warnings.borrow_mut().push((pointer.to_owned(), message));
    }

    fn of(&self, schema: &'o ReferenceOr<Schema>, walk: &mut Walk<'o>) -> Option<Value> {
        match schema {
            ReferenceOr::Item(schema) => self.schema(schema, walk),
            ReferenceOr::Reference { reference } => self.reference(reference, walk),
        }
    }

    fn of_boxed(&self, schema: &'o ReferenceOr<Box<Schema>>, walk: &mut Walk<'o>) -> Option<Value> {
        match schema {
            ReferenceOr::Item(schema) => self.schema(schema, walk),
            ReferenceOr::Reference { reference } => self.reference(reference, walk),
        }
    }

    fn reference(&self, reference: &'o str, walk: &mut Walk<'o>) -> Option<Value> {
        let name = reference.strip_prefix("#/components/schemas/")?;
        if walk.components.contains(&name) {
            return None;
        }
        let schema = self.component(name)?;
        walk.components.push(name);
        let outer = std::mem::replace(
            &mut walk.pointer,
            format!("/components/schemas/{}", pointer_token(name)),
        );
        let value = self.schema(schema, walk);
        walk.pointer = outer;
        walk.components.pop();
        value
    }

    fn component(&self, name: &str) -> Option<&'o Schema> {
        match self.conformance.openapi.components.as_ref()?.schemas.get(name)? {
            ReferenceOr::Item(schema) => Some(schema),
            ReferenceOr::Reference { .. } => None,
        }
    }

    /// The schema a property's reference names, to read its `readOnly` and `writeOnly`.
    fn resolved_boxed(&self, schema: &'o ReferenceOr<Box<Schema>>) -> Option<&'o Schema> {
        self.conformance.boxed_schema_of(schema)
    }

    fn schema(&self, schema: &'o Schema, walk: &mut Walk<'o>) -> Option<Value> {
        let data = &schema.schema_data;
        if let Some(example) = &data.example {
            match self.conformance.problem_in(schema, example) {
                None => return Some(example.clone()),
                Some(why) => self.warn(
                    &format!("{}/example", walk.pointer),
                    format!("the example does not fit its schema: {why}; the sample takes the next source"),
                ),
            }
        }
        if let Some(default) = data.default.as_ref().filter(|d| !is_reference_object(d)) {
            match self.conformance.problem_in(schema, default) {
                None => return Some(default.clone()),
                Some(why) => self.warn(
                    &format!("{}/default", walk.pointer),
                    format!("the default does not fit its schema: {why}; the sample takes the next source"),
                ),
            }
        }
        if walk.depth >= MAX_DEPTH {
            return None;
        }
        walk.depth += 1;
        let value = self.kind(schema, walk);
        walk.depth -= 1;
        value
    }

    fn kind(&self, schema: &'o Schema, walk: &mut Walk<'o>) -> Option<Value> {
        let facets = Facets::of(schema);
        if let Some(first) = facets
            .enumeration
            .iter()
            .find(|v| !v.is_null())
            .or(facets.enumeration.first())
        {
            return Some(first.clone());
        }
        // Fields declared beside a `oneOf` or `anyOf` belong to every branch.
        let beside = matches!(schema.schema_kind, SchemaKind::Any(_)) && facets.properties.is_some();
        for (branches, keyword) in [(facets.one_of, "oneOf"), (facets.any_of, "anyOf")] {
            if !branches.is_empty() {
                let base = if beside { self.object(&facets, walk) } else { None };
                return self.branch(schema, branches, keyword, base, walk);
            }
        }
        if !facets.all_of.is_empty() {
            // Fields declared beside an `allOf` are one more part of it.
            let own = if beside { self.object(&facets, walk) } else { None };
            return self.all_of(schema, facets.all_of, own, walk);
        }
        match facets.typ {
            Some("string") => Some(Value::String(self.string(&facets, walk))),
            Some("integer") => Some(self.number(&facets, true, walk)),
            Some("number") => Some(self.number(&facets, false, walk)),
            Some("boolean") => Some(Value::Bool(true)),
            Some("array") => self.array(&facets, walk),
            // `items` makes a list only where no other type is named: a validating server
            // holds `{type: object, items: …}` to its type, as the model does.
            None if facets.items.is_some() => self.array(&facets, walk),
            _ if facets.not.is_some() && facets.typ.is_none() && facets.properties.is_none() => self.not(schema, walk),
            _ => self.object(&facets, walk),
        }
    }

    /// A string placeholder of the schema's format and length, made to match its `pattern`.
    fn string(&self, facets: &Facets<'o>, walk: &Walk<'o>) -> String {
        let text = string(&format_of(&facets.format), facets.min_length, facets.max_length);
        let Some(regex_text) = facets.pattern else {
            return text;
        };
        if conform::matches(regex_text, &text) == Some(true) {
            return text;
        }
        match pattern::matching(regex_text, facets.min_length, facets.max_length) {
            Ok(matching) => matching,
            Err(why) => {
                self.warn(
                    &format!("{}/pattern", walk.pointer),
                    format!("no string was made to match the pattern `{regex_text}`: {why}"),
                );
                text
            }
        }
    }

    /// Zero, or the number nearest to it that the bounds and `multipleOf` allow.
    fn number(&self, facets: &Facets<'o>, whole: bool, walk: &Walk<'o>) -> Value {
        let (low, high) = (facets.minimum, facets.maximum);
        let (exclusive_low, exclusive_high) = (facets.exclusive_minimum, facets.exclusive_maximum);
        let Some(step) = facets.multiple_of.filter(|step| *step > 0.0) else {
            return match whole {
                true => json!(integer(
                    low.map(|m| m.ceil() as i64),
                    exclusive_low && low.is_some_and(|m| m.fract() == 0.0),
                    high.map(|m| m.floor() as i64),
                    exclusive_high && high.is_some_and(|m| m.fract() == 0.0),
                )),
                false => number(bounded(low, exclusive_low, high, exclusive_high)),
            };
        };
        let above = |n: f64| low.map_or(true, |l| n > l || (n == l && !exclusive_low));
        let below = |n: f64| high.map_or(true, |h| n < h || (n == h && !exclusive_high));
        // Zero is a multiple of every step; else the multiple nearest the bound that rules
        // it out.
        let candidate = if above(0.0) && below(0.0) {
            0.0
        } else if let Some(l) = low.filter(|l| *l > 0.0 || (*l == 0.0 && exclusive_low)) {
            let mut k = (l / step).ceil();
            if !above(k * step) {
                k += 1.0;
            }
            k * step
        } else {
            let h = high.unwrap_or_default();
            let mut k = (h / step).floor();
            if !below(k * step) {
                k -= 1.0;
            }
            k * step
        };
        // Decimal steps leave rounding dust behind (0.07 as 0.07000000000000001).
        let candidate = (candidate * 1e9).round() / 1e9;
        if !(above(candidate) && below(candidate) && is_multiple(candidate, step))
            || (whole && candidate.fract() != 0.0)
        {
            self.warn(
                &walk.pointer,
                "no number meets both the bounds and the `multipleOf` of this schema".to_owned(),
            );
        }
        number(candidate)
    }

    /// A value the schema's `not` refuses: the first of an object, a string, a number, a
    /// boolean and a list that it does.
    fn not(&self, schema: &'o Schema, walk: &Walk<'o>) -> Option<Value> {
        let found = [json!({}), json!("string"), json!(0), json!(true), json!([])]
            .into_iter()
            .find(|value| self.conformance.problem_in(schema, value).is_none());
        if found.is_none() {
            self.warn(&walk.pointer, "no value was found that its `not` allows".to_owned());
        }
        found
    }

    fn array(&self, facets: &Facets<'o>, walk: &mut Walk<'o>) -> Option<Value> {
        let Some(items) = facets.items else {
            return Some(json!([]));
        };
        // A cycle through a list ends in an empty list, which every list schema without
        // `minItems` allows.
        let Some(item) = walk.under("items", |walk| self.of_boxed(items, walk)) else {
            return Some(json!([]));
        };
        let count = facets.min_items.unwrap_or(1).max(1);
        if !facets.unique_items || count == 1 {
            return Some(Value::Array(vec![item; count]));
        }
        // Distinct items: the values an `enum` lists, else variations of the first item.
        let schema = self.conformance.boxed_schema_of(items);
        let listed = schema.map(|s| Facets::of(s).enumeration).unwrap_or_default();
        let values: Vec<Value> = match listed.len() >= count {
            true => listed.into_iter().take(count).collect(),
            false => (0..count).map(|i| vary(&item, i)).collect(),
        };
        let fits = schema.map_or(true, |s| {
            values.iter().all(|v| self.conformance.problem_in(s, v).is_none())
        });
        if !fits {
            self.warn(
                &walk.pointer,
                format!("no {count} distinct items were found that its `uniqueItems` asks for"),
            );
        }
        Some(Value::Array(values))
    }

    fn object(&self, facets: &Facets<'o>, walk: &mut Walk<'o>) -> Option<Value> {
        let (also_required, in_all_of) = match walk.also_required.take() {
            Some((depth, names)) if depth == walk.depth => (names, true),
            other => {
                walk.also_required = other;
                (Vec::new(), false)
            }
        };
        let properties = facets.properties.into_iter().flatten();
        let declares_none = facets.properties.map_or(true, IndexMap::is_empty);
        let required = facets.required;
        let mut object = Map::new();
        let mut optional = Vec::new();
        for (name, property) in properties {
            let is_required = required.contains(name) || also_required.contains(name);
            let data = self.resolved_boxed(property).map(|s| &s.schema_data);
            let hidden = match self.purpose {
                Purpose::Request => data.is_some_and(|d| d.read_only),
                Purpose::Answer => data.is_some_and(|d| d.write_only),
            };
            if hidden && !is_required {
                continue;
            }
            let shown = match self.purpose {
                Purpose::Request => is_required,
                Purpose::Answer => is_required || walk.depth <= OPTIONAL_DEPTH,
            };
            if !shown {
                optional.push((name, property));
                continue;
            }
            let token = format!("properties/{}", pointer_token(name));
            match walk.under(&token, |walk| self.of_boxed(property, walk)) {
                Some(value) => {
                    object.insert(name.clone(), value);
                }
                None if is_required => return None,
                None => {}
            }
        }
        // A required field the schema does not declare is required all the same, in a request
        // and in an answer (in an `allOf` part, another part may declare it: the merged value
        // is given the ones no part declares).
        if !in_all_of {
            let undeclared = required
                .iter()
                .filter(|name| !facets.properties.is_some_and(|p| p.contains_key(*name)));
            if !self.fill_undeclared(&mut object, undeclared, facets.additional, walk) {
                return None;
            }
        }
        // `minProperties` asks for optional fields too.
        for (name, property) in optional {
            if facets.min_properties.map_or(true, |min| object.len() >= min) {
                break;
            }
            let token = format!("properties/{}", pointer_token(name));
            if let Some(value) = walk.under(&token, |walk| self.of_boxed(property, walk)) {
                object.insert(name.clone(), value);
            }
        }
        if let Some(AdditionalProperties::Schema(values)) = facets.additional {
            let wanted = match self.purpose {
                Purpose::Answer => declares_none,
                Purpose::Request => facets.min_properties.is_some_and(|min| object.len() < min),
            };
            if wanted {
                if let Some(value) = walk.under("additionalProperties", |walk| self.of(values, walk)) {
                    object.insert("key".to_owned(), value);
                }
            }
        }
        Some(Value::Object(object))
    }

    /// Gives each required name no property declares a value: one its `additionalProperties`
    /// schema accepts, else a string. An object closed by `additionalProperties: false`
    /// admits no such field: no value fits it, which is a warning and `false`.
    fn fill_undeclared<'n>(
        &self,
        object: &mut Map<String, Value>,
        names: impl Iterator<Item = &'n String>,
        additional: Option<&'o AdditionalProperties>,
        walk: &mut Walk<'o>,
    ) -> bool {
        let closed = matches!(additional, Some(AdditionalProperties::Any(false)));
        for name in names {
            if object.contains_key(name) {
                continue;
            }
            if closed {
                self.warn(
                    &walk.pointer,
                    format!(
                        "`{name}` is listed in `required` but no property declares it, and \
                         `additionalProperties: false` forbids it: no value fits the schema"
                    ),
                );
                return false;
            }
            let value = match additional {
                Some(AdditionalProperties::Schema(values)) => {
                    walk.under("additionalProperties", |walk| self.of(values, walk))
                }
                _ => None,
            };
            object.insert(
                name.clone(),
                value.unwrap_or_else(|| Value::String("string".to_owned())),
            );
        }
        true
    }

    /// A value of one branch; in an object, the discriminator set to the branch's name (its
    /// `mapping` key, else its component's name). For `oneOf` the value must match exactly
    /// that branch: a value the others accept too is told apart from them (see
    /// [`Sampler::tell_apart`]) or the next branch is tried. `base` holds the fields
    /// declared beside the branches.
    fn branch(
        &self,
        schema: &'o Schema,
        branches: &'o [ReferenceOr<Schema>],
        keyword: &str,
        base: Option<Value>,
        walk: &mut Walk<'o>,
    ) -> Option<Value> {
        let exactly_one = keyword == "oneOf";
        for (i, branch) in branches.iter().enumerate() {
            let Some(mut value) = walk.under(&format!("{keyword}/{i}"), |walk| self.of(branch, walk)) else {
                continue;
            };
            if let (Some(Value::Object(base)), Value::Object(object)) = (&base, &mut value) {
                for (name, field) in base {
                    object.entry(name.clone()).or_insert_with(|| field.clone());
                }
            }
            if let (Some(discriminator), Value::Object(object)) = (&schema.schema_data.discriminator, &mut value) {
                if let Some(tag) = tag(discriminator, branch) {
                    object.insert(discriminator.property_name.clone(), Value::String(tag));
                }
            }
            if !self.conformance.fits(branch, &value) {
                continue;
            }
            if !exactly_one {
                return Some(value);
            }
            let accepted: Vec<bool> = branches.iter().map(|b| self.conformance.fits(b, &value)).collect();
            if accepted.iter().filter(|a| **a).count() == 1 {
                return Some(value);
            }
            if let Some(value) = self.tell_apart(value, i, branches) {
                return Some(value);
            }
        }
        self.warn(
            &walk.pointer,
            match exactly_one {
                true => "no value was found that matches exactly one branch of its `oneOf`".to_owned(),
                false => "no value was found that matches a branch of its `anyOf`".to_owned(),
            },
        );
        None
    }

    /// `value`, of branch `chosen`, with fields the other branches declare and `chosen` does
    /// not, each given a value of another type, until no other branch accepts it; `None`
    /// when that is not enough.
    fn tell_apart(&self, value: Value, chosen: usize, branches: &'o [ReferenceOr<Schema>]) -> Option<Value> {
        let Value::Object(mut object) = value else {
            return None;
        };
        let own = self.declared(&branches[chosen]);
        let own_names: HashSet<&str> = own.iter().map(|(name, _)| name.as_str()).collect();
        for (j, other) in branches.iter().enumerate() {
            if j == chosen || !self.conformance.fits(other, &Value::Object(object.clone())) {
                continue;
            }
            for (name, property) in self.declared(other) {
                if own_names.contains(name.as_str()) || object.contains_key(name) {
                    continue;
                }
                let typ = self
                    .conformance
                    .boxed_schema_of(property)
                    .and_then(|s| Facets::of(s).typ);
                let other_type = match typ {
                    Some("string") => json!(0),
                    Some(_) => json!("string"),
                    None => continue,
                };
                object.insert(name.clone(), other_type);
                let value = Value::Object(object.clone());
                if self.conformance.fits(&branches[chosen], &value) && !self.conformance.fits(other, &value) {
                    break;
                }
                object.remove(name);
            }
        }
        let value = Value::Object(object);
        let accepted = branches.iter().filter(|b| self.conformance.fits(b, &value)).count();
        (accepted == 1 && self.conformance.fits(&branches[chosen], &value)).then_some(value)
    }

    /// The properties a schema declares, through its `allOf` parts.
    fn declared(&self, schema: &'o ReferenceOr<Schema>) -> Vec<(&'o String, &'o ReferenceOr<Box<Schema>>)> {
        let mut found = Vec::new();
        let mut queue = vec![schema];
        let mut seen = 0;
        while let Some(next) = queue.pop() {
            seen += 1;
            if seen > 64 {
                break;
            }
            let Some(schema) = self.conformance.schema_of(next) else {
                continue;
            };
            let facets = Facets::of(schema);
            found.extend(facets.properties.into_iter().flatten());
            queue.extend(facets.all_of);
        }
        found
    }

    /// Every part's fields, merged, each part's fields required where any part requires them;
    /// a part that is no object gives the value alone. Parts that ask for values no one value
    /// meets give none.
    fn all_of(
        &self,
        schema: &'o Schema,
        parts: &'o [ReferenceOr<Schema>],
        own: Option<Value>,
        walk: &mut Walk<'o>,
    ) -> Option<Value> {
        let required: Vec<String> = parts
            .iter()
            .filter_map(|part| self.conformance.schema_of(part))
            .flat_map(|schema| Facets::of(schema).required.to_vec())
            .collect();
        let mut merged = match own {
            Some(Value::Object(fields)) => fields,
            _ => Map::new(),
        };
        let mut alone = None;
        for (i, part) in parts.iter().enumerate() {
            walk.also_required = Some((walk.depth + 1, required.clone()));
            let value = walk.under(&format!("allOf/{i}"), |walk| self.of(part, walk));
            walk.also_required = None;
            match value? {
                Value::Object(fields) => merged.extend(fields),
                other => {
                    alone = Some(other);
                    break;
                }
            }
        }
        if alone.is_none() {
            // A name one part requires and no part declares: the parts gave it no value.
            let undeclared: Vec<&String> = required.iter().filter(|name| !merged.contains_key(*name)).collect();
            let additional = Facets::of(schema).additional;
            if !self.fill_undeclared(&mut merged, undeclared.into_iter(), additional, walk) {
                return None;
            }
        }
        let value = alone.unwrap_or(Value::Object(merged));
        match self.conformance.problem_in(schema, &value) {
            None => Some(value),
            Some(why) => {
                self.warn(
                    &walk.pointer,
                    format!("no value was found that every part of its `allOf` accepts ({why})"),
                );
                None
            }
        }
    }
}

/// The discriminator's value that names `branch`: its `mapping` key, else its component's name.
fn tag(discriminator: &openapiv3::Discriminator, branch: &ReferenceOr<Schema>) -> Option<String> {
    let ReferenceOr::Reference { reference } = branch else {
        return None;
    };
    let name = reference.rsplit('/').next().unwrap_or_default();
    Some(
        discriminator
            .mapping
            .iter()
            // A mapping names a schema by reference or by its name alone.
            .find(|(_, target)| *target == reference || *target == name)
            .map_or_else(|| name.to_owned(), |(tag, _)| tag.clone()),
    )
}

/// The `index`th of distinct variations of a value: numbers counted up, strings numbered.
fn vary(value: &Value, index: usize) -> Value {
    match value {
        Value::Number(n) if n.is_i64() => json!(n.as_i64().unwrap_or_default() + index as i64),
        Value::Number(n) => json!(n.as_f64().unwrap_or_default() + index as f64),
        Value::String(s) if index > 0 => Value::String(format!("{s}{index}")),
        Value::Bool(b) if index > 0 => Value::Bool(!b),
        Value::Object(fields) if index > 0 => {
            let mut fields = fields.clone();
            if let Some((_, first)) = fields.iter_mut().next() {
                *first = vary(first, index);
            }
            Value::Object(fields)
        }
        other => other.clone(),
    }
}

/// A placeholder for a string of this format, of a length within the bounds where it can be.
fn string(format: &VariantOrUnknownOrEmpty<StringFormat>, min: Option<usize>, max: Option<usize>) -> String {
    let fixed = |text: &str| text.to_owned();
    let text = match format {
        VariantOrUnknownOrEmpty::Item(StringFormat::Date) => fixed("2024-01-01"),
        VariantOrUnknownOrEmpty::Item(StringFormat::DateTime) => fixed("2024-01-01T00:00:00Z"),
        VariantOrUnknownOrEmpty::Item(StringFormat::Password) => fixed("password"),
        VariantOrUnknownOrEmpty::Item(StringFormat::Byte) => fixed("c3RyaW5n"),
        VariantOrUnknownOrEmpty::Item(StringFormat::Binary) => fixed("string"),
        VariantOrUnknownOrEmpty::Unknown(format) => match format.as_str() {
            "uuid" => fixed("3fa85f64-5717-4562-b3fc-2c963f66afa6"),
            "email" => fixed("user@example.com"),
            "uri" | "url" | "uri-reference" | "iri" => fixed("https://example.com"),
            "hostname" => fixed("example.com"),
            "ipv4" => fixed("192.0.2.1"),
            "ipv6" => fixed("2001:db8::1"),
            "time" => fixed("00:00:00Z"),
            "duration" => fixed("P1D"),
            _ => fixed("string"),
        },
        VariantOrUnknownOrEmpty::Empty => fixed("string"),
    };
    // A format's placeholder has one valid length; a plain one stretches or shrinks.
    let plain = !matches!(
        format,
        VariantOrUnknownOrEmpty::Item(StringFormat::Date | StringFormat::DateTime)
    ) && !matches!(format, VariantOrUnknownOrEmpty::Unknown(f) if f != "password");
    if !plain {
        return text;
    }
    let mut text = text;
    if let Some(min) = min {
        while text.chars().count() < min {
            text.push('x');
        }
    }
    if let Some(max) = max {
        text = text.chars().take(max).collect();
    }
    text
}

fn format_of(format: &Option<String>) -> VariantOrUnknownOrEmpty<StringFormat> {
    match format.as_deref() {
        None | Some("") => VariantOrUnknownOrEmpty::Empty,
        Some("date") => VariantOrUnknownOrEmpty::Item(StringFormat::Date),
        Some("date-time") => VariantOrUnknownOrEmpty::Item(StringFormat::DateTime),
        Some("password") => VariantOrUnknownOrEmpty::Item(StringFormat::Password),
        Some("byte") => VariantOrUnknownOrEmpty::Item(StringFormat::Byte),
        Some("binary") => VariantOrUnknownOrEmpty::Item(StringFormat::Binary),
        Some(other) => VariantOrUnknownOrEmpty::Unknown(other.to_owned()),
    }
}

/// Zero, or the nearest whole number the bounds allow.
fn integer(min: Option<i64>, exclusive_min: bool, max: Option<i64>, exclusive_max: bool) -> i64 {
    let low = min.map(|m| if exclusive_min { m.saturating_add(1) } else { m });
    let high = max.map(|m| if exclusive_max { m.saturating_sub(1) } else { m });
    match (low, high) {
        (Some(low), _) if low > 0 => low,
        (_, Some(high)) if high < 0 => high,
        _ => 0,
    }
}

/// Zero, or the nearest whole number (else the bound itself) the bounds allow.
fn bounded(min: Option<f64>, exclusive_min: bool, max: Option<f64>, exclusive_max: bool) -> f64 {
    match (min, max) {
        (Some(low), _) if low > 0.0 || (low == 0.0 && exclusive_min) => {
            let whole = if exclusive_min { low.floor() + 1.0 } else { low.ceil() };
            match max {
                Some(high) if whole > high || (exclusive_max && whole >= high) => low,
                _ => whole,
            }
        }
        (_, Some(high)) if high < 0.0 || (high == 0.0 && exclusive_max) => {
            if exclusive_max {
                high.ceil() - 1.0
            } else {
                high.floor()
            }
        }
        _ => 0.0,
    }
}

/// A number as JSON writes it: whole numbers without a fraction.
fn number(value: f64) -> Value {
    if value.fract() == 0.0 && value.abs() < 9.0e15 {
        json!(value as i64)
    } else {
        json!(value)
    }
}

/// Whether a `default` is a `$ref` object rather than a value (the model warns about those).
fn is_reference_object(value: &Value) -> bool {
    value.as_object().is_some_and(|o| o.contains_key("$ref"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The values made for each schema of a small description's components.
    fn values(purpose: Purpose, schemas: Value) -> Map<String, Value> {
        let openapi: openapiv3::OpenAPI = serde_json::from_value(json!({
            "openapi": "3.0.3",
            "info": {"title": "t", "version": "1"},
            "paths": {},
            "components": {"schemas": schemas},
        }))
        .unwrap();
        let conformance = Conformance::new(&openapi);
        let sampler = Sampler::new(&conformance, purpose);
        let names: Vec<String> = openapi.components.as_ref().unwrap().schemas.keys().cloned().collect();
        names
            .into_iter()
            .map(|name| {
                let schema = ReferenceOr::ref_(&format!("#/components/schemas/{name}"));
                let value = sampler.value(&schema, "").unwrap_or(Value::Null);
                (name, value)
            })
            .collect()
    }

    #[test]
    fn the_first_of_example_default_enum_and_placeholder_wins() {
        let got = values(
            Purpose::Request,
            json!({
                "example_first": {"type": "string", "example": "ex", "default": "def", "enum": ["a", "def", "ex"]},
                "default_next": {"type": "string", "default": "def", "enum": ["a", "def"]},
                "bad_example": {"type": "string", "example": "ex", "default": "def", "enum": ["a"]},
                "enum_next": {"type": "string", "enum": ["a", "b"]},
                "uuid": {"type": "string", "format": "uuid"},
                "date_time": {"type": "string", "format": "date-time"},
                "email": {"type": "string", "format": "email"},
                "short": {"type": "string", "maxLength": 3},
                "long": {"type": "string", "minLength": 8},
                "at_least_five": {"type": "integer", "minimum": 5},
                "below_zero": {"type": "integer", "maximum": -2, "exclusiveMaximum": true},
                "fraction": {"type": "number", "minimum": 0.5},
                "flag": {"type": "boolean"},
                "two_items": {"type": "array", "items": {"type": "integer"}, "minItems": 2},
            }),
        );
        assert_eq!(
            Value::Object(got),
            json!({
                "example_first": "ex",
                "default_next": "def",
                "bad_example": "a",
                "enum_next": "a",
                "uuid": "3fa85f64-5717-4562-b3fc-2c963f66afa6",
                "date_time": "2024-01-01T00:00:00Z",
                "email": "user@example.com",
                "short": "str",
                "long": "stringxx",
                "at_least_five": 5,
                "below_zero": -3,
                "fraction": 1,
                "flag": true,
                "two_items": [0, 0],
            })
        );
    }

    #[test]
    fn list_items_that_may_be_null_are_values_unless_null_is_all_they_allow() {
        let got = values(
            Purpose::Request,
            json!({
                "nullable": {"type": "array", "items": {"type": "string", "nullable": true}},
                "null_listed_first": {"type": "array", "items": {"type": "string", "nullable": true, "enum": [null, "a"]}},
                "untyped": {"type": "array", "items": {"properties": {"day": {"type": "string"}}, "required": ["day"]}},
                "only_null": {"type": "array", "items": {"nullable": true, "enum": [null]}},
            }),
        );
        assert_eq!(
            Value::Object(got),
            json!({
                "nullable": ["string"],
                "null_listed_first": ["a"],
                "untyped": [{"day": "string"}],
                "only_null": [null],
            })
        );
    }

    #[test]
    fn written_values_that_break_their_schema_give_way_with_a_warning() {
        let openapi: openapiv3::OpenAPI = serde_json::from_value(json!({
            "openapi": "3.0.3",
            "info": {"title": "t", "version": "1"},
            "paths": {},
            "components": {"schemas": {
                "sid": {"type": "string", "pattern": "^AC[0-9a-f]{4}$", "example": "nope"},
                "nothing": {"allOf": [{"type": "string"}, {"type": "integer"}]},
            }},
        }))
        .unwrap();
        let conformance = Conformance::new(&openapi);
        let sampler = Sampler::new(&conformance, Purpose::Request);
        let sid = ReferenceOr::ref_("#/components/schemas/sid");
        assert_eq!(sampler.value(&sid, "/x"), Some(json!("ACaaaa")));
        let nothing = ReferenceOr::ref_("#/components/schemas/nothing");
        assert_eq!(sampler.value(&nothing, "/y"), None);
        let warnings = sampler.warnings.into_inner();
        let pointers: Vec<&str> = warnings.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(
            pointers,
            ["/components/schemas/sid/example", "/components/schemas/nothing"]
        );
        assert!(
            warnings[0].1.contains("does not match its `pattern`"),
            "{}",
            warnings[0].1
        );
    }

    #[test]
    fn one_of_values_match_exactly_one_branch() {
        let got = values(
            Purpose::Request,
            json!({
                "first": {"type": "object", "properties": {"a": {"type": "string"}}},
                "second": {"type": "object", "properties": {"b": {"type": "string"}}},
                "either": {"oneOf": [{"$ref": "#/components/schemas/first"}, {"$ref": "#/components/schemas/second"}]},
                "number_or_text": {"oneOf": [{"type": "number"}, {"type": "integer"}, {"type": "string"}]},
            }),
        );
        // `{}` is both; a `b` that is no string rules out the second.
        assert_eq!(got["either"], json!({"b": 0}));
        // 0 is a number and an integer both; the string is one branch only.
        assert_eq!(got["number_or_text"], json!("string"));
    }

    #[test]
    fn requests_hold_required_fields_and_answers_optional_ones_too() {
        let schemas = json!({
            "pet": {
                "type": "object",
                "required": ["name"],
                "properties": {
                    "id": {"type": "integer", "readOnly": true},
                    "name": {"type": "string", "example": "doggie"},
                    "tag": {"type": "string"},
                    "secret": {"type": "string", "writeOnly": true},
                    "parent": {"$ref": "#/components/schemas/pet"},
                },
            },
        });
        assert_eq!(
            values(Purpose::Request, schemas.clone())["pet"],
            json!({"name": "doggie"})
        );
        // The cycle back to `pet` is not followed: `parent` is optional.
        assert_eq!(
            values(Purpose::Answer, schemas)["pet"],
            json!({"id": 0, "name": "doggie", "tag": "string"})
        );
    }

    #[test]
    fn a_union_takes_its_first_branch_with_the_discriminator_set() {
        let got = values(
            Purpose::Request,
            json!({
                "cat": {"type": "object", "required": ["kind", "lives"], "properties": {
                    "kind": {"type": "string"}, "lives": {"type": "integer", "example": 9}}},
                "dog": {"type": "object", "required": ["kind"], "properties": {"kind": {"type": "string"}}},
                "by_mapping": {
                    "oneOf": [{"$ref": "#/components/schemas/cat"}, {"$ref": "#/components/schemas/dog"}],
                    "discriminator": {"propertyName": "kind", "mapping": {"Cat": "cat"}},
                },
                "by_name": {
                    "anyOf": [{"$ref": "#/components/schemas/dog"}],
                    "discriminator": {"propertyName": "kind"},
                },
                "merged": {"allOf": [
                    {"$ref": "#/components/schemas/dog"},
                    {"required": ["name"]},
                    {"type": "object", "properties": {"name": {"type": "string"}}},
                ]},
            }),
        );
        // `{kind: Cat, lives: 9}` is a dog as well (a dog takes any other field): the dog alone
        // is one branch only.
        assert_eq!(got["by_mapping"], json!({"kind": "dog"}));
        assert_eq!(got["by_name"], json!({"kind": "dog"}));
        // `name` is required by one part and declared by another.
        assert_eq!(got["merged"], json!({"kind": "string", "name": "string"}));
    }
}
