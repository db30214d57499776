//! The model resolves the shapes the real Seam description uses.

use codegen::model::{Api, TypeKind, TypeRef};

fn build(yaml: &str) -> Api {
    let spec = codegen::load::load_spec_text("inline.yaml", yaml).unwrap_or_else(|d| panic!("{d}"));
    let (api, _) =
        codegen::model::build(&spec, Vec::new(), codegen::BuildOptions::default()).unwrap_or_else(|d| panic!("{d}"));
    api
}

fn enum_values(api: &Api, ty: &TypeRef) -> Vec<String> {
    let id = ty.named_id().expect("a named type");
    match &api.types.iter().find(|t| t.id == id).expect("the type exists").kind {
        TypeKind::Enum { values } => values.clone(),
        other => panic!("not an enum: {other:?}"),
    }
}

#[test]
fn a_discriminated_body_offers_every_variant_s_tag_and_their_parameters() {
    let api = build(
        r#"
openapi: 3.0.0
info: {title: T, version: "1"}
paths:
  /thermostats/set_hvac_mode:
    post:
      x-response-key: null
      requestBody:
        content:
          application/json:
            schema:
              discriminator: {propertyName: hvac_mode_setting}
              oneOf:
                - type: object
                  required: [device_id, hvac_mode_setting]
                  properties:
                    device_id: {type: string}
                    hvac_mode_setting: {type: string, enum: ["off"]}
                - type: object
                  required: [device_id, hvac_mode_setting, cooling_set_point_celsius]
                  properties:
                    device_id: {type: string}
                    hvac_mode_setting: {type: string, enum: [cool]}
                    cooling_set_point_celsius: {type: number}
      responses: {"200": {description: OK}}
"#,
    );
    let params = &api.endpoints[0].params;
    let names: Vec<(&str, bool)> = params.iter().map(|p| (p.name.as_str(), p.required)).collect();
    assert_eq!(
        names,
        [
            ("device_id", true),
            ("hvac_mode_setting", true),
            ("cooling_set_point_celsius", false)
        ]
    );
    assert_eq!(enum_values(&api, &params[1].ty), ["off", "cool"]);
}

#[test]
fn each_method_of_a_path_outside_seam_s_dialect_is_a_call_of_its_own() {
    let api = build(
        r#"
openapi: 3.0.0
info: {title: T, version: "1"}
paths:
  /anything/apiKey:
    get:
      parameters:
        - {name: q, in: query, schema: {type: string}}
      responses: {"200": {description: OK}}
    post:
      requestBody:
        content:
          application/json:
            schema: {type: object, properties: {name: {type: string}}}
      responses: {"200": {description: OK}}
    put:
      requestBody:
        content:
          application/json:
            schema: {type: array, items: {type: string}}
      responses: {"200": {description: OK}}
"#,
    );
    let mut calls: Vec<(&str, &str)> = api
        .endpoints
        .iter()
        .map(|e| (e.http_method.as_str(), e.method_name.as_str()))
        .collect();
    calls.sort();
    assert_eq!(
        calls,
        [
            ("GET", "get_anything_apiKey"),
            ("POST", "post_anything_apiKey"),
            ("PUT", "put_anything_apiKey")
        ]
    );
    for endpoint in &api.endpoints {
        assert_eq!(
            endpoint.http_methods,
            [endpoint.http_method],
            "{}",
            endpoint.method_name
        );
    }
}

#[test]
fn get_twins_carry_query_parameters_and_post_the_rest() {
    let api = build(
        r#"
openapi: 3.0.0
info: {title: T, version: "1"}
paths:
  /users/get:
    get:
      parameters:
        - {name: user_id, in: query, required: true, schema: {type: string}}
      responses: {"200": {description: OK}}
    post:
      x-response-key: null
      requestBody:
        content:
          application/json:
            schema: {type: object, required: [user_id], properties: {user_id: {type: string}}}
      responses: {"200": {description: OK}}
  /users/create:
    get:
      responses: {"200": {description: OK}}
    post:
      x-response-key: null
      requestBody:
        content:
          application/json:
            schema: {type: object, properties: {tags: {type: object, properties: {a: {type: string}}}}}
      responses: {"200": {description: OK}}
"#,
    );
    let by_path = |path: &str| api.endpoints.iter().find(|e| e.path == path).unwrap();
    let get = by_path("/users/get");
    assert_eq!(
        (get.http_method.as_str(), get.param_location),
        ("GET", codegen::model::ParamLocation::Query)
    );
    // The GET twin cannot carry an object parameter: the call stays a POST with a JSON body.
    let create = by_path("/users/create");
    assert_eq!(
        (create.http_method.as_str(), create.param_location),
        ("POST", codegen::model::ParamLocation::Body)
    );
}

