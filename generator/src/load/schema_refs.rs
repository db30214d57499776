//! References to schemas written anywhere in the description, not only among its components.
//!
//! OpenAPI lets a `$ref` name any schema of the document by its JSON pointer: a response may
//! refer to another operation's request body schema (`#/paths/~1pets/post/requestBody/content/
//! application~1json/schema`), or to one property of a component. Before the document is typed,
//! each such schema becomes a component of its own (named after where it was written, and
//! referred to from there too), so the type space sees only component references and the schema
//! gets one named type. A reference that leads to no schema (a pointer into nothing, through
//! another `$ref`, or in a loop) cannot be resolved: every operation and component that needs it
//! is left out, each with a warning naming the pointer; the rest of the description stays.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value};

use crate::diagnostics::{pointer_token, Diagnostics, Location};

const SCHEMAS: &str = "#/components/schemas/";

/// How many references one chain may pass through before it is taken for a loop.
const MAX_CHAIN: usize = 64;

/// What a place in the document holds, by the OpenAPI 3.0 object it is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    Root,
    Paths,
    Components,
    /// `components/<kind>`: its entries are of the kind.
    Entries(Kind),
    PathItem,
    Operation,
    Parameter,
    RequestBody,
    Response,
    MediaType,
    /// `content`, `headers`, `encoding`, `callbacks`, …: a map whose values are the kind.
    Map(Kind),
    /// A list whose items are the kind (`parameters`, `allOf`, …).
    List(Kind),
    Encoding,
    Callback,
    Schema,
    /// A schema's `properties`.
    Properties,
    Other,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Schema,
    Parameter,
    RequestBody,
    Response,
    Header,
    MediaType,
    Encoding,
    Callback,
}

impl Kind {
    fn place(self) -> Place {
        match self {
            Kind::Schema => Place::Schema,
            // A header object is a parameter without `name` and `in`.
            Kind::Parameter | Kind::Header => Place::Parameter,
            Kind::RequestBody => Place::RequestBody,
            Kind::Response => Place::Response,
            Kind::MediaType => Place::MediaType,
            Kind::Encoding => Place::Encoding,
            Kind::Callback => Place::Callback,
        }
    }
}

const METHODS: [&str; 8] = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/// The place one step below `place`, through key `token`.
fn step(place: Place, token: &str) -> Place {
    match (place, token) {
        (Place::Root, "paths") => Place::Paths,
        (Place::Root, "components") => Place::Components,
        (Place::Paths, _) | (Place::Callback, _) => Place::PathItem,
        (Place::Components, "schemas") => Place::Entries(Kind::Schema),
        (Place::Components, "parameters") => Place::Entries(Kind::Parameter),
        (Place::Components, "requestBodies") => Place::Entries(Kind::RequestBody),
        (Place::Components, "responses") => Place::Entries(Kind::Response),
        (Place::Components, "headers") => Place::Entries(Kind::Header),
        (Place::Components, "callbacks") => Place::Entries(Kind::Callback),
        (Place::Entries(kind), _) | (Place::Map(kind), _) | (Place::List(kind), _) => kind.place(),
        (Place::PathItem, "parameters") | (Place::Operation, "parameters") => Place::List(Kind::Parameter),
        (Place::PathItem, method) if METHODS.contains(&method) => Place::Operation,
        (Place::Operation, "requestBody") => Place::RequestBody,
        (Place::Operation, "responses") => Place::Map(Kind::Response),
        (Place::Operation, "callbacks") => Place::Map(Kind::Callback),
        (Place::Parameter, "schema") | (Place::MediaType, "schema") => Place::Schema,
        (Place::Parameter, "content") | (Place::RequestBody, "content") | (Place::Response, "content") => {
            Place::Map(Kind::MediaType)
        }
        (Place::Response, "headers") | (Place::Encoding, "headers") => Place::Map(Kind::Header),
        (Place::MediaType, "encoding") => Place::Map(Kind::Encoding),
        (Place::Schema, "properties") => Place::Properties,
        (Place::Properties, _) => Place::Schema,
        (Place::Schema, "items" | "additionalProperties" | "not") => Place::Schema,
        (Place::Schema, "allOf" | "anyOf" | "oneOf") => Place::List(Kind::Schema),
        _ => Place::Other,
    }
}

