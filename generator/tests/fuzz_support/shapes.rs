//! A generator of well-formed OpenAPI 3.0 descriptions in Seam's dialect, each with a valid
//! sample per endpoint.
//!
//! Component schemas combine `allOf`, `oneOf`, `anyOf`, `not`, `nullable`, `items`,
//! `additionalProperties`, `properties` and discriminators (with `mapping`), with self and
//! mutual `$ref`s at every position, in the idioms of real descriptions: a nullable reference
//! written `{allOf: [$ref], nullable: true}`, inheritance as `allOf: [$ref base, {properties}]`,
//! discriminated unions whose variants extend a base, arrays and maps of references, deeply
//! nested inline objects, enums, and names that are Rust keywords, single letters or
//! identifiers of the generated client's runtime.
//!
//! A schema is first built as a [`Schema`] tree, so the same tree both renders the description
//! and yields the samples' values, which therefore match it by construction.

use serde_json::{json, Map, Value};

use super::Rng;

/// Component names: ordinary ones, names that fold onto each other, Rust keywords, single
/// letters (the generic parameters of serde's traits) and the identifiers that the client's
/// runtime, its macros and the standard prelude declare.
const TYPE_NAMES: &[&str] = &[
    "node",
    "Node",
    "tree",
    "branch",
    "device",
    "acs_user",
    "access_group",
    "event",
    "a",
    "d",
    "s",
    "t",
    "A",
    "D",
    "S",
    "T",
    "E",
    "K",
    "V",
    "Value",
    "Map",
    "Visitor",
    "Error",
    "Result",
    "Option",
    "Some",
    "None",
    "Ok",
    "Box",
    "String",
    "Vec",
    "Seam",
    "Pages",
    "Response",
    "Call",
    "Endpoint",
    "Key",
    "Method",
    "Fallback",
    "Default",
    "Serialize",
    "Deserialize",
    "Deserializer",
    "MapAccess",
    "Formatter",
    "serde",
    "std",
    "core",
    "type",
    "self",
    "Self",
    "match",
    "fn",
    "crate",
    "super",
    "loop",
    "async",
    "dyn",
    "ref",
    "r#type",
    "unknown",
    "Unknown",
    "Other",
];

/// Property names: ordinary ones, keywords, single letters, runtime identifiers, and wire
/// names that are not identifiers.
const PROPERTY_NAMES: &[&str] = &[
    "id",
    "name",
    "parent",
    "children",
    "next",
    "items",
    "value",
    "map",
    "key",
    "a",
    "d",
    "s",
    "t",
    "A",
    "self",
    "Self",
    "type",
    "match",
    "ref",
    "crate",
    "error",
    "result",
    "response",
    "method",
    "pages",
    "seam",
    "ok",
    "kind",
    "default",
    "fallback",
    "visitor",
    "a-b",
    "a_b",
    "a.b",
    "2fa",
    "héllo",
    "with space",
];

/// Discriminator properties.
const TAG_PROPERTIES: &[&str] = &["type", "kind", "object", "self", "t", "Type"];

/// Tags of union variants and enum values, some of which fold onto each other.
const WORDS: &[&str] = &[
    "on", "off", "on_hold", "on-hold", "OnHold", "self", "Self", "type", "unknown", "Unknown", "other", "Other", "a",
    "A", "2x", "é", "none", "some", "value",
];

/// Namespaces and methods of endpoints.
/// Group names, some of which cannot name a folder as they are (dots only, a device name, a
/// character Windows forbids) or would be the crate root's module file (`lib`). Not `..`: a
/// URL resolves it, so the client would call another path than its samples' (the pages'
/// handling of `..` is tested by `tests/untrusted_input.rs`).
const GROUPS: &[&str] = &[
    "nodes", "devices", "acs", "type", "self", "match", "a", "seam", "pages", "response", "...", "con", "lib", "a:b",
];
const METHODS: &[&str] = &[
    "get", "list", "create", "update", "delete", "type", "loop", "match", "call", "send", "a", "new", "default", "fn",
    "pages", "key", "readme", "aux", "...",
];