/// The fields of the named type `id`, by name, as (type, nullable).
fn fields(api: &Api, id: &str) -> Vec<(String, TypeRef, bool)> {
    match &api
        .types
        .iter()
        .find(|t| t.id == id)
        .unwrap_or_else(|| panic!("no type `{id}`"))
        .kind
    {
        TypeKind::Object { fields } => fields
            .iter()
            .map(|f| (f.name.clone(), f.ty.clone(), f.nullable))
            .collect(),
        other => panic!("`{id}` is not an object: {other:?}"),
    }
}

fn field(api: &Api, id: &str, name: &str) -> (TypeRef, bool) {
    let (_, ty, nullable) = fields(api, id)
        .into_iter()
        .find(|(n, _, _)| n == name)
        .unwrap_or_else(|| panic!("`{id}` has no field `{name}`"));
    (ty, nullable)
}

#[test]
fn recursion_through_all_of_becomes_a_recursive_type() {
    let spec = codegen::load::load_spec(std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/recursion/openapi.yaml"
    )))
    .unwrap_or_else(|d| panic!("{d}"));
    let (api, _) =
        codegen::model::build(&spec, Vec::new(), codegen::BuildOptions::default()).unwrap_or_else(|d| panic!("{d}"));
    let array_of = |id: &str| TypeRef::list_of(TypeRef::named(id));
    // `{nullable: true, allOf: [$ref]}` is the referenced type, nullable; not a copy of it.
    assert_eq!(field(&api, "node", "parent"), (TypeRef::named("node"), true));
    assert_eq!(field(&api, "node", "first"), (TypeRef::named("node"), false));
    assert_eq!(field(&api, "node", "children").0, array_of("node"));
    assert_eq!(field(&api, "pair_right", "left").0, TypeRef::named("pair_left"));
    assert_eq!(field(&api, "pair_left", "right"), (TypeRef::named("pair_right"), true));
    // A union variant holding a list of the union, whose items may be `null`.
    assert_eq!(
        field(&api, "shape_group", "members").0,
        TypeRef::Array {
            items: Box::new(TypeRef::named("shape")),
            items_nullable: true,
        }
    );
    // An `allOf` whose part leads back to the whole with more fields: one type that holds itself.
    assert_eq!(field(&api, "extended", "next").0, TypeRef::named("extended_next"));
    assert_eq!(field(&api, "extended_next", "next").0, TypeRef::named("extended_next"));
    let names: Vec<String> = fields(&api, "extended_next").into_iter().map(|(n, _, _)| n).collect();
    assert_eq!(names, ["pet_type", "puppies", "next", "note"]);
    // A schema that includes itself adds only its other parts.
    let names: Vec<String> = fields(&api, "looped").into_iter().map(|(n, _, _)| n).collect();
    assert_eq!(names, ["x"]);
    // Lists of lists have no name to refer to: the inner values are any JSON.
    assert_eq!(field(&api, "graph", "list").0, TypeRef::list_of(TypeRef::Any));
    assert_eq!(field(&api, "graph", "dict").0, TypeRef::map_of(TypeRef::Any));
}

#[test]
fn a_union_of_string_enums_is_one_enum_of_all_their_values() {
    let api = build(
        r#"
openapi: 3.0.0
info: {title: T, version: "1"}
paths:
  /devices/list:
    post:
      x-response-key: null
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                device_type:
                  oneOf:
                    - {type: string, enum: [august_lock, yale_lock]}
                    - $ref: '#/components/schemas/thermostat_type'
                device_types:
                  type: array
                  items:
                    anyOf:
                      - {type: string, enum: [august_lock]}
                      - {type: string, enum: [ecobee_thermostat, august_lock]}
                mixed:
                  oneOf:
                    - {type: string, enum: [a]}
                    - {type: string}
      responses: {"200": {description: OK}}
components:
  schemas:
    thermostat_type: {type: string, enum: [ecobee_thermostat]}
"#,
    );
    let params = &api.endpoints[0].params;
    assert_eq!(
        enum_values(&api, &params[0].ty),
        ["august_lock", "yale_lock", "ecobee_thermostat"]
    );
    let TypeRef::Array { items, .. } = &params[1].ty else {
        panic!("not a list: {:?}", params[1].ty)
    };
    assert_eq!(enum_values(&api, items), ["august_lock", "ecobee_thermostat"]);
    // A plain string among the variants accepts any text: not an enum.
    assert!(params[2].ty.named_id().is_none(), "{:?}", params[2].ty);
}

