//! Ordinary OpenAPI descriptions, not written in Seam's dialect: what the client cannot call
//! correctly yet is left out with a warning naming the operation, never generated half right.

mod client_build;
mod docs_support;

use codegen::model::{Api, TypeRef};

fn build(yaml: &str) -> (Api, Vec<String>) {
    let spec = codegen::load::load_spec_text("rest.yaml", yaml).unwrap_or_else(|d| panic!("{d}"));
    let (api, diags) =
        codegen::model::build(&spec, Vec::new(), codegen::BuildOptions::default()).unwrap_or_else(|d| panic!("{d}"));
    (api, diags.warnings().map(ToString::to_string).collect())
}

fn paths(api: &Api) -> Vec<(&str, &str)> {
    api.endpoints
        .iter()
        .map(|e| (e.path.as_str(), e.http_method.as_str()))
        .collect()
}

fn has(warnings: &[String], place: &str, text: &str) -> bool {
    warnings
        .iter()
        .any(|w| w.starts_with(&format!("warning: rest.yaml#{place}: ")) && w.contains(text))
}

const PETSTORE: &str = r#"
openapi: 3.0.0
info: {title: Petstore, version: "1"}
servers: [{url: "https://petstore.example/v1"}]
paths:
  /pets:
    get:
      operationId: listPets
      tags: [pets]
      parameters:
        - {name: limit, in: query, schema: {type: integer}}
      responses: {"200": {description: OK}}
    post:
      operationId: createPets
      tags: [pets]
      requestBody:
        content:
          application/json:
            schema: {type: object, properties: {name: {type: string}}}
      responses: {"201": {description: Created}}
  /pets/{petId}:
    get:
      operationId: showPetById
      parameters:
        - {name: petId, in: path, required: true, schema: {type: string}}
      responses: {"200": {description: OK}}
    put:
      operationId: updatePet
      parameters:
        - {name: petId, in: path, required: true, schema: {type: string}}
      responses: {"200": {description: OK}}
  /store/upload:
    post:
      operationId: uploadPhoto
      requestBody:
        content:
          multipart/form-data:
            schema: {type: object, properties: {file: {type: string, format: binary}}}
      responses: {"200": {description: OK}}
  /store/search:
    get:
      operationId: searchPets
      parameters:
        - {name: tags, in: query, explode: false, schema: {type: array, items: {type: string}}}
      responses: {"200": {description: OK}}
  /store/adopt:
    post:
      operationId: adoptPet
      parameters:
        - {name: X-Request-Id, in: header, required: true, schema: {type: string}}
        - {name: dry_run, in: query, schema: {type: boolean}}
        - {name: Content-Type, in: header, schema: {type: string}}
      requestBody:
        content:
          application/json:
            schema: {type: object, properties: {pet_id: {type: string}}}
      responses: {"200": {description: OK}}
  /store/rename:
    post:
      operationId: renamePet
      requestBody:
        content:
          application/x-www-form-urlencoded:
            schema: {type: object, properties: {name: {type: string}, owner: {type: object}}}
      responses: {"200": {description: OK}}
  /store/return:
    post:
      operationId: returnPet
      parameters:
        - {name: X-Filter, in: header, required: true, schema: {type: object}}
      responses: {"200": {description: OK}}
  /store/count:
    get:
      operationId: countPets
      parameters:
        - {name: X-Trace, in: header, schema: {type: string}}
        - {name: session, in: cookie, schema: {type: string}}
        - {name: ids, in: cookie, schema: {type: array, items: {type: string}}}
      responses:
        "200":
          description: OK
          content:
            application/json:
              schema: {type: object, properties: {count: {type: integer}}}
"#;

#[test]
fn path_parameters_come_first_required_and_fill_the_path() {
    let (api, warnings) = build(PETSTORE);
    let pet = api
        .endpoints
        .iter()
        .find(|e| e.path == "/pets/{petId}" && e.http_method.as_str() == "PUT")
        .unwrap();
    assert_eq!(pet.path_params, ["petId"]);
    assert_eq!((pet.params[0].name.as_str(), pet.params[0].required), ("petId", true));
    assert!(!pet.seam_dialect);
    let params = serde_json::json!({"petId": "a b", "name": "Rex"});
    let request = pet.request(params.as_object().unwrap());
    assert_eq!(request.path, "/pets/a%20b");
    // A PUT without a body sends the rest in the query.
    assert_eq!(request.query.keys().collect::<Vec<_>>(), ["name"]);
    assert_eq!(request.body, None);
    let show = api
        .endpoints
        .iter()
        .find(|e| e.path == "/pets/{petId}" && e.http_method.as_str() == "GET")
        .unwrap();
    assert_eq!(show.call_segments(), ["pets", "show_pet_by_id"]);
    assert!(warnings.iter().all(|w| !w.contains("{petId}")), "{warnings:#?}");
}