/// Strings for sample values: plain, and full of the delimiters of Rust strings, comments and
/// templates.
const TEXTS: &[&str] = &[
    "plain",
    "",
    "with \"quotes\" and \\backslashes\\",
    "ends a comment */ here",
    "raw string end \"# and ##",
    "{{ template }} {% raw %}",
    "line\nbreak",
    "ünïcode ✓",
    "$(touch RAN) `touch RAN` !! #{x} %s ${HOME} it's",
    "<script>alert(1)</script> <b>kept</b>",
];

/// A schema of the description, before it is written as OpenAPI.
#[derive(Debug, Clone)]
pub enum Schema {
    String {
        format: Option<&'static str>,
    },
    Integer,
    Number,
    Boolean,
    /// A string enum; a single value pins a discriminator.
    Enum(Vec<&'static str>),
    /// A reference to the component of that index.
    Ref(usize),
    Object(Object),
    /// `type: array` with `items`.
    Array(Box<Schema>),
    /// `type: object` with only `additionalProperties`.
    Map(Box<Schema>),
    AllOf(Vec<Schema>),
    /// `oneOf` or `anyOf`.
    Union {
        keyword: &'static str,
        variants: Vec<Schema>,
        discriminator: Option<Discriminator>,
    },
    /// `not`: any value but a string.
    NotString,
    /// The inner schema with `nullable: true` beside its keywords.
    Nullable(Box<Schema>),
}

#[derive(Debug, Clone, Default)]
pub struct Object {
    pub properties: Vec<(&'static str, Schema)>,
    pub required: Vec<&'static str>,
}

#[derive(Debug, Clone)]
pub struct Discriminator {
    pub property: &'static str,
    /// Tag → the component of the variant, for variants given by reference.
    pub mapping: Vec<(&'static str, usize)>,
}

/// A component schema.
#[derive(Debug, Clone)]
pub struct Component {
    pub name: &'static str,
    pub schema: Schema,
}

/// One POST endpoint.
#[derive(Debug, Clone)]
pub struct Endpoint {
    pub group: &'static str,
    pub method: &'static str,
    pub params: Object,
    /// `x-response-key` and the schema of the value under it; `None` when it returns nothing.
    pub response: Option<(&'static str, Schema)>,
}

impl Endpoint {
    pub fn path(&self) -> String {
        format!("/{}/{}", self.group, self.method)
    }
}

/// A generated description.
#[derive(Debug, Clone)]
pub struct Description {
    pub components: Vec<Component>,
    pub endpoints: Vec<Endpoint>,
    /// Written as an ordinary REST description rather than in Seam's dialect (see [`Rest`]).
    pub rest: bool,
}

/// How the `i`-th endpoint is written in a REST description: named by tag and `operationId`,
/// returning its value as the whole body; every other one with a path parameter, every
/// third with a query parameter, every second with a header, every fourth with a cookie;
/// each with one of five security schemes.
struct Rest;

impl Rest {
    /// Wire names no generated property takes.
    const PATH_PARAM: &'static str = "fuzz_key";
    const QUERY_PARAM: &'static str = "fuzz_query";
    const HEADER_PARAM: &'static str = "X-Fuzz-Trace";
    const COOKIE_PARAM: &'static str = "fuzz_session";
    const SCHEMES: [&'static str; 5] = ["bearer", "basic", "key_header", "key_query", "key_cookie"];

    fn path(endpoint: &Endpoint, i: usize) -> String {
        match i % 2 {
            1 => format!("{}/{{{}}}", endpoint.path(), Rest::PATH_PARAM),
            _ => endpoint.path(),
        }
    }

    fn http_method(endpoint: &Endpoint, i: usize) -> &'static str {
        match endpoint.params.properties.is_empty() {
            false => ["post", "put", "patch"][i % 3],
            true => ["get", "delete"][i % 2],
        }
    }