/// The first object type that has a field `name`, and that field's type.
fn field_anywhere(api: &Api, name: &str) -> TypeRef {
    api.types
        .iter()
        .find_map(|t| match &t.kind {
            TypeKind::Object { fields } => fields.iter().find(|f| f.name == name).map(|f| f.ty.clone()),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no type has a field `{name}`"))
}

#[test]
fn a_reference_to_a_schema_written_in_another_operation_is_that_schema_s_type() {
    let (api, warnings) = build_with_warnings(
        r#"
openapi: 3.0.0
info: {title: T, version: "1"}
paths:
  /anything:
    get:
      responses:
        "200":
          description: OK
          content:
            application/json:
              schema:
                type: object
                properties:
                  before: {$ref: '#/paths/~1anything/post/requestBody/content/application~1json/schema/properties/circular'}
                  body: {$ref: '#/paths/~1anything/post/requestBody/content/application~1json/schema'}
    post:
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                circular: {$ref: '#/components/schemas/offset'}
                note: {type: string}
      responses: {"200": {description: OK}}
components:
  schemas:
    offset: {type: object, properties: {minutes: {type: integer}}}
"#,
    );
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(api.endpoints.len(), 2);
    // A reference that leads to a component reference is that component.
    assert_eq!(field_anywhere(&api, "before"), TypeRef::named("offset"));
    // The POST's body schema, referred to, is one named type, used in both places.
    assert_eq!(field_anywhere(&api, "body"), TypeRef::named("anything_post_request"));
    assert_eq!(
        field(&api, "anything_post_request", "circular").0,
        TypeRef::named("offset")
    );
}

#[test]
fn a_reference_that_leads_to_no_schema_leaves_out_only_what_needs_it() {
    let (api, warnings) = build_with_warnings(
        r#"
openapi: 3.0.0
info: {title: T, version: "1"}
paths:
  /things:
    get:
      operationId: listThings
      responses:
        "200":
          description: OK
          content:
            application/json:
              schema: {$ref: '#/components/schemas/thing'}
    post:
      operationId: addThing
      requestBody:
        content:
          application/json:
            schema: {type: object, properties: {name: {type: string}}}
      responses: {"200": {description: OK}}
components:
  schemas:
    thing:
      type: object
      properties:
        owner: {$ref: '#/paths/~1people/get/responses/200/content/application~1json/schema'}
"#,
    );
    assert_eq!(api.endpoints.len(), 1, "only addThing is left");
    assert_eq!(api.endpoints[0].http_method, codegen::model::HttpMethod::Post);
    let reference = "`$ref: #/paths/~1people/get/responses/200/content/application~1json/schema` cannot be resolved";
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("/paths/~1things/get") && w.contains(reference) && w.contains("left out")),
        "{warnings:?}"
    );
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("/components/schemas/thing") && w.contains(reference)),
        "{warnings:?}"
    );
}

fn build_with_warnings(yaml: &str) -> (Api, Vec<String>) {
    let spec = codegen::load::load_spec_text("inline.yaml", yaml).unwrap_or_else(|d| panic!("{d}"));
    let (api, diags) =
        codegen::model::build(&spec, Vec::new(), codegen::BuildOptions::default()).unwrap_or_else(|d| panic!("{d}"));
    (api, diags.warnings().map(|w| w.to_string()).collect())
}

/// The field `name` of the named type `id`: its type and whether it is required.
fn required_field(api: &Api, id: &str, name: &str) -> (TypeRef, bool) {
    match &api
        .types
        .iter()
        .find(|t| t.id == id)
        .unwrap_or_else(|| panic!("no type `{id}`"))
        .kind
    {
        TypeKind::Object { fields } => {
            let matching: Vec<_> = fields.iter().filter(|f| f.name == name).collect();
            assert_eq!(matching.len(), 1, "`{id}` has {} fields `{name}`", matching.len());
            (matching[0].ty.clone(), matching[0].required)
        }
        other => panic!("`{id}` is not an object: {other:?}"),
    }
}

/// An object schema that lists a name in `required` without declaring it in `properties`
/// (NDHM's gateway: `PatientAuthNotification` requires `transactionId`).
const UNDECLARED_REQUIRED: &str = r##"
openapi: 3.0.0
info: {title: T, version: "1"}
paths:
  /notify:
    post:
      operationId: notify
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: "#/components/schemas/Notification"}
            example: {requestId: r-1, transactionId: 42, consent: {purpose: care, callbackUrl: "https://example.com/cb"}}
      responses: {"202": {description: Accepted}}
  /plain:
    post:
      operationId: plain
      requestBody:
        required: true
        content:
          application/json:
            schema: {type: object, required: [code, code], properties: {note: {type: string}}}
      responses: {"202": {description: Accepted}}
  /tally:
    get:
      operationId: tally
      responses:
        "200":
          description: OK
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Tally"}
components:
  schemas:
    Notification:
      type: object
      required: [requestId, transactionId, consent]
      properties:
        requestId: {type: string}
        consent:
          type: object
          required: [purpose, callbackUrl]
          properties: {purpose: {type: string}}
    Base:
      type: object
      required: [id]
      properties: {id: {type: string}}
    Tally:
      allOf:
        - {$ref: "#/components/schemas/Base"}
        - type: object
          required: [id, total]
          properties: {note: {type: string}}