#[test]
fn a_template_name_no_parameter_declares_is_a_required_string_unless_declared_elsewhere() {
    let (api, warnings) = build(
        r#"
openapi: 3.0.0
info: {title: T, version: "1"}
paths:
  /things/{thingId}:
    get:
      operationId: getThing
      responses: {"200": {description: OK}}
  /search?query={query}:
    get:
      operationId: search
      parameters:
        - {name: query, in: query, required: true, schema: {type: string}}
      responses: {"200": {description: OK}}
  /tags/{tag}:
    post:
      operationId: tagThing
      requestBody:
        content:
          application/json:
            schema: {type: object, properties: {tag: {type: string}}}
      responses: {"200": {description: OK}}
"#,
    );
    let called: Vec<&str> = api.endpoints.iter().map(|e| e.path.as_str()).collect();
    assert_eq!(called, ["/things/{thingId}"]);
    let thing = &api.endpoints[0];
    assert_eq!(thing.path_params, ["thingId"]);
    let param = &thing.params[0];
    assert_eq!((param.name.as_str(), param.required), ("thingId", true));
    assert_eq!(param.ty, codegen::model::TypeRef::String { format: String::new() });
    let request = thing.request(serde_json::json!({"thingId": "a/b"}).as_object().unwrap());
    assert_eq!(request.path, "/things/a%2Fb");
    assert!(
        has(
            &warnings,
            "/paths/~1things~1{thingId}/get",
            "the path's `{thingId}` is declared by no parameter; it is taken as a required string path parameter `thingId`"
        ),
        "{warnings:#?}"
    );
    // Declared as a query parameter, or a body field: where it travels is said otherwise.
    assert!(
        has(
            &warnings,
            "/paths/~1search?query={query}/get",
            "the path's `{query}` is declared by no path parameter, and `query` is declared as a query parameter: \
             where its value travels cannot be told; the operation is left out"
        ),
        "{warnings:#?}"
    );
    assert!(
        has(
            &warnings,
            "/paths/~1tags~1{tag}/post",
            "the path's `{tag}` is declared by no path parameter, and `tag` is a field of the body: where its \
             value travels cannot be told; the operation is left out"
        ),
        "{warnings:#?}"
    );
}

#[test]
fn a_path_parameter_given_by_content_holds_its_schemas_scalar_unless_json() {
    let (api, warnings) = build(
        r#"
openapi: 3.0.0
info: {title: T, version: "1"}
paths:
  /reports/{id}:
    get:
      operationId: getReport
      parameters:
        - name: id
          in: path
          required: true
          content: {"*/*": {schema: {type: string, format: uuid}}}
      responses: {"200": {description: OK}}
  /lists/{name}:
    get:
      operationId: getList
      parameters:
        - name: name
          in: path
          required: true
          content: {application/json: {schema: {type: string}}}
      responses: {"200": {description: OK}}
"#,
    );
    let called: Vec<&str> = api.endpoints.iter().map(|e| e.path.as_str()).collect();
    assert_eq!(called, ["/reports/{id}"]);
    let param = &api.endpoints[0].params[0];
    assert_eq!(
        param.ty,
        codegen::model::TypeRef::String {
            format: "uuid".to_owned()
        }
    );
    assert!(!warnings.iter().any(|w| w.contains("/reports")), "{warnings:#?}");
    assert!(
        has(
            &warnings,
            "/paths/~1lists~1{name}/get",
            "the path parameter `name` is given by `content` of `application/json`, which is not supported yet; \
             the operation is left out"
        ),
        "{warnings:#?}"
    );
}

#[test]
fn a_body_field_named_as_a_path_parameter_is_sent_in_the_body_too() {
    let (api, warnings) = build(
        r#"
openapi: 3.0.0
info: {title: T, version: "1"}
paths:
  /timers/{name}:
    put:
      operationId: updateTimer
      parameters:
        - {name: name, in: path, required: true, schema: {type: string}}
        - {name: name, in: query, schema: {type: string}}
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [name]
              properties:
                every: {type: integer}
                name: {type: string, example: nightly}
      responses: {"200": {description: OK}}
"#,
    );
    assert!(warnings.iter().all(|w| !w.contains("timers")), "{warnings:#?}");
    let timer = &api.endpoints[0];
    let names: Vec<&str> = timer.params.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["name", "every", "name_in_body", "name_in_query"]);
    assert_eq!(timer.path_params, ["name"]);
    let params = serde_json::json!({"name": "t1", "every": 5, "name_in_body": "nightly", "name_in_query": "q"});
    let request = timer.request(params.as_object().unwrap());
    assert_eq!(request.path, "/timers/t1");
    assert_eq!(request.query, *serde_json::json!({"name": "q"}).as_object().unwrap());
    // Each field under its name on the wire.
    assert_eq!(
        request.body,
        serde_json::json!({"every": 5, "name": "nightly"}).as_object().cloned()
    );
    // The synthesized sample sends both: the path's value and the body's example.
    let sample = &timer.samples[0];
    assert_eq!(sample.params.get("name_in_body"), Some(&serde_json::json!("nightly")));
    assert!(sample.params.contains_key("name"), "{:?}", sample.params);
}

#[test]
fn operations_of_their_own_on_one_path_are_calls_of_their_own() {
    let (api, warnings) = build(PETSTORE);
    // `createPets` and `listPets` share `/pets` but are no aliases: two calls, each with its
    // own method and parameters, never merged.
    let pets: Vec<(&str, Vec<&str>)> = api
        .endpoints
        .iter()
        .filter(|e| e.path == "/pets")
        .map(|e| {
            (
                e.http_method.as_str(),
                e.params.iter().map(|p| p.name.as_str()).collect(),
            )
        })
        .collect();
    assert_eq!(pets, [("POST", vec!["name"]), ("GET", vec!["limit"])]);
    assert!(!warnings.iter().any(|w| w.contains("/paths/~1pets/")), "{warnings:#?}");
}