    /// The parameters apart from the body: name, where, required.
    fn parameters(i: usize) -> Vec<(&'static str, &'static str, bool)> {
        let mut params = Vec::new();
        if i % 2 == 1 {
            params.push((Rest::PATH_PARAM, "path", true));
        }
        if i % 3 == 0 {
            params.push((Rest::QUERY_PARAM, "query", false));
        }
        if i % 2 == 0 {
            params.push((Rest::HEADER_PARAM, "header", i % 4 == 0));
        }
        if i % 4 == 1 {
            params.push((Rest::COOKIE_PARAM, "cookie", false));
        }
        params
    }
}

/// What a component is, decided for every component before any schema is written, so that
/// references can point at components written later.
#[derive(Debug, Clone)]
enum Form {
    /// An object with properties.
    Object,
    /// `allOf: [$ref base, {properties}]`; the base may be the component itself.
    Extends {
        base: usize,
    },
    /// A variant of a discriminated union: an object, or an extension of a base, that pins
    /// the discriminator to its tag.
    Variant {
        base: Option<usize>,
        property: &'static str,
        tag: &'static str,
    },
    /// A discriminated `oneOf` of inline variants and of `Variant` components.
    Tagged {
        property: &'static str,
        inline_tags: Vec<&'static str>,
        variants: Vec<usize>,
    },
    /// A `oneOf` or `anyOf` of objects, told apart by nothing.
    Untagged,
    Enum,
    Array,
    Map,
    /// Just `$ref` to another component.
    Alias {
        target: usize,
    },
}

impl Form {
    /// Whether an `allOf` may take it as a base: it resolves to an object's properties.
    fn is_object(&self) -> bool {
        matches!(self, Form::Object | Form::Extends { .. } | Form::Variant { .. })
    }
}

/// Makes a random description.
pub fn describe(rng: &mut Rng) -> Description {
    let mut forms: Vec<Form> = Vec::new();
    for _ in 0..2 + rng.below(5) {
        plan_component(rng, &mut forms);
    }
    let names = rng.pick_distinct(TYPE_NAMES, forms.len());
    let mut writer = Writer { rng, forms: &forms };
    let components = (0..forms.len())
        .map(|index| Component {
            name: names[index],
            schema: writer.component(index),
        })
        .collect();
    let endpoints = writer.endpoints();
    Description {
        components,
        endpoints,
        rest: false,
    }
}

/// Adds a component's form, and those of the components it needs (a union's variants, a
/// base to extend).
fn plan_component(rng: &mut Rng, forms: &mut Vec<Form>) {
    let index = forms.len();
    let form = match rng.below(10) {
        0 | 1 => Form::Object,
        2 => {
            // Extend an object planned before, or this very component.
            let bases: Vec<usize> = (0..index).filter(|&i| forms[i].is_object()).chain([index]).collect();
            Form::Extends {
                base: *rng.pick(&bases),
            }
        }
        3 | 4 => return plan_tagged_union(rng, forms),
        5 => Form::Untagged,
        6 => Form::Enum,
        7 => Form::Array,
        8 => Form::Map,
        _ if index > 0 => {
            let targets: Vec<usize> = (0..index)
                .filter(|&i| !matches!(forms[i], Form::Alias { .. }))
                .collect();
            match targets.is_empty() {
                true => Form::Object,
                false => Form::Alias {
                    target: *rng.pick(&targets),
                },
            }
        }
        _ => Form::Object,
    };
    forms.push(form);
}

fn plan_tagged_union(rng: &mut Rng, forms: &mut Vec<Form>) {
    let union = forms.len();
    let property = *rng.pick(TAG_PROPERTIES);
    let count = 2 + rng.below(3);
    let tags = rng.pick_distinct(WORDS, count);
    forms.push(Form::Untagged); // replaced below, once the variants have their places
                                // Variants given by reference extend a shared base half the time, as real descriptions do.
    let base = rng.one_in(2).then(|| {
        forms.push(Form::Object);
        forms.len() - 1
    });
    let mut inline_tags = Vec::new();
    let mut variants = Vec::new();
    for tag in tags {
        if rng.one_in(3) {
            inline_tags.push(tag);
        } else {
            forms.push(Form::Variant { base, property, tag });
            variants.push(forms.len() - 1);
        }
    }
    forms[union] = Form::Tagged {
        property,
        inline_tags,
        variants,
    };
}

/// Writes the schemas of planned components.
struct Writer<'a> {
    rng: &'a mut Rng,
    forms: &'a [Form],
}

/// How deep inline schemas nest inside one component.
const MAX_INLINE_DEPTH: usize = 4;

impl Writer<'_> {
    fn component(&mut self, index: usize) -> Schema {
        match self.forms[index].clone() {
            Form::Object => Schema::Object(self.object(1)),
            Form::Extends { base } => Schema::AllOf(vec![Schema::Ref(base), Schema::Object(self.object(1))]),
            Form::Variant { base, property, tag } => {
                let object = self.tagged_object(1, property, tag);
                match base {
                    Some(base) => Schema::AllOf(vec![Schema::Ref(base), Schema::Object(object)]),
                    None => Schema::Object(object),
                }
            }
            Form::Tagged {
                property,
                inline_tags,
                variants,
            } => self.tagged_union(property, &inline_tags, &variants),
            Form::Untagged => self.untagged_union(1),
            Form::Enum => self.enumeration(),
            Form::Array => Schema::Array(Box::new(self.schema(1))),
            Form::Map => Schema::Map(Box::new(self.schema(1))),
            Form::Alias { target } => Schema::Ref(target),
        }
    }