/// The place a JSON pointer's tokens lead to.
fn place_of(tokens: &[String]) -> Place {
    tokens.iter().fold(Place::Root, |place, token| step(place, token))
}

/// The tokens of a local reference (`#/a/b~1c`), unescaped; `None` for another file's.
fn tokens_of(reference: &str) -> Option<Vec<String>> {
    let pointer = reference.strip_prefix('#')?;
    if pointer.is_empty() {
        return Some(Vec::new());
    }
    let pointer = pointer.strip_prefix('/')?;
    let pointer = percent_decoded(pointer);
    Some(
        pointer
            .split('/')
            .map(|t| t.replace("~1", "/").replace("~0", "~"))
            .collect(),
    )
}

/// A URI fragment's `%XX` escapes decoded (`application%2Fjson` is written so at times).
fn percent_decoded(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn pointer_of(tokens: &[String]) -> String {
    tokens.iter().map(|t| format!("/{}", pointer_token(t))).collect()
}

/// Whether a reference names a component of its own kind's table (`#/components/schemas/x`),
/// the form the model resolves itself.
fn names_a_component(tokens: &[String]) -> bool {
    tokens.len() == 3 && tokens[0] == "components"
}

/// The value a pointer's tokens name, following no `$ref` on the way.
fn get<'v>(doc: &'v Value, tokens: &[String]) -> Option<&'v Value> {
    tokens.iter().try_fold(doc, |value, token| match value {
        Value::Object(map) => map.get(token),
        Value::Array(list) => token.parse::<usize>().ok().and_then(|i| list.get(i)),
        _ => None,
    })
}

fn get_mut<'v>(doc: &'v mut Value, tokens: &[String]) -> Option<&'v mut Value> {
    tokens.iter().try_fold(doc, |value, token| match value {
        Value::Object(map) => map.get_mut(token),
        Value::Array(list) => token.parse::<usize>().ok().and_then(|i| list.get_mut(i)),
        _ => None,
    })
}

/// Every `$ref` written at a schema's place: (the place's pointer tokens, the reference).
/// Nothing below a place that is no OpenAPI object can be a schema, so such subtrees
/// (examples, extensions, …: most of a large description) are not walked.
fn schema_refs<'v>(
    value: &'v Value,
    tokens: &mut Vec<Cow<'v, str>>,
    place: Place,
    found: &mut Vec<(Vec<String>, String)>,
) {
    if place == Place::Other {
        return;
    }
    match value {
        Value::Object(map) => {
            if let (Place::Schema, Some(Value::String(reference))) = (place, map.get("$ref")) {
                found.push((tokens.iter().map(|t| t.to_string()).collect(), reference.clone()));
            }
            for (key, child) in map {
                tokens.push(Cow::Borrowed(key));
                schema_refs(child, tokens, step(place, key), found);
                tokens.pop();
            }
        }
        Value::Array(list) => {
            for (i, child) in list.iter().enumerate() {
                let index = i.to_string();
                let below = step(place, &index);
                tokens.push(Cow::Owned(index));
                schema_refs(child, tokens, below, found);
                tokens.pop();
            }
        }
        _ => {}
    }
}

/// Why a reference leads to no schema.
fn unresolved(doc: &Value, reference: &str) -> Result<Vec<String>, String> {
    let mut reference = reference.to_owned();
    for _ in 0..MAX_CHAIN {
        let tokens = tokens_of(&reference).ok_or("it names another file")?;
        if names_a_component(&tokens) {
            return match tokens[1] == "schemas" {
                true => Ok(tokens),
                false => Err("it leads to a component that is no schema".to_owned()),
            };
        }
        if place_of(&tokens) != Place::Schema {
            return Err("no schema is written at that JSON pointer".to_owned());
        }
        let target = get(doc, &tokens).ok_or("nothing is written at that JSON pointer")?;
        match target.get("$ref").and_then(Value::as_str) {
            Some(next) => reference = next.to_owned(),
            None => return Ok(tokens),
        }
    }
    Err(format!("it leads through more than {MAX_CHAIN} references"))
}