#[test]
fn forms_and_headers_the_client_cannot_send_leave_their_operation_out() {
    let (api, warnings) = build(PETSTORE);
    let called: Vec<&str> = api.endpoints.iter().map(|e| e.path.as_str()).collect();
    assert_eq!(
        called,
        [
            "/pets",
            "/pets",
            "/pets/{petId}",
            "/pets/{petId}",
            "/store/adopt",
            "/store/count",
            "/store/rename",
            "/store/search",
            "/store/upload"
        ]
    );
    // A multipart body and a list in `explode: false` are sent as described.
    let upload = api.endpoints.iter().find(|e| e.path == "/store/upload").unwrap();
    assert_eq!(
        upload.body,
        codegen::model::BodyContent::Multipart {
            files: vec!["file".to_owned()]
        }
    );
    let search = api.endpoints.iter().find(|e| e.path == "/store/search").unwrap();
    assert_eq!(
        search.query_styles,
        [("tags".to_owned(), codegen::model::QueryStyle::Comma)]
    );
    // A form field that holds an object spreads its fields, as OpenAPI's default encoding
    // (`style: form`, `explode: true`) says.
    let rename = api.endpoints.iter().find(|e| e.path == "/store/rename").unwrap();
    assert_eq!(
        rename.query_styles,
        [("owner".to_owned(), codegen::model::QueryStyle::Spread)]
    );
    assert!(has(
        &warnings,
        "/paths/~1store~1return/post",
        "the required header parameter `X-Filter` holds an object, which is not supported yet; the operation is left out"
    ));
    // Optional ones are left out of a call that stays correct without them.
    assert!(has(
        &warnings,
        "/paths/~1store~1count/get",
        "the optional cookie parameter `ids` holds a list, which is not supported yet, and is never sent"
    ));
    assert!(has(
        &warnings,
        "/paths/~1store~1adopt/post",
        "the header parameter `Content-Type` is ignored, as OpenAPI says: the client sets it itself"
    ));
    // Without Seam's `x-response-key`, the call returns the success response's whole body.
    let count = api.endpoints.iter().find(|e| e.path == "/store/count").unwrap();
    assert!(
        matches!(count.response, codegen::model::Response::Body { .. }),
        "{:?}",
        count.response
    );
}

#[test]
fn headers_cookies_and_a_query_beside_a_body_travel_where_declared() {
    use codegen::model::{ParamLocation, Place};
    let (api, _) = build(PETSTORE);
    let adopt = api.endpoints.iter().find(|e| e.path == "/store/adopt").unwrap();
    assert_eq!(adopt.param_location, ParamLocation::Body);
    assert_eq!(
        adopt.placed,
        [
            ("dry_run".to_owned(), Place::Query),
            ("X-Request-Id".to_owned(), Place::Header)
        ]
    );
    let params = serde_json::json!({"X-Request-Id": "r 1", "dry_run": true, "pet_id": "p"});
    let request = adopt.request(params.as_object().unwrap());
    assert_eq!(request.headers, [("X-Request-Id".to_owned(), "r 1".to_owned())]);
    assert_eq!(
        request.query,
        *serde_json::json!({"dry_run": true}).as_object().unwrap()
    );
    assert_eq!(
        request.body,
        Some(serde_json::json!({"pet_id": "p"}).as_object().unwrap().clone())
    );
    let count = api.endpoints.iter().find(|e| e.path == "/store/count").unwrap();
    assert_eq!(
        count.placed,
        [
            ("X-Trace".to_owned(), Place::Header),
            ("session".to_owned(), Place::Cookie)
        ]
    );
    let params = serde_json::json!({"X-Trace": ["a", "b"], "session": "s;1"});
    let request = count.request(params.as_object().unwrap());
    assert_eq!(request.headers, [("X-Trace".to_owned(), "a,b".to_owned())]);
    assert_eq!(request.cookie_header().as_deref(), Some("session=s%3B1"));
    assert_eq!(request.body, None);
}

#[test]
fn security_schemes_are_read_and_a_call_no_requirement_of_which_can_be_met_is_left_out() {
    use codegen::model::{KeyPlace, SchemeKind};
    let (api, warnings) = build(
        r#"
openapi: 3.0.0
info: {title: T, version: "1"}
security: [{token: []}]
paths:
  /a:
    get:
      operationId: getA
      responses: {"200": {description: OK}}
  /b:
    get:
      operationId: getB
      security: [{digest: []}, {missing: []}]
      responses: {"200": {description: OK}}
  /c:
    get:
      operationId: getC
      security: [{digest: []}, {key: [], staff: []}, {}]
      responses: {"200": {description: OK}}
  /d:
    get:
      operationId: getD
      security: [{staff: [], token: []}, {key: [], staff: []}]
      responses: {"200": {description: OK}}
  /e:
    get:
      operationId: getE
      security: [{staff: [], token: []}]
      responses: {"200": {description: OK}}
  /f:
    get:
      operationId: getF
      security: [{token: [], code: []}]
      responses: {"200": {description: OK}}
components:
  securitySchemes:
    token: {type: oauth2, flows: {implicit: {authorizationUrl: "https://t.example", scopes: {}}}}
    code: {type: oauth2, flows: {authorizationCode: {authorizationUrl: "https://t.example", tokenUrl: "https://t.example/token", scopes: {}}}}
    staff: {type: http, scheme: Basic}
    digest: {type: http, scheme: digest}
    key: {type: apiKey, in: query, name: api-key}
"#,
    );
    let kinds: Vec<(&str, &SchemeKind)> = api
        .security_schemes
        .iter()
        .map(|s| (s.name.as_str(), &s.kind))
        .collect();
    assert_eq!(
        kinds,
        [
            ("token", &SchemeKind::Bearer),
            ("code", &SchemeKind::Bearer),
            ("staff", &SchemeKind::Basic),
            (
                "key",
                &SchemeKind::ApiKey {
                    name: "api-key".to_owned(),
                    place: KeyPlace::Query
                }
            ),
        ]
    );
    assert_eq!(codegen::plan::Profile::of(&api), codegen::plan::Profile::Http);
    assert!(has(
        &warnings,
        "/components/securitySchemes/digest",
        "the HTTP authentication scheme `digest` is not supported"
    ));
    assert!(has(
        &warnings,
        "/paths/~1b/get",
        "every security requirement needs a scheme the client cannot send (`digest`, `missing`); the operation is left out"
    ));
    // Basic credentials and an OAuth 2 token both go in `Authorization`: no request has both.
    assert!(has(
        &warnings,
        "/paths/~1e/get",
        "every security requirement needs a scheme the client cannot send (`staff` and `token` both in the `Authorization` header); the operation is left out"
    ));
    let security: Vec<(&str, &Vec<Vec<String>>)> =
        api.endpoints.iter().map(|e| (e.path.as_str(), &e.security)).collect();
    let owned =
        |r: &[&[&str]]| -> Vec<Vec<String>> { r.iter().map(|s| s.iter().map(|n| (*n).to_owned()).collect()).collect() };
    assert_eq!(
        security,
        [
            ("/a", &owned(&[&["token"]])),
            ("/c", &owned(&[&["key", "staff"], &[]])),
            ("/d", &owned(&[&["key", "staff"]])),
            // Two OAuth 2 flows of one requirement: one bearer token meets both.
            ("/f", &owned(&[&["token", "code"]]))
        ]
    );
}