    fn tagged_union(&mut self, property: &'static str, inline_tags: &[&'static str], variants: &[usize]) -> Schema {
        let mut all: Vec<Schema> = variants.iter().map(|&v| Schema::Ref(v)).collect();
        for &tag in inline_tags {
            let object = self.tagged_object(2, property, tag);
            all.insert(self.rng.below(all.len() + 1), Schema::Object(object));
        }
        let mapping = variants
            .iter()
            .filter_map(|&v| match self.forms[v] {
                Form::Variant { tag, .. } => Some((tag, v)),
                _ => None,
            })
            .collect::<Vec<_>>();
        Schema::Union {
            keyword: "oneOf",
            variants: all,
            discriminator: Some(Discriminator {
                property,
                mapping: if self.rng.one_in(3) { Vec::new() } else { mapping },
            }),
        }
    }

    /// An object whose `property` is required and pinned to `tag`, as a union's variant.
    fn tagged_object(&mut self, depth: usize, property: &'static str, tag: &'static str) -> Object {
        let mut object = self.object(depth);
        object.properties.retain(|(name, _)| *name != property);
        object.required.retain(|name| *name != property);
        object.properties.insert(0, (property, Schema::Enum(vec![tag])));
        object.required.push(property);
        object
    }

    /// A `oneOf`/`anyOf` of objects and references to objects, none pinning a common tag.
    fn untagged_union(&mut self, depth: usize) -> Schema {
        let objects: Vec<usize> = (0..self.forms.len()).filter(|&i| self.forms[i].is_object()).collect();
        let variants = (0..2 + self.rng.below(2))
            .map(|_| match objects.is_empty() || self.rng.one_in(2) {
                true => Schema::Object(self.object(depth + 1)),
                false => Schema::Ref(*self.rng.pick(&objects)),
            })
            .collect();
        Schema::Union {
            keyword: self.union_keyword(),
            variants,
            discriminator: None,
        }
    }

    fn union_keyword(&mut self) -> &'static str {
        match self.rng.one_in(2) {
            true => "oneOf",
            false => "anyOf",
        }
    }

    /// A string enum of at least two values, so it never pins a field like a discriminator.
    fn enumeration(&mut self) -> Schema {
        let count = 2 + self.rng.below(4);
        Schema::Enum(self.rng.pick_distinct(WORDS, count))
    }

    fn reference(&mut self) -> Schema {
        Schema::Ref(self.rng.below(self.forms.len()))
    }

    /// An object of a few properties; a property is required only when a finite value exists
    /// for it whatever its references point at.
    fn object(&mut self, depth: usize) -> Object {
        let mut object = Object::default();
        let count = 1 + self.rng.below(4);
        for name in self.rng.pick_distinct(PROPERTY_NAMES, count) {
            let schema = self.schema(depth);
            if always_finite(&schema) && self.rng.one_in(2) {
                object.required.push(name);
            }
            object.properties.push((name, schema));
        }
        object
    }

    /// The schema of a property, an item or a map value.
    fn schema(&mut self, depth: usize) -> Schema {
        if depth >= MAX_INLINE_DEPTH {
            return match self.rng.below(3) {
                0 => self.reference(),
                _ => self.primitive(),
            };
        }
        match self.rng.below(20) {
            0..=3 => self.primitive(),
            4 => self.enumeration(),
            5..=7 => self.reference(),
            // The nullable reference of OpenAPI 3.0, whose `$ref` ignores siblings.
            8 | 9 => Schema::Nullable(Box::new(Schema::AllOf(vec![self.reference()]))),
            10 => Schema::Nullable(Box::new(Schema::Union {
                keyword: self.union_keyword(),
                variants: vec![self.reference()],
                discriminator: None,
            })),
            11 => Schema::AllOf(vec![self.reference()]),
            // A list of nullable references: how unions hold lists of themselves.
            12 => Schema::Array(Box::new(Schema::Nullable(Box::new(Schema::AllOf(vec![
                self.reference()
            ]))))),
            13 => Schema::Array(Box::new(self.schema(depth + 1))),
            14 => Schema::Map(Box::new(self.schema(depth + 1))),
            15 => Schema::Object(self.object(depth + 1)),
            16 => Schema::Nullable(Box::new(Schema::Object(self.object(depth + 1)))),
            17 => Schema::NotString,
            18 => self.untagged_union(depth),
            _ => Schema::Nullable(Box::new(self.primitive())),
        }
    }

