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