#[test]
fn seam_twins_stay_one_call() {
    let (api, warnings) = build(
        r#"
openapi: 3.0.0
info: {title: T, version: "1"}
paths:
  /users/get:
    get:
      operationId: usersGetGet
      x-fern-sdk-method-name: get
      parameters:
        - {name: user_id, in: query, required: true, schema: {type: string}}
      responses: {"200": {description: OK}}
    post:
      operationId: usersGetPost
      x-fern-sdk-method-name: get
      requestBody:
        content:
          application/json:
            schema: {type: object, required: [user_id], properties: {user_id: {type: string}}}
      responses: {"200": {description: OK}}
"#,
    );
    assert_eq!(paths(&api), [("/users/get", "GET")]);
    assert!(warnings.is_empty(), "{warnings:#?}");
}

#[test]
fn calls_are_named_by_tag_and_operation_id_where_seam_s_names_are_missing() {
    let (api, _) = build(PETSTORE);
    let calls: Vec<String> = api.endpoints.iter().map(|e| e.call_segments().join(".")).collect();
    // `createPets` is tagged `pets`; `updatePet` and `countPets` have no tag, so their paths
    // say where they sit (never by a `{parameter}`).
    assert_eq!(
        calls,
        [
            "pets.create_pets",
            "pets.list_pets",
            "pets.update_pet",
            "pets.show_pet_by_id",
            "store.adopt_pet",
            "store.count_pets",
            "store.rename_pet",
            "store.search_pets",
            "store.upload_photo"
        ]
    );
}

#[test]
fn two_operations_named_alike_are_a_located_error() {
    let spec = codegen::load::load_spec_text(
        "rest.yaml",
        r#"
openapi: 3.0.0
info: {title: T, version: "1"}
paths:
  /a:
    get: {operationId: listThings, tags: [things], responses: {"200": {description: OK}}}
  /b:
    get: {operationId: list_things, tags: [Things], responses: {"200": {description: OK}}}
"#,
    )
    .unwrap();
    let errors = codegen::model::build(&spec, Vec::new(), codegen::BuildOptions::default())
        .expect_err("the names clash")
        .to_string();
    assert!(
        errors.contains(
            "error: rest.yaml#/paths/~1b: `GET /b` and `GET /a` would both become the client method `things.list_things`"
        ),
        "{errors}"
    );
}