    fn primitive(&mut self) -> Schema {
        match self.rng.below(6) {
            0 => Schema::String { format: None },
            1 => Schema::String {
                format: Some(*self.rng.pick(&["uuid", "date-time", "email"])),
            },
            2 => Schema::Integer,
            3 => Schema::Number,
            4 => Schema::Boolean,
            _ => self.enumeration(),
        }
    }

    fn endpoints(&mut self) -> Vec<Endpoint> {
        let count = 1 + self.rng.below(3);
        // Distinct method names keep every call distinct, whatever the groups.
        let methods = self.rng.pick_distinct(METHODS, count);
        methods
            .into_iter()
            .map(|method| {
                let group = *self.rng.pick(GROUPS);
                let mut params = Object::default();
                let count = self.rng.below(5);
                for name in self.rng.pick_distinct(PROPERTY_NAMES, count) {
                    let schema = self.schema(1);
                    // A required parameter must have a value in every sample: none that can
                    // only be null or can only recurse.
                    if !contains_reference(&schema) && !matches!(schema, Schema::Nullable(_)) && self.rng.one_in(2) {
                        params.required.push(name);
                    }
                    params.properties.push((name, schema));
                }
                let response = (!self.rng.one_in(5)).then(|| {
                    let target = self.rng.below(self.forms.len());
                    let schema = match self.rng.one_in(3) {
                        true => Schema::Array(Box::new(Schema::Ref(target))),
                        false => Schema::Ref(target),
                    };
                    (*self.rng.pick(PROPERTY_NAMES), schema)
                });
                Endpoint {
                    group,
                    method,
                    params,
                    response,
                }
            })
            .collect()
    }
}

fn contains_reference(schema: &Schema) -> bool {
    match schema {
        Schema::Ref(_) => true,
        Schema::Object(o) => o.properties.iter().any(|(_, s)| contains_reference(s)),
        Schema::Array(inner) | Schema::Map(inner) | Schema::Nullable(inner) => contains_reference(inner),
        Schema::AllOf(parts) | Schema::Union { variants: parts, .. } => parts.iter().any(contains_reference),
        _ => false,
    }
}

/// Whether a value exists for `schema` without following any reference: `null`, an empty
/// list or map, or a schema without references.
fn always_finite(schema: &Schema) -> bool {
    matches!(schema, Schema::Nullable(_) | Schema::Array(_) | Schema::Map(_)) || !contains_reference(schema)
}

// ---------------------------------------------------------------------------------------------
// Rendering

/// The OpenAPI document.
pub fn document(description: &Description) -> Value {
    let mut schemas = Map::new();
    for component in &description.components {
        schemas.insert(component.name.to_owned(), render(description, &component.schema));
    }
    let mut paths = Map::new();
    for (i, endpoint) in description.endpoints.iter().enumerate() {
        match description.rest {
            true => paths.insert(
                Rest::path(endpoint, i),
                json!({ Rest::http_method(endpoint, i): rest_operation(description, endpoint, i) }),
            ),
            false => paths.insert(endpoint.path(), json!({ "post": operation(description, endpoint) })),
        };
    }
    if description.rest {
        return json!({
            "openapi": "3.0.0",
            "info": {"title": "Generated REST shapes", "version": "1.0.0"},
            "servers": [{"url": "https://shapes.example.com/v1"}],
            "paths": paths,
            "components": {
                "securitySchemes": {
                    "bearer": {"type": "http", "scheme": "bearer"},
                    "basic": {"type": "http", "scheme": "basic"},
                    "key_header": {"type": "apiKey", "in": "header", "name": "X-Key"},
                    "key_query": {"type": "apiKey", "in": "query", "name": "key"},
                    "key_cookie": {"type": "apiKey", "in": "cookie", "name": "key"},
                },
                "schemas": schemas,
            },
        });
    }
    json!({
        "openapi": "3.0.0",
        "info": {"title": "Generated shapes", "version": "1.0.0"},
        "servers": [{"url": "https://shapes.example.com"}],
        "paths": paths,
        "components": {
            "securitySchemes": {"api_key": {"type": "http", "scheme": "bearer"}},
            "schemas": schemas,
        },
    })
}