/// The name of the component a schema written at `tokens` becomes: the operation (its
/// `operationId`, else method and path) or component it is written in, then the steps inside.
fn component_name(doc: &Value, tokens: &[String]) -> String {
    let mut words = Vec::new();
    let mut place = Place::Root;
    for (i, token) in tokens.iter().enumerate() {
        let next = step(place, token);
        match (place, next) {
            (Place::Paths, _) => words.extend(token.split(|c: char| !c.is_ascii_alphanumeric()).map(str::to_owned)),
            (_, Place::Operation) => {
                match get(doc, &tokens[..=i])
                    .and_then(|op| op.get("operationId"))
                    .and_then(Value::as_str)
                {
                    Some(id) => {
                        words.clear();
                        words.push(id.to_owned());
                    }
                    None => words.push(token.clone()),
                }
            }
            (Place::Operation, Place::RequestBody) => words.push("request".to_owned()),
            (Place::Map(Kind::Response), _) => words.extend(["response".to_owned(), token.clone()]),
            (Place::Entries(_), _) | (Place::Properties, _) | (Place::List(Kind::Parameter), _) => {
                let named = get(doc, &tokens[..=i])
                    .and_then(|p| p.get("name"))
                    .and_then(Value::as_str);
                words.push(named.unwrap_or(token).to_owned());
            }
            (Place::Schema, Place::Schema) if token == "items" => words.push("item".to_owned()),
            (Place::List(Kind::Schema), _) => words.push(format!("variant {token}")),
            _ => {}
        }
        place = next;
    }
    let name: Vec<String> = words
        .iter()
        .flat_map(|w| w.split(|c: char| !c.is_ascii_alphanumeric()))
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    match name.is_empty() {
        true => "schema".to_owned(),
        false => name.join("_"),
    }
}

/// Makes every schema that a reference names outside `components/schemas` a component, and
/// leaves out what needs a reference that leads to no schema; the warnings say what and why.
pub fn resolve(file: &str, doc: &mut Value) -> Diagnostics {
    let mut diags = Diagnostics::new();
    let mut found = Vec::new();
    schema_refs(doc, &mut Vec::new(), Place::Root, &mut found);
    // Reference → the schema's pointer tokens it leads to, or why it leads to none.
    let mut targets: BTreeMap<String, Result<Vec<String>, String>> = BTreeMap::new();
    for (_, reference) in &found {
        if tokens_of(reference).is_some_and(|t| names_a_component(&t)) || !reference.starts_with('#') {
            // Component references, missing ones included, and other files' are the model's.
            continue;
        }
        if !targets.contains_key(reference) {
            targets.insert(reference.clone(), unresolved(doc, reference));
        }
    }
    if targets.is_empty() {
        return diags;
    }
    // Each schema written in place and referred to gets a component, named deterministically.
    let mut taken: BTreeSet<String> = doc
        .pointer("/components/schemas")
        .and_then(Value::as_object)
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default();
    let mut hoisted: BTreeMap<Vec<String>, String> = BTreeMap::new();
    let places: BTreeSet<Vec<String>> = targets
        .values()
        .filter_map(|t| t.as_ref().ok())
        .filter(|t| !names_a_component(t))
        .cloned()
        .collect();
    for tokens in places {
        let base = component_name(doc, &tokens);
        let mut name = base.clone();
        let mut n = 2;
        while taken.contains(&name) {
            name = format!("{base}_{n}");
            n += 1;
        }
        taken.insert(name.clone());
        hoisted.insert(tokens, name);
    }
    let rewritten: BTreeMap<&String, String> = targets
        .iter()
        .filter_map(|(reference, target)| {
            let tokens = target.as_ref().ok()?;
            Some(match hoisted.get(tokens) {
                Some(name) => (reference, format!("{SCHEMAS}{}", pointer_token(name))),
                None => (reference, format!("#{}", pointer_of(tokens))),
            })
        })
        .collect();
    // References first (moving schemas changes where they are), then the schemas, the deepest
    // first: a schema holding another is moved with the other's reference in it.
    for (site, reference) in &found {
        if let Some(new) = rewritten.get(reference) {
            if let Some(Value::Object(map)) = get_mut(doc, site) {
                map.insert("$ref".to_owned(), Value::String(new.clone()));
            }
        }
    }
    let mut moves: Vec<(&Vec<String>, &String)> = hoisted.iter().collect();
    moves.sort_by_key(|(tokens, _)| std::cmp::Reverse(tokens.len()));
    for (tokens, name) in moves {
        let reference = Value::Object(Map::from_iter([(
            "$ref".to_owned(),
            Value::String(format!("{SCHEMAS}{}", pointer_token(name))),
        )]));
        let Some(slot) = get_mut(doc, tokens) else { continue };
        let schema = std::mem::replace(slot, reference);
        let root = doc.as_object_mut().expect("a description is a mapping");
        let components = root.entry("components").or_insert_with(|| Value::Object(Map::new()));
        if let Value::Object(components) = components {
            let schemas = components.entry("schemas").or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(schemas) = schemas {
                schemas.insert(name.clone(), schema);
            }
        }
    }
    let broken: BTreeMap<&String, &String> = targets
        .iter()
        .filter_map(|(reference, target)| Some((reference, target.as_ref().err()?)))
        .collect();
    if !broken.is_empty() {
        leave_out_what_needs(file, doc, &broken, &mut diags);
    }
    diags
}