/// A description outside Seam's dialect (`fixtures/rest`): tags, operationIds, whole-body
/// results (a created resource, a list, a map), a query with a list, a path parameter, and
/// two calls of one path.
#[test]
fn a_rest_description_s_client_builds_and_its_samples_send_the_described_requests() {
    let fixture = docs_support::root().join("generator/tests/fixtures/rest");
    let options = codegen::Options {
        spec: fixture.join("openapi.yaml"),
        samples: Some(fixture.join("samples")),
        resource_samples: None,
        routes: None,
        previous: None,
        guides: false,
        ..codegen::Options::repository(&docs_support::root())
    };
    let generation = codegen::generate(&options).unwrap_or_else(|d| panic!("{d}"));
    let warnings: Vec<String> = generation.warnings.warnings().map(ToString::to_string).collect();
    assert_eq!(warnings.len(), 2, "{warnings:#?}");
    assert!(
        warnings[0].contains("openapi.yaml#/paths/~1pets/post: the header parameter `Accept` is ignored"),
        "{warnings:#?}"
    );
    assert!(
        warnings[1].contains(
            "openapi.yaml#/components/securitySchemes/digest: the HTTP authentication scheme `digest` is not supported"
        ),
        "{warnings:#?}"
    );
    let problems = docs_support::check(&docs_support::pages(&generation.files));
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let pets = generation.files.get("client/src/pets.rs").unwrap();
    assert!(pets.contains("pub fn create_pet(&self)"), "{pets}");
    assert!(pets.contains("pub fn search_pets(&self)"), "{pets}");
    // The `default` response's body is the call's error type, named in its docs.
    assert!(
        pets.contains("[`Error::Api`](crate::Error::Api), whose body decodes as `crate::types::ErrorType` with"),
        "{pets}"
    );
    let stdout = client_build::build_and_test("rest", &generation.files).unwrap_or_else(|failure| panic!("{failure}"));
    // The seven written samples, and the one synthesized for the call that has none.
    assert!(stdout.contains("test result: ok. 8 passed"), "{stdout}");
    // List items and map values that may be `null` are `Option`s: the sample's test sends
    // `["calm", null]` and `{"groomer": null, …}`, and decodes them back with a `null` visit
    // (items of no `type`) beside them.
    let notes = generation.files.get("docs/pets/set_notes.md").unwrap();
    assert!(
        notes.contains(
            "    .labels([Some(\"calm\"), None])\n    .scores(std::collections::BTreeMap::from([\n        (\"vet\".to_owned(), Some(9)),\n        (\"groomer\".to_owned(), None),\n    ]))\n"
        ),
        "{notes}"
    );
    assert!(
        notes.contains(
            "```rust\nNotes {\n    labels: [\n        Some(\n            \"calm\",\n        ),\n        None,\n    ],\n    scores: {\n        \"groomer\": None,\n        \"vet\": Some(\n            9,\n        ),\n    },\n    visits: [\n        Some(\n            NotesVisitsItem {\n                day: Some(\n                    \"monday\",\n                ),\n            },\n        ),\n        None,\n    ],\n}\n```"
        ),
        "{notes}"
    );
    let types = generation.files.get("client/src/types.rs").unwrap();
    assert!(types.contains("pub labels: Vec<Option<String>>,"), "{types}");
    assert!(
        types.contains("pub scores: std::collections::BTreeMap<String, Option<i64>>,"),
        "{types}"
    );
    assert!(types.contains("pub visits: Vec<Option<NotesVisitsItem>>,"), "{types}");
    // A whole body that may be `null` is an optional result.
    let owner = generation.files.get("docs/pets/get_owner.md").unwrap();
    assert!(
        owner.contains("```rust\nSome(\n    PetsGetOwnerResponse {\n        name: \"Ada\",\n    },\n)\n```"),
        "{owner}"
    );
    assert!(owner.contains("```rust\nNone\n```"), "{owner}");
    // The page of a call outside Seam's dialect shows the described request.
    let page = generation.files.get("docs/pets/show_pet_by_id.md").unwrap();
    assert!(
        page.contains("curl --include --request GET \"https://petstore.example/v1/pets/7\" \\\n"),
        "{page}"
    );
    // Seven HTTP libraries' tabs stand for Seam's SDKs, beside cURL and Rust; no Seam CLI
    // (the example answer's JSON tab stands under Response).
    let (request, answer) = page.split_once("\n## Response\n").unwrap();
    assert!(answer.contains("{% tab title=\"JSON\" %}"), "{page}");
    let titles: Vec<&str> = request
        .split("{% tab title=\"")
        .skip(1)
        .filter_map(|t| t.split('"').next())
        .collect();
    assert_eq!(
        titles,
        [
            "JavaScript",
            "cURL",
            "Python",
            "Ruby",
            "PHP",
            "Go",
            "Java",
            "C#",
            "Rust"
        ],
        "{page}"
    );
    assert!(
        page.contains("```javascript\nconst url = 'https://petstore.example/v1/pets/7';\n"),
        "{page}"
    );
    assert!(page.contains("```go\npackage main\n"), "{page}");
    // The page names the requirement's schemes and the whole body the call returns.
    assert!(
        page.contains(
            "<summary>Authentication Methods</summary>\n\n- `basic`: HTTP basic authentication, with `key_cookie`: \
             an API key in the `sid` cookie\n\n</details>"
        ),
        "{page}"
    );
    assert!(
        page.contains("## Response\n\n{% hint style=\"success\" %}\n**200 OK**: *Object*\n{% endhint %}\n\nThe pet.\n\n**`id`** *Number*\n"),
        "{page}"
    );
    // Each credential as its scheme sends it, read from a shell variable named after it.
    assert!(
        page.contains("\\\n  --user \"$BASIC_USERNAME:$BASIC_PASSWORD\" \\\n  --cookie \"sid=$KEY_COOKIE\"\n"),
        "{page}"
    );
    let search = generation.files.get("docs/pets/search_pets.md").unwrap();
    assert!(
        search.contains(
            "--request GET \"https://petstore.example/v1/pets/search?tags=dog&tags=cat&limit=2&api_key=$KEY_QUERY\" \\\n  \
             --cookie \"session=s%201%3B2\"\n"
        ),
        "{search}"
    );
    let create = generation.files.get("docs/pets/create_pet.md").unwrap();
    assert!(
        create.contains(
            "--request POST \"https://petstore.example/v1/pets?dry_run=true\" \\\n  \
             --header \"Authorization: Bearer $BEARER\" \\\n  --header \"X-Request-Id: req 1\" \\\n  --json @- <<EOF\n"
        ),
        "{create}"
    );
}

/// The Petstore example of `@readme/oas-examples` (pinned in `xtask/node`, installed by
/// `cargo xtask ci`), with samples of its own: a path-parameter GET, a query list and a
/// path-parameter PUT with a JSON body each send the described request to a mock server.
#[test]
fn the_petstore_example_s_calls_send_the_described_requests() {
    let spec = docs_support::root().join("xtask/node/node_modules/@readme/oas-examples/3.0/json/petstore.json");
    assert!(
        spec.is_file(),
        "{} is missing: `cargo xtask ci` installs it",
        spec.display()
    );
    let options = codegen::Options {
        spec,
        samples: Some(docs_support::root().join("generator/tests/fixtures/petstore-samples")),
        resource_samples: None,
        routes: None,
        previous: None,
        guides: false,
        ..codegen::Options::repository(&docs_support::root())
    };
    let generation = codegen::generate(&options).unwrap_or_else(|d| panic!("{d}"));
    let warnings: Vec<String> = generation.warnings.warnings().map(ToString::to_string).collect();
    // Every operation is called: the multipart upload too.
    assert!(warnings.is_empty(), "{warnings:#?}");
    let pet = generation.files.get("client/src/pet.rs").unwrap();
    assert!(
        pet.contains("pub fn file(mut self, value: impl Into<crate::FilePart>) -> Self"),
        "{pet}"
    );
    let problems = docs_support::check(&docs_support::pages(&generation.files));
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let page = generation.files.get("docs/pet/get_pet_by_id.md").unwrap();
    assert!(
        page.contains("curl --include --request GET \"http://petstore.swagger.io/v2/pet/10\""),
        "{page}"
    );
    let user = generation.files.get("docs/user/update_user.md").unwrap();
    assert!(
        user.contains("--request PUT \"http://petstore.swagger.io/v2/user/ada%20lovelace\""),
        "{user}"
    );
    let stdout =
        client_build::build_and_test("petstore", &generation.files).unwrap_or_else(|failure| panic!("{failure}"));
    // The form body is written as the client sends it, credentials as their schemes say.
    let form = generation.files.get("docs/pet/update_pet_with_form.md").unwrap();
    assert!(
        form.contains(
            "curl --include --request POST \"http://petstore.swagger.io/v2/pet/10\" \\\n  \
             --header \"Authorization: Bearer $PETSTORE_AUTH\" \\\n  --data \"name=doggie+%26+co&status=sold\"\n"
        ),
        "{form}"
    );
    let get = generation.files.get("docs/pet/get_pet_by_id.md").unwrap();
    assert!(
        get.contains("/pet/10\" \\\n  --header \"api_key: $API_KEY\"\n"),
        "{get}"
    );
    // The four written samples, and one synthesized for each of the 16 other calls: all 20
    // operations are calls, the two whose body is a JSON list too.
    assert!(stdout.contains("test result: ok. 20 passed"), "{stdout}");
}