"##;

#[test]
fn a_required_name_no_property_declares_is_a_required_field_of_any_value() {
    let (api, warnings) = build_with_warnings(UNDECLARED_REQUIRED);
    let endpoint = |path: &str| api.endpoints.iter().find(|e| e.path == path).unwrap();
    // A body's: a parameter of the call, required, holding any value.
    let notify = endpoint("/notify");
    let names: Vec<(&str, bool)> = notify.params.iter().map(|p| (p.name.as_str(), p.required)).collect();
    assert_eq!(names, [("requestId", true), ("consent", true), ("transactionId", true)]);
    assert_eq!(notify.params[2].ty, TypeRef::Any);
    assert!(!notify.params[2].nullable);
    // A nested object's.
    let consent = notify.params[1].ty.named_id().expect("a named type");
    assert_eq!(required_field(&api, consent, "callbackUrl"), (TypeRef::Any, true));
    // A result's, in an `allOf` whose parts declare `id` once and `total` nowhere.
    let tally = endpoint("/tally")
        .response
        .ty()
        .and_then(TypeRef::named_id)
        .expect("a named result");
    assert_eq!(required_field(&api, tally, "total"), (TypeRef::Any, true));
    assert_eq!(
        required_field(&api, tally, "id"),
        (TypeRef::String { format: String::new() }, true)
    );
    // A name listed twice is one field.
    let plain = endpoint("/plain");
    let names: Vec<&str> = plain.params.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["note", "code"]);
    // Each is a warning naming the object's pointer.
    for (pointer, name) in [
        ("#/components/schemas/Notification:", "transactionId"),
        ("#/components/schemas/Notification/properties/consent:", "callbackUrl"),
        ("#/components/schemas/Tally:", "total"),
        (
            "#/paths/~1plain/post/requestBody/content/application~1json/schema:",
            "code",
        ),
    ] {
        let message = format!(
            "{pointer} `{name}` is listed in `required` but no property declares it; it is taken as a required \
             field holding any value"
        );
        assert_eq!(
            warnings.iter().filter(|w| w.contains(&message)).count(),
            1,
            "{message}\n{warnings:#?}"
        );
    }
    assert!(!warnings.iter().any(|w| w.contains("`id` is listed")), "{warnings:#?}");
}

#[test]
fn a_synthesized_sample_gives_an_undeclared_required_field_a_value_and_is_sent() {
    let (api, warnings) = build_with_warnings(UNDECLARED_REQUIRED);
    let sample = |path: &str| {
        let endpoint = api.endpoints.iter().find(|e| e.path == path).unwrap();
        let sample = &endpoint.samples[0];
        assert!(sample.synthesized && sample.checked(), "{sample:#?}\n{warnings:#?}");
        sample
    };
    // The example's value where the body's example has one.
    assert_eq!(
        serde_json::Value::Object(sample("/notify").params.clone()),
        serde_json::json!({
            "requestId": "r-1",
            "consent": {"purpose": "care", "callbackUrl": "https://example.com/cb"},
            "transactionId": 42,
        })
    );
    // Else a string.
    assert_eq!(
        serde_json::Value::Object(sample("/plain").params.clone()),
        serde_json::json!({"code": "string"})
    );
    // An answer holds it too, as it holds every required field.
    let answer = sample("/tally").response.clone().expect("an answer");
    assert_eq!(answer["total"], serde_json::json!("string"), "{answer}");
    assert!(!warnings.iter().any(|w| w.contains("not tested")), "{warnings:#?}");
}

#[test]
fn an_undeclared_required_name_of_a_closed_object_leaves_its_sample_untested() {
    let (api, warnings) = build_with_warnings(
        r##"
openapi: 3.0.0
info: {title: T, version: "1"}
paths:
  /closed:
    post:
      operationId: closed
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              additionalProperties: false
              required: [code]
              properties: {note: {type: string}}
      responses: {"202": {description: Accepted}}
"##,
    );
    let endpoint = &api.endpoints[0];
    assert_eq!(endpoint.params[1].name, "code");
    assert!(endpoint.params[1].required);
    assert!(!endpoint.samples[0].checked(), "{:#?}", endpoint.samples[0]);
    let pointer = "#/paths/~1closed/post/requestBody/content/application~1json/schema:";
    let message = format!(
        "{pointer} `code` is listed in `required` but no property declares it, and `additionalProperties: false` \
         forbids it: no value fits the schema"
    );
    assert!(warnings.iter().any(|w| w.contains(&message)), "{warnings:#?}");
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("#/paths/~1closed/post:") && w.contains("its sample is shown but not tested")),
        "{warnings:#?}"
    );
}