/// The `$ref`s written anywhere inside a value.
fn refs_in<'v>(value: &'v Value, out: &mut Vec<&'v str>) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(reference)) = map.get("$ref") {
                out.push(reference);
            }
            map.values().for_each(|v| refs_in(v, out));
        }
        Value::Array(list) => list.iter().for_each(|v| refs_in(v, out)),
        _ => {}
    }
}

/// Removes each component and operation that needs, itself or through components it refers
/// to, a reference in `broken` (reference → why it leads to no schema).
fn leave_out_what_needs(file: &str, doc: &mut Value, broken: &BTreeMap<&String, &String>, diags: &mut Diagnostics) {
    // Component (`#/components/kind/name`) → the references written in it.
    let mut components: BTreeMap<String, Vec<String>> = BTreeMap::new();
    if let Some(Value::Object(kinds)) = doc.get("components") {
        for (kind, entries) in kinds {
            for (name, entry) in entries.as_object().into_iter().flatten() {
                let mut refs = Vec::new();
                refs_in(entry, &mut refs);
                let key = format!("#/components/{}/{}", pointer_token(kind), pointer_token(name));
                components.insert(key, refs.into_iter().map(str::to_owned).collect());
            }
        }
    }
    // The broken reference each component needs, found by spreading from the broken ones.
    let mut needs: BTreeMap<String, String> = BTreeMap::new();
    loop {
        let before = needs.len();
        for (key, refs) in &components {
            if needs.contains_key(key) {
                continue;
            }
            let reason = refs.iter().find_map(|r| match broken.contains_key(r) {
                true => Some(r.clone()),
                false => needs.get(r).cloned(),
            });
            if let Some(reason) = reason {
                needs.insert(key.clone(), reason);
            }
        }
        if needs.len() == before {
            break;
        }
    }
    let why = |reference: &String| {
        format!(
            "`$ref: {reference}` cannot be resolved: {}",
            broken.get(reference).map_or("", |s| s.as_str())
        )
    };
    let mut operations = Vec::new();
    if let Some(Value::Object(paths)) = doc.get("paths") {
        for (path, item) in paths {
            let mut shared = Vec::new();
            if let Some(parameters) = item.get("parameters") {
                refs_in(parameters, &mut shared);
            }
            for method in METHODS {
                let Some(operation) = item.get(method) else { continue };
                let mut refs = shared.clone();
                refs_in(operation, &mut refs);
                let reason = refs.iter().find_map(|r| match broken.get_key_value(&r.to_string()) {
                    Some((key, _)) => Some((*key).clone()),
                    None => needs.get(*r).cloned(),
                });
                if let Some(reason) = reason {
                    operations.push((path.clone(), method, reason));
                }
            }
        }
    }
    for (path, method, reason) in operations {
        let pointer = format!("/paths/{}/{method}", pointer_token(&path));
        diags.warning(
            Location::Pointer {
                file: file.to_owned(),
                pointer: pointer.clone(),
            },
            format!("{}; the operation is left out", why(&reason)),
        );
        if let Some(Value::Object(item)) = doc.pointer_mut(&format!("/paths/{}", pointer_token(&path))) {
            item.remove(method);
        }
    }
    for (key, reason) in needs {
        let tokens = tokens_of(&key).unwrap_or_default();
        diags.warning(
            Location::Pointer {
                file: file.to_owned(),
                pointer: pointer_of(&tokens),
            },
            format!("{}; the component is left out", why(&reason)),
        );
        if let [_, kind, name] = tokens.as_slice() {
            if let Some(Value::Object(entries)) = doc.pointer_mut(&format!("/components/{}", pointer_token(kind))) {
                entries.remove(name);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::resolve;

    #[test]
    fn a_schema_named_by_its_place_in_an_operation_becomes_a_component() {
        let mut doc = json!({
            "openapi": "3.0.0",
            "paths": {"/pets": {
                "post": {"operationId": "addPet", "requestBody": {"content": {"application/json": {
                    "schema": {"type": "object", "properties": {"name": {"type": "string"}}}
                }}}},
                "get": {"responses": {"200": {"description": "ok", "content": {"application/json": {
                    "schema": {"$ref": "#/paths/~1pets/post/requestBody/content/application~1json/schema"}
                }}}}}
            }}
        });
        let diags = resolve("t.json", &mut doc);
        assert_eq!(diags.warnings().count(), 0);
        let named = json!({"$ref": "#/components/schemas/addpet_request"});
        assert_eq!(
            doc.pointer("/paths/~1pets/post/requestBody/content/application~1json/schema"),
            Some(&named)
        );
        assert_eq!(
            doc.pointer("/paths/~1pets/get/responses/200/content/application~1json/schema"),
            Some(&named)
        );
        assert_eq!(
            doc.pointer("/components/schemas/addpet_request/properties/name/type"),
            Some(&json!("string"))
        );
    }

    #[test]
    fn a_chain_of_references_ends_at_the_component_it_reaches() {
        let mut doc = json!({
            "openapi": "3.0.0",
            "paths": {"/a": {
                "post": {"requestBody": {"content": {"application/json": {"schema": {
                    "type": "object", "properties": {"x": {"$ref": "#/components/schemas/offset"}}
                }}}}},
                "get": {"responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {
                    "type": "object", "properties": {"before": {
                        "$ref": "#/paths/~1a/post/requestBody/content/application~1json/schema/properties/x"
                    }}
                }}}}}}
            }},
            "components": {"schemas": {"offset": {"type": "integer"}}}
        });
        resolve("t.json", &mut doc);
        assert_eq!(
            doc.pointer("/paths/~1a/get/responses/200/content/application~1json/schema/properties/before"),
            Some(&json!({"$ref": "#/components/schemas/offset"}))
        );
        assert_eq!(
            doc.pointer("/components/schemas").unwrap().as_object().unwrap().len(),
            1
        );
    }

    #[test]
    fn what_needs_a_reference_to_nothing_is_left_out_with_a_warning_naming_it() {
        let mut doc = json!({
            "openapi": "3.0.0",
            "paths": {"/a": {
                "get": {"responses": {"200": {"description": "ok", "content": {"application/json": {
                    "schema": {"$ref": "#/components/schemas/uses_missing"}
                }}}}},
                "put": {"responses": {"200": {"description": "ok"}}}
            }},
            "components": {"schemas": {
                "uses_missing": {"type": "object", "properties": {"m": {"$ref": "#/paths/~1nowhere/get"}}},
                "fine": {"type": "string"}
            }}
        });
        let diags = resolve("t.json", &mut doc);
        let warnings: Vec<String> = diags.warnings().map(|w| w.to_string()).collect();
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        assert!(warnings
            .iter()
            .all(|w| w.contains("`$ref: #/paths/~1nowhere/get` cannot be resolved")));
        assert!(warnings[0].contains("/paths/~1a/get") && warnings[0].contains("operation is left out"));
        assert!(warnings[1].contains("/components/schemas/uses_missing"));
        assert!(doc.pointer("/paths/~1a/get").is_none());
        assert!(doc.pointer("/paths/~1a/put").is_some());
        assert!(doc.pointer("/components/schemas/uses_missing").is_none());
        assert!(doc.pointer("/components/schemas/fine").is_some());
    }
}