#[test]
fn a_path_item_may_be_another_path_s_by_reference() {
    let (api, warnings) = build(
        r##"
openapi: 3.0.0
info: {title: T, version: "1"}
paths:
  /v2/pets/{petId}:
    $ref: "#/paths/~1pets~1%7BpetId%7D"
  /pets/{petId}:
    get:
      parameters:
        - {name: petId, in: path, required: true, schema: {type: string}}
      responses: {"200": {description: OK}}
"##,
    );
    assert!(warnings.is_empty(), "{warnings:#?}");
    assert_eq!(paths(&api), [("/pets/{petId}", "GET"), ("/v2/pets/{petId}", "GET")]);
    let spec = codegen::load::load_spec_text(
        "rest.yaml",
        "openapi: 3.0.0\ninfo: {title: T, version: '1'}\npaths:\n  /a:\n    $ref: 'other.yaml#/paths/~1a'\n",
    )
    .unwrap();
    let errors = codegen::model::build(&spec, Vec::new(), codegen::BuildOptions::default())
        .err()
        .unwrap()
        .to_string();
    assert!(
        errors.contains("rest.yaml#/paths/~1a: a path item's `$ref` must name another path of this description"),
        "{errors}"
    );
}

#[test]
fn an_operation_with_servers_of_its_own_is_sent_there() {
    let (api, warnings) = build(
        r#"
openapi: 3.0.0
info: {title: T, version: "1"}
servers: [{url: "https://api.example/"}]
paths:
  /a:
    servers: [{url: "https://other.example"}]
    get: {operationId: getA, responses: {"200": {description: OK}}}
  /b:
    get:
      operationId: getB
      servers: [{url: "/v2"}]
      responses: {"200": {description: OK}}
  /c:
    get:
      operationId: getC
      servers: [{url: "https://api.example"}]
      responses: {"200": {description: OK}}
"#,
    );
    assert_eq!(paths(&api), [("/a", "GET"), ("/b", "GET"), ("/c", "GET")]);
    assert!(warnings.is_empty(), "{warnings:#?}");
    let servers: Vec<Option<&str>> = api.endpoints.iter().map(|e| e.server.as_deref()).collect();
    // The path's server; one relative to the host, kept so (the runtime reads it on the
    // client's base URL's host); the description's own is no server of the operation's.
    assert_eq!(servers, [Some("https://other.example"), Some("/v2"), None]);
}

#[test]
fn a_name_that_repeats_its_namespace_drops_the_repetition_unless_it_would_clash() {
    let (api, warnings) = build(
        r#"
openapi: 3.0.0
info: {title: T, version: "1"}
paths:
  /a:
    get: {operationId: reactions/create-for-issue, tags: [reactions], responses: {"200": {description: OK}}}
  /b:
    get: {operationId: reactions/list, tags: [reactions], responses: {"200": {description: OK}}}
  /c:
    get: {operationId: list, tags: [reactions], responses: {"200": {description: OK}}}
  /d:
    get: {operationId: reactions_2x, tags: [reactions], responses: {"200": {description: OK}}}
"#,
    );
    assert!(warnings.is_empty(), "{warnings:#?}");
    let calls: Vec<String> = api.endpoints.iter().map(|e| e.call_segments().join(".")).collect();
    assert_eq!(
        calls,
        [
            "reactions.create_for_issue",
            "reactions.reactions_list",
            "reactions.list",
            "reactions.reactions_2x"
        ]
    );
}

#[test]
fn a_segment_may_hold_several_path_parameters() {
    let (api, warnings) = build(
        r#"
openapi: 3.0.0
info: {title: T, version: "1"}
paths:
  /compare/{base}...{head}:
    get:
      parameters:
        - {name: base, in: path, required: true, schema: {type: string}}
        - {name: head, in: path, required: true, schema: {type: string}}
      responses: {"200": {description: OK}}
"#,
    );
    assert!(warnings.is_empty(), "{warnings:#?}");
    let compare = &api.endpoints[0];
    assert_eq!(compare.call_segments(), ["compare", "by_base"]);
    assert_eq!(compare.path_params, ["base", "head"]);
    let params = serde_json::json!({"base": "main", "head": "feature/x"});
    assert_eq!(
        compare.request(params.as_object().unwrap()).path,
        "/compare/main...feature%2Fx"
    );
}

#[test]
fn calls_named_after_their_path_that_would_clash_are_named_by_their_whole_path() {
    let (api, warnings) = build(
        r#"
openapi: 3.0.0
info: {title: T, version: "1"}
paths:
  /reports/tags/{id}:
    get:
      tags: [reports]
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses: {"200": {description: OK}}
  /reports/sites/{id}:
    get:
      tags: [reports]
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses: {"200": {description: OK}}
  /reports/list:
    get: {tags: [reports], responses: {"200": {description: OK}}}
"#,
    );
    assert!(warnings.is_empty(), "{warnings:#?}");
    let calls: Vec<String> = api.endpoints.iter().map(|e| e.call_segments().join(".")).collect();
    assert_eq!(
        calls,
        [
            "reports.list",
            "reports.get_reports_sites_by_id",
            "reports.get_reports_tags_by_id"
        ]
    );
}