fn operation(description: &Description, endpoint: &Endpoint) -> Value {
    let mut operation = json!({
        "summary": endpoint.path(),
        "description": format!("Calls `{}`.", endpoint.path()),
        "security": [{"api_key": []}],
        "x-title": format!("Call {} {}", endpoint.group, endpoint.method),
        "x-fern-sdk-group-name": [endpoint.group],
        "x-fern-sdk-method-name": endpoint.method,
        "x-response-key": endpoint.response.as_ref().map(|(key, _)| *key),
    });
    if !endpoint.params.properties.is_empty() {
        operation["requestBody"] = json!({
            "content": {"application/json": {"schema": render_object(description, &endpoint.params)}}
        });
    }
    let mut ok = json!({"description": "OK"});
    if let Some((key, schema)) = &endpoint.response {
        ok["content"] = json!({"application/json": {"schema": {
            "type": "object",
            "properties": {*key: render(description, schema), "ok": {"type": "boolean"}},
            "required": [key, "ok"],
        }}});
    }
    operation["responses"] = json!({"200": ok, "400": {"description": "Bad Request"}});
    operation
}

/// The `i`-th endpoint as an ordinary REST operation.
fn rest_operation(description: &Description, endpoint: &Endpoint, i: usize) -> Value {
    let parameters: Vec<Value> = Rest::parameters(i)
        .into_iter()
        .map(|(name, place, required)| json!({"name": name, "in": place, "required": required, "schema": {"type": "string"}}))
        .collect();
    let mut operation = json!({
        "operationId": format!("{}/{}", endpoint.group, endpoint.method),
        "tags": [endpoint.group],
        "summary": endpoint.path(),
        "security": [{Rest::SCHEMES[i % Rest::SCHEMES.len()]: []}],
        "parameters": parameters,
    });
    if !endpoint.params.properties.is_empty() {
        operation["requestBody"] = json!({
            "content": {"application/json": {"schema": render_object(description, &endpoint.params)}}
        });
    }
    operation["responses"] = match &endpoint.response {
        Some((_, schema)) => json!({
            "200": {"description": "OK", "content": {"application/json": {"schema": render(description, schema)}}},
            "default": {"description": "An error", "content": {"application/json": {"schema": {
                "type": "object", "properties": {"message": {"type": "string"}}
            }}}},
        }),
        None => json!({"204": {"description": "No content"}}),
    };
    operation
}

fn reference(description: &Description, index: usize) -> Value {
    json!({"$ref": format!("#/components/schemas/{}", description.components[index].name)})
}

fn render(description: &Description, schema: &Schema) -> Value {
    match schema {
        Schema::String { format: None } => json!({"type": "string"}),
        Schema::String { format: Some(format) } => json!({"type": "string", "format": format}),
        Schema::Integer => json!({"type": "integer"}),
        Schema::Number => json!({"type": "number"}),
        Schema::Boolean => json!({"type": "boolean"}),
        Schema::Enum(values) => json!({"type": "string", "enum": values}),
        Schema::Ref(index) => reference(description, *index),
        Schema::Object(object) => render_object(description, object),
        Schema::Array(items) => json!({"type": "array", "items": render(description, items)}),
        Schema::Map(values) => json!({"type": "object", "additionalProperties": render(description, values)}),
        Schema::AllOf(parts) => json!({"allOf": parts.iter().map(|p| render(description, p)).collect::<Vec<_>>()}),
        Schema::Union {
            keyword,
            variants,
            discriminator,
        } => {
            let mut union = json!({*keyword: variants.iter().map(|v| render(description, v)).collect::<Vec<_>>()});
            if let Some(discriminator) = discriminator {
                union["discriminator"] = json!({"propertyName": discriminator.property});
                if !discriminator.mapping.is_empty() {
                    let mapping: Map<String, Value> = discriminator
                        .mapping
                        .iter()
                        .map(|(tag, index)| (tag.to_string(), reference(description, *index)["$ref"].clone()))
                        .collect();
                    union["discriminator"]["mapping"] = Value::Object(mapping);
                }
            }
            union
        }
        Schema::NotString => json!({"not": {"type": "string"}}),
        Schema::Nullable(inner) => {
            let mut value = render(description, inner);
            value["nullable"] = json!(true);
            value
        }
    }
}