#[test]
fn head_operations_are_called_and_options_and_trace_left_out_by_name() {
    let (api, warnings) = build(
        r#"
openapi: 3.0.0
info: {title: T, version: "1"}
paths:
  /a:
    get: {operationId: getA, responses: {"200": {description: OK}}}
    head: {operationId: headA, responses: {"200": {description: OK}}}
    options: {operationId: optionsA, responses: {"200": {description: OK}}}
"#,
    );
    assert_eq!(paths(&api), [("/a", "GET"), ("/a", "HEAD")]);
    // A HEAD answer has no body: the call returns nothing.
    assert!(matches!(api.endpoints[1].response, codegen::model::Response::Void));
    assert!(has(
        &warnings,
        "/paths/~1a/options",
        "OPTIONS operations are not supported yet"
    ));
}

#[test]
fn a_success_body_that_is_not_json_is_returned_as_a_text_or_as_bytes() {
    let (api, warnings) = build(
        r#"
openapi: 3.0.0
info: {title: T, version: "1"}
paths:
  /render:
    post:
      operationId: render
      responses:
        "200":
          description: The HTML.
          content:
            text/html: {schema: {type: string}}
  /logo:
    get:
      operationId: logo
      responses:
        "200":
          description: The logo.
          content:
            image/png: {schema: {type: string, format: binary}}
"#,
    );
    assert!(warnings.is_empty(), "{warnings:#?}");
    let answers: Vec<(&str, &codegen::model::Answer, Option<&str>)> = api
        .endpoints
        .iter()
        .map(|e| (e.path.as_str(), &e.answer, e.accept.as_deref()))
        .collect();
    assert_eq!(
        answers,
        [
            (
                "/logo",
                &codegen::model::Answer::Bytes {
                    media_type: "image/png".to_owned()
                },
                Some("image/png")
            ),
            (
                "/render",
                &codegen::model::Answer::Text {
                    media_type: "text/html".to_owned()
                },
                Some("text/html")
            ),
        ]
    );
}

/// `--crate-name` names the crate and its client, in either profile: the repository's Seam
/// description as `seam_client` builds and passes its samples; a name that is no crate name
/// is an error naming the option.
#[test]
fn a_chosen_crate_name_names_the_crate_and_its_client() {
    let options = codegen::Options {
        crate_name: Some("seam_client".to_owned()),
        ..codegen::Options::repository(&docs_support::root())
    };
    let generation = codegen::generate(&options).unwrap_or_else(|d| panic!("{d}"));
    let manifest = generation.files.get("client/Cargo.toml").unwrap();
    assert!(manifest.contains("\nname = \"seam_client\"\n"), "{manifest}");
    let lib = generation.files.get("client/src/lib.rs").unwrap();
    assert!(
        lib.contains("let seam = seam_client::SeamClient::from_env()?;"),
        "{lib}"
    );
    let stdout =
        client_build::build_and_test("seam-client", &generation.files).unwrap_or_else(|failure| panic!("{failure}"));
    assert!(stdout.contains("test result: ok."), "{stdout}");
    for bad in ["Seam-Client", "serde", "type"] {
        let options = codegen::Options {
            crate_name: Some(bad.to_owned()),
            ..codegen::Options::repository(&docs_support::root())
        };
        let errors = codegen::generate(&options).err().unwrap().to_string();
        assert!(
            errors.contains(&format!("error: option --crate-name: the crate name `{bad}`")),
            "{errors}"
        );
    }
}

#[test]
fn a_method_named_like_a_namespace_takes_its_http_method_s_name_in_front() {
    let (api, warnings) = build(
        r#"
openapi: 3.0.0
info: {title: T, version: "1"}
paths:
  /tyk/apis/:
    get:
      responses: {"200": {description: OK, content: {application/json: {schema: {type: array, items: {type: string}}}}}}
  /tyk/apis/{id}:
    get:
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      responses: {"200": {description: OK, content: {application/json: {schema: {type: string}}}}}
"#,
    );
    let calls: Vec<String> = api.endpoints.iter().map(|e| e.call_segments().join(".")).collect();
    assert_eq!(calls, ["tyk.get_apis", "tyk.apis.by_id"]);
    assert!(
        has(
            &warnings,
            "/paths/~1tyk~1apis~1",
            "the client method `tyk.apis` has the name of a namespace; it is `tyk.get_apis`"
        ),
        "{warnings:#?}"
    );
}

/// The synthesized sample of the call at `path`, and whether its tests send it.
fn synthesized<'a>(api: &'a Api, path: &str) -> (&'a serde_json::Map<String, serde_json::Value>, bool) {
    let endpoint = api.endpoints.iter().find(|e| e.path == path).unwrap();
    let sample = &endpoint.samples[0];
    assert!(sample.synthesized, "{sample:#?}");
    (&sample.params, sample.checked())
}

#[test]
fn an_example_s_field_that_its_schema_does_not_declare_is_left_out_unless_the_schema_requires_it() {
    let (api, warnings) = build(
        r##"
openapi: 3.0.0
info: {title: Calls, version: "1"}
paths:
  /calls:
    post:
      requestBody:
        required: true
        content: {application/json: {schema: {$ref: "#/components/schemas/CallRequest"}}}
      responses: {"204": {description: OK}}
  /queues:
    post:
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              properties: {queue_name: {type: string}}
              required: [queue]
              example: {queue: support}
      responses: {"204": {description: OK}}
components:
  schemas:
    CallRequest:
      type: object
      required: [to]
      properties: {to: {type: string}, from: {type: string}, time_limit_secs: {type: integer}}
      example: {to: "+18005550100", from: "+18005550199", timeout_limit_secs: 60}
"##,
    );
    // The written values the client can send are kept, and the request is tested.
    let (params, checked) = synthesized(&api, "/calls");
    assert_eq!(
        serde_json::Value::Object(params.clone()),
        serde_json::json!({"to": "+18005550100", "from": "+18005550199"})
    );
    assert!(checked);
    assert!(
        has(
            &warnings,
            "/paths/~1calls/post/requestBody/content/application~1json",
            "the body's example has the field `timeout_limit_secs`, which its schema does not declare and the \
             client does not send; the request leaves it out"
        ),
        "{warnings:#?}"
    );
    // A field the schema requires but does not declare is a field of any value all the same:
    // the example's value is sent.
    let (params, checked) = synthesized(&api, "/queues");
    assert_eq!(
        serde_json::Value::Object(params.clone()),
        serde_json::json!({"queue": "support"})
    );
    assert!(checked);
    assert!(
        has(
            &warnings,
            "/paths/~1queues/post/requestBody/content/application~1json/schema",
            "`queue` is listed in `required` but no property declares it; it is taken as a required field \
             holding any value"
        ),
        "{warnings:#?}"
    );
    assert!(!warnings.iter().any(|w| w.contains("not tested")), "{warnings:#?}");
}

#[test]
fn a_body_typed_object_that_also_gives_items_is_an_object() {
    let (api, warnings) = build(
        r##"
openapi: 3.0.0
info: {title: Ads, version: "1"}
paths:
  /ads:
    post:
      requestBody:
        required: true
        content:
          application/json:
            schema: {type: object, items: {$ref: "#/components/schemas/Ad"}}
      responses: {"204": {description: OK}}
components:
  schemas:
    Ad:
      type: object
      required: [name]
      properties: {name: {type: string}}
"##,
    );
    assert!(!warnings.iter().any(|w| w.contains("/paths/~1ads/")), "{warnings:#?}");
    let (params, checked) = synthesized(&api, "/ads");
    assert!(checked);
    assert!(params.values().all(|v| v == &serde_json::json!({})), "{params:#?}");
}

#[test]
fn fields_declared_beside_an_all_of_are_fields_of_the_type_too() {
    let (api, warnings) = build(
        r##"
openapi: 3.0.0
info: {title: Releases, version: "1"}
paths:
  /release_counts:
    post:
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [releases]
              properties:
                releases:
                  type: array
                  minItems: 1
                  items:
                    allOf:
                      - {type: object, required: [release], properties: {release: {type: string}}}
                    properties:
                      distribution_group: {type: string}
      responses: {"204": {description: OK}}
"##,
    );
    assert!(
        !warnings.iter().any(|w| w.contains("/paths/~1release_counts/")),
        "{warnings:#?}"
    );
    let (params, checked) = synthesized(&api, "/release_counts");
    assert!(checked);
    assert_eq!(params["releases"], serde_json::json!([{"release": "string"}]));
    // The item's type has the part's field and its own, the part's required.
    let item = api
        .types
        .iter()
        .find(|t| match &t.kind {
            codegen::model::TypeKind::Object { fields } => fields.iter().any(|f| f.name == "release"),
            _ => false,
        })
        .unwrap();
    let codegen::model::TypeKind::Object { fields } = &item.kind else {
        unreachable!()
    };
    let names: Vec<(&str, bool)> = fields.iter().map(|f| (f.name.as_str(), f.required)).collect();
    assert_eq!(names, [("release", true), ("distribution_group", false)]);
}

/// A list sent in the query has no way to write a `null` item: its items stay plain, with a
/// warning, while the same list in a JSON body takes `null` items.
#[test]
fn null_items_are_kept_only_where_the_list_travels_as_json() {
    let (api, warnings) = build(
        r#"
openapi: 3.0.3
info: {title: Tags, version: "1"}
paths:
  /tags:
    get:
      operationId: findTags
      tags: [tags]
      parameters:
        - {name: names, in: query, schema: {type: array, items: {type: string, nullable: true}}}
      responses: {"204": {description: Done}}
    post:
      operationId: setTags
      tags: [tags]
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                names: {type: array, items: {type: string, nullable: true}}
      responses: {"204": {description: Done}}
"#,
    );
    let names = |method: &str| {
        let endpoint = api.endpoints.iter().find(|e| e.http_method.as_str() == method).unwrap();
        endpoint.params.iter().find(|p| p.name == "names").unwrap().ty.clone()
    };
    assert_eq!(
        names("GET"),
        TypeRef::list_of(TypeRef::String { format: String::new() })
    );
    assert_eq!(
        names("POST"),
        TypeRef::Array {
            items: Box::new(TypeRef::String { format: String::new() }),
            items_nullable: true,
        }
    );
    assert!(
        has(
            &warnings,
            "/paths/~1tags/get",
            "`names` may hold `null` items, which a query cannot write; its items are typed as never `null`"
        ),
        "{warnings:#?}"
    );
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
}

#[test]
fn a_required_form_field_holding_an_empty_object_is_not_sent_and_the_warning_says_why() {
    // Salesloft's `/v2/conversations/calls`: `recording` is an object of no declared fields.
    let (api, warnings) = build(
        r##"
openapi: 3.0.0
info: {title: Calls, version: "1"}
paths:
  /calls:
    post:
      requestBody:
        required: true
        content:
          application/x-www-form-urlencoded:
            schema:
              type: object
              required: [to, recording]
              properties:
                to: {type: string}
                recording: {type: object}
      responses: {"204": {description: OK}}
"##,
    );
    let (params, checked) = synthesized(&api, "/calls");
    assert_eq!(params.get("recording"), Some(&serde_json::json!({})));
    assert!(!checked);
    assert!(
        has(
            &warnings,
            "/paths/~1calls/post",
            "its required form field `recording` holds an empty object, whose schema declares no fields, and \
             OpenAPI 3.0 writes a form's object field as one pair per field of the object, by default `style: \
             form` with `explode: true`, never under its own name: the empty object writes no pair, so the form \
             lacks `recording`, which its schema requires"
        ),
        "{warnings:#?}"
    );
}