fn render_object(description: &Description, object: &Object) -> Value {
    let properties: Map<String, Value> = object
        .properties
        .iter()
        .map(|(name, schema)| (name.to_string(), render(description, schema)))
        .collect();
    let mut value = json!({"type": "object", "properties": properties});
    if !object.required.is_empty() {
        value["required"] = json!(object.required);
    }
    value
}

// ---------------------------------------------------------------------------------------------
// Samples

/// One sample per endpoint whose values fit the schemas, as the loader reads them; an endpoint
/// gets none when its response has no finite value (a component that only ever recurses).
pub fn samples(description: &Description, rng: &mut Rng) -> Vec<Value> {
    let mut samples = Vec::new();
    for (index, endpoint) in description.endpoints.iter().enumerate() {
        let mut values = Values { description, rng };
        let body = match &endpoint.response {
            None => Some(Value::Null),
            Some((_, schema)) if description.rest => values.value(schema, 0, Direction::Response),
            Some((key, schema)) => values
                .value(schema, 0, Direction::Response)
                .map(|value| json!({*key: value, "ok": true})),
        };
        let Some(body) = body else { continue };
        let mut parameters = values.parameters(&endpoint.params);
        let mut path = endpoint.path();
        if description.rest {
            path = Rest::path(endpoint, index);
            for (name, _, required) in Rest::parameters(index) {
                if required || values.rng.one_in(2) {
                    // Values that need encoding wherever they travel.
                    parameters.insert(name.to_owned(), json!(format!("{name} a/b;c")));
                }
            }
        }
        samples.push(json!({
            "title": format!("Sample {index} of {}", endpoint.path()),
            "description": "Sends every generated parameter and decodes the generated response.",
            "request": {"path": path, "parameters": parameters},
            "response": {"body": body},
        }));
    }
    samples
}

/// Which way a value travels.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Direction {
    /// Sent by the client. A struct field that is `None` is left out of the request, so
    /// nested values are never `null`: the client could not send them as written.
    Request,
    /// Decoded by the client: `null` wherever the schema allows it.
    Response,
}

/// Below this depth values only take their smallest form (`null`, `[]`, `{}`, no optional
/// field); references are not followed past the hard limit.
const MAX_VALUE_DEPTH: usize = 5;
const HARD_VALUE_DEPTH: usize = 12;

/// The objects an `allOf` part stands for: itself, or what the component it references stands
/// for. A component met before adds nothing, as an `allOf` may include itself.
fn object_parts<'d>(description: &'d Description, part: &'d Schema, seen: &mut Vec<usize>, into: &mut Vec<&'d Object>) {
    match part {
        Schema::Object(object) => into.push(object),
        Schema::Ref(index) if !seen.contains(index) => {
            seen.push(*index);
            object_parts(description, &description.components[*index].schema, seen, into);
        }
        Schema::AllOf(parts) => {
            for part in parts {
                object_parts(description, part, seen, into);
            }
        }
        _ => {}
    }
}

struct Values<'a> {
    description: &'a Description,
    rng: &'a mut Rng,
}

impl<'a> Values<'a> {
    fn parameters(&mut self, params: &'a Object) -> Map<String, Value> {
        let mut given = Map::new();
        for (name, schema) in &params.properties {
            let required = params.required.contains(name);
            if !required && self.rng.one_in(3) {
                continue;
            }
            // A top-level parameter may be `null`: its setter sends it.
            let value = match schema {
                Schema::Nullable(_) if self.rng.one_in(3) => Some(Value::Null),
                _ => self.value(schema, 1, Direction::Request),
            };
            match value {
                Some(value) => {
                    given.insert(name.to_string(), value);
                }
                None => assert!(!required, "required parameter `{name}` without a finite value"),
            }
        }
        given
    }

    /// A value of `schema`, `None` when none is found within the depth limit.
    fn value(&mut self, schema: &'a Schema, depth: usize, direction: Direction) -> Option<Value> {
        let smallest = depth >= MAX_VALUE_DEPTH;
        match schema {
            Schema::String { format } => Some(json!(self.string(*format))),
            Schema::Integer => Some(json!(self.rng.below(2001) as i64 - 1000)),
            // Fractional, so that no serializer may write them as whole numbers.
            Schema::Number => Some(json!(*self.rng.pick(&[0.5, -2.25, 1234.125]))),
            Schema::Boolean => Some(json!(self.rng.one_in(2))),
            Schema::Enum(values) => Some(json!(self.rng.pick(values))),
            Schema::Ref(index) if depth < HARD_VALUE_DEPTH => {
                let description = self.description;
                let target = &description.components[*index].schema;
                self.value(target, depth + 1, direction)
            }
            Schema::Ref(_) => None,
            Schema::Object(object) => self.object(&[object], depth, direction),
            Schema::Array(items) => {
                let count = if smallest { 0 } else { self.rng.below(3) };
                let list = (0..count)
                    .filter_map(|_| self.value(items, depth + 1, direction))
                    .collect();
                Some(Value::Array(list))
            }
            Schema::Map(values) => {
                let count = if smallest { 0 } else { self.rng.below(3) };
                let mut map = Map::new();
                for key in self.rng.pick_distinct(PROPERTY_NAMES, count) {
                    if let Some(value) = self.value(values, depth + 1, direction) {
                        map.insert(key.to_owned(), value);
                    }
                }
                Some(Value::Object(map))
            }
            Schema::AllOf(parts) if parts.len() == 1 => self.value(&parts[0], depth, direction),
            Schema::AllOf(parts) => {
                let description = self.description;
                let mut objects = Vec::new();
                let mut seen = Vec::new();
                for part in parts {
                    object_parts(description, part, &mut seen, &mut objects);
                }
                self.object(&objects, depth, direction)
            }
            Schema::Union { variants, .. } => {
                // Try the variants in random order: some may only recurse.
                let all: Vec<&Schema> = variants.iter().collect();
                let order = self.rng.pick_distinct(&all, all.len());
                order
                    .into_iter()
                    .find_map(|variant| self.value(variant, depth, direction))
            }
            Schema::NotString => Some(
                self.rng
                    .pick(&[json!(7), json!(true), json!({"any": ["json"]})])
                    .clone(),
            ),
            Schema::Nullable(_) if direction == Direction::Response && (smallest || self.rng.one_in(4)) => {
                Some(Value::Null)
            }
            Schema::Nullable(inner) => match self.value(inner, depth, direction) {
                None if direction == Direction::Response => Some(Value::Null),
                other => other,
            },
        }
    }

    /// One object with the properties of every part; later parts override earlier ones.
    fn object(&mut self, parts: &[&'a Object], depth: usize, direction: Direction) -> Option<Value> {
        let mut properties: Vec<(&str, &'a Schema)> = Vec::new();
        let mut required: Vec<&str> = Vec::new();
        for part in parts {
            for (name, schema) in &part.properties {
                match properties.iter_mut().find(|(known, _)| known == name) {
                    Some(slot) => slot.1 = schema,
                    None => properties.push((name, schema)),
                }
            }
            required.extend(part.required.iter().copied());
        }
        let smallest = depth >= MAX_VALUE_DEPTH;
        let mut object = Map::new();
        for (name, schema) in properties {
            let required = required.contains(&name);
            if !required && (smallest || self.rng.one_in(2)) {
                continue;
            }
            match self.value(schema, depth + 1, direction) {
                Some(value) => {
                    object.insert(name.to_owned(), value);
                }
                None if required => return None,
                None => {}
            }
        }
        Some(Value::Object(object))
    }

    fn string(&mut self, format: Option<&str>) -> String {
        match format {
            Some("uuid") => format!(
                "{:08x}-0000-4000-8000-{:012x}",
                self.rng.next() as u32,
                self.rng.next() >> 16
            ),
            Some("date-time") => "2025-06-01T08:30:00.000Z".to_owned(),
            Some("email") => "jane@example.com".to_owned(),
            _ => self.rng.pick(TEXTS).to_string(),
        }
    }
}
