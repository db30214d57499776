//! Each request construct a description may ask for, sent as the description says: one small
//! description per construct, whose generated client makes one call. The call is checked
//! against a recording mock (method, path, query, `Accept`, `Content-Type`, body bytes, the
//! decoded answer) and sent to Prism (`prism mock --errors`, pinned in `xtask/node`), which
//! answers 422 to any request its description does not allow.

// Only its workspace build is used here.
#[allow(dead_code)]
mod client_build;
mod docs_support;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// One construct: its description's paths, the call made through the client `client`, and
/// what the recording mock must have received.
struct Construct {
    name: &'static str,
    paths: &'static str,
    call: &'static str,
    method: &'static str,
    /// The path and query, as sent.
    target: &'static str,
    content_type: Option<&'static str>,
    /// The body, a multipart body's boundary written `BOUNDARY`.
    body: &'static [u8],
    /// The decoded answer, as `{:?}` prints it.
    answer: &'static str,
    /// The `Accept` header sent.
    accept: &'static str,
    /// What the client's builder is given beyond its base URL (a credential, say).
    builder: &'static str,
    /// Other headers sent, `(name, value)`.
    headers: &'static [(&'static str, &'static str)],
    /// Whether Prism can judge the call: it routes by path alone, so a call to an
    /// operation's own server (`/v2/ping`) is one it cannot find.
    prism: bool,
}

/// Every construct's success answer: the recording mock sends `{"count": 2}`.
const ANSWER: &str = r##"
      responses:
        "200":
          description: OK
          content:
            application/xml:
              schema: {$ref: "#/components/schemas/Count"}
            application/json:
              schema: {$ref: "#/components/schemas/Count"}"##;

const CONSTRUCTS: &[Construct] = &[
    Construct {
        name: "json_array",
        paths: r#"
  /tags:
    post:
      operationId: setTags
      tags: [w]
      requestBody:
        required: true
        content:
          application/json:
            schema: {type: array, items: {type: string}}"#,
        call: r#"client.w().set_tags().body(["a", "b c"])"#,
        method: "POST",
        target: "/tags",
        content_type: Some("application/json"),
        body: br#"["a","b c"]"#,
        prism: true,
        answer: "Count { count: 2 }",
        accept: "application/json",
        builder: "",
        headers: &[],
    },
    Construct {
        name: "multipart",
        paths: r#"
  /upload:
    post:
      operationId: upload
      tags: [w]
      requestBody:
        required: true
        content:
          multipart/form-data:
            schema:
              type: object
              required: [file]
              properties:
                note: {type: string}
                file: {type: string, format: binary}"#,
        call: r#"client.w().upload().note("hi").file(wire::FilePart::new(vec![0u8, 1, 2]).file_name("a.bin").content_type("application/octet-stream"))"#,
        method: "POST",
        target: "/upload",
        content_type: Some("multipart/form-data; boundary=BOUNDARY"),
        body: b"--BOUNDARY\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhi\r\n\
--BOUNDARY\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.bin\"\r\nContent-Type: application/octet-stream\r\n\r\n\x00\x01\x02\r\n\
--BOUNDARY--\r\n",
        prism: true,
        answer: "Count { count: 2 }",
        accept: "application/json",
        builder: "",
        headers: &[],
    },
    Construct {
        name: "bytes",
        paths: r#"
  /raw:
    put:
      operationId: putRaw
      tags: [w]
      requestBody:
        required: true
        content:
          application/octet-stream:
            schema: {type: string, format: binary}"#,
        call: r#"client.w().put_raw().body(vec![0u8, 255, 10])"#,
        method: "PUT",
        target: "/raw",
        content_type: Some("application/octet-stream"),
        body: b"\x00\xff\n",
        prism: true,
        answer: "Count { count: 2 }",
        accept: "application/json",
        builder: "",
        headers: &[],
    },
    Construct {
        name: "text",
        paths: r#"
  /note:
    post:
      operationId: postNote
      tags: [w]
      requestBody:
        required: true
        content:
          text/plain:
            schema: {type: string}"#,
        call: r#"client.w().post_note().body("héllo\n")"#,
        method: "POST",
        target: "/note",
        content_type: Some("text/plain"),
        body: "héllo\n".as_bytes(),
        prism: true,
        answer: "Count { count: 2 }",
        accept: "application/json",
        builder: "",
        headers: &[],
    },
    Construct {
        name: "form_object",
        paths: r##"
  /profile:
    post:
      operationId: saveProfile
      tags: [w]
      requestBody:
        required: true
        content:
          application/x-www-form-urlencoded:
            schema:
              type: object
              required: [name]
              properties:
                name: {type: string}
                owner: {$ref: "#/components/schemas/Owner"}"##,
        call: r#"client.w().save_profile().name("Rex").owner(wire::types::Owner { first: "Ada".into(), age: Some(36) })"#,
        method: "POST",
        target: "/profile",
        content_type: Some("application/x-www-form-urlencoded"),
        body: b"age=36&first=Ada&name=Rex",
        prism: true,
        answer: "Count { count: 2 }",
        accept: "application/json",
        builder: "",
        headers: &[],
    },
    Construct {
        name: "query_styles",
        paths: r#"
  /search:
    get:
      operationId: search
      tags: [w]
      parameters:
        - {name: ids, in: query, explode: false, schema: {type: array, items: {type: integer}}}
        - {name: tags, in: query, style: pipeDelimited, schema: {type: array, items: {type: string}}}
        - {name: words, in: query, style: spaceDelimited, schema: {type: array, items: {type: string}}}
        - {name: all, in: query, schema: {type: array, items: {type: string}}}"#,
        call: r#"client.w().search().ids([1, 2]).tags(["x", "y"]).words(["p", "q"]).all(["m", "n"])"#,
        method: "GET",
        target: "/search?all=m&all=n&ids=1%2C2&tags=x%7Cy&words=p+q",
        content_type: None,
        body: b"",
        prism: true,
        answer: "Count { count: 2 }",
        accept: "application/json",
        builder: "",
        headers: &[],
    },
    Construct {
        name: "declared_twice",
        paths: r#"
  /items:
    post:
      operationId: listItems
      tags: [w]
      parameters:
        - {name: limit, in: query, required: true, schema: {type: integer}}
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [limit]
              properties:
                limit: {type: integer}"#,
        call: r#"client.w().list_items().limit(5).limit_in_query(7)"#,
        method: "POST",
        target: "/items?limit=7",
        content_type: Some("application/json"),
        body: br#"{"limit":5}"#,
        prism: true,
        answer: "Count { count: 2 }",
        accept: "application/json",
        builder: "",
        headers: &[],
    },
    Construct {
        // A body field named as a path parameter is sent in the body, set as `<name>_in_body`;
        // the path parameter keeps its name.
        name: "path_and_body_field",
        paths: r#"
  /timers/{name}:
    put:
      operationId: updateTimer
      tags: [w]
      parameters:
        - {name: name, in: path, required: true, schema: {type: string}}
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [name]
              properties:
                name: {type: string, minLength: 3}
                every: {type: integer}"#,
        call: r#"client.w().update_timer().name("t 1").name_in_body("nightly").every(5)"#,
        method: "PUT",
        target: "/timers/t%201",
        content_type: Some("application/json"),
        // The path's value is taken out of the parameters first, which moves the last one
        // set into its place.
        body: br#"{"every":5,"name":"nightly"}"#,
        prism: true,
        answer: "Count { count: 2 }",
        accept: "application/json",
        builder: "",
        headers: &[],
    },
    Construct {
        name: "path_and_multipart_field",
        paths: r#"
  /folders/{folder}/files:
    post:
      operationId: addFile
      tags: [w]
      parameters:
        - {name: folder, in: path, required: true, schema: {type: string}}
      requestBody:
        required: true
        content:
          multipart/form-data:
            schema:
              type: object
              required: [folder, file]
              properties:
                folder: {type: string, enum: [inbox]}
                file: {type: string, format: binary}"#,
        call: r#"client.w().add_file().folder("f9").folder_in_body(wire::types::WAddFileFolder::Inbox).file(wire::FilePart::new(vec![7u8]).file_name("a.bin").content_type("application/octet-stream"))"#,
        method: "POST",
        target: "/folders/f9/files",
        content_type: Some("multipart/form-data; boundary=BOUNDARY"),
        body: b"--BOUNDARY\r\nContent-Disposition: form-data; name=\"folder\"\r\n\r\ninbox\r\n\
--BOUNDARY\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.bin\"\r\nContent-Type: application/octet-stream\r\n\r\n\x07\r\n\
--BOUNDARY--\r\n",
        prism: true,
        answer: "Count { count: 2 }",
        accept: "application/json",
        builder: "",
        headers: &[],
    },
    Construct {
        // A path parameter given by `content` of a type other than JSON: its schema's scalar,
        // written as its text.
        name: "path_by_content",
        paths: r#"
  /reports/{id}:
    get:
      operationId: getReport
      tags: [w]
      parameters:
        - name: id
          in: path
          required: true
          content:
            "*/*":
              schema: {type: string, format: uuid}"#,
        call: r#"client.w().get_report().id("7b3d2a40-1c6e-4a5f-9e0b-2d8c4f6a1b3e")"#,
        method: "GET",
        target: "/reports/7b3d2a40-1c6e-4a5f-9e0b-2d8c4f6a1b3e",
        content_type: None,
        body: b"",
        prism: true,
        answer: "Count { count: 2 }",
        accept: "application/json",
        builder: "",
        headers: &[],
    },
    Construct {
        // A `{name}` of the path that nothing declares is a required string path parameter.
        name: "path_undeclared",
        paths: r#"
  /notes/{slug}:
    get:
      operationId: getNote
      tags: [w]"#,
        call: r#"client.w().get_note().slug("a b")"#,
        method: "GET",
        target: "/notes/a%20b",
        content_type: None,
        body: b"",
        prism: true,
        answer: "Count { count: 2 }",
        accept: "application/json",
        builder: "",
        headers: &[],
    },
    Construct {
        name: "head",
        paths: r#"
  /files/{name}:
    head:
      operationId: fileExists
      tags: [w]
      parameters:
        - {name: name, in: path, required: true, schema: {type: string}}
      responses: {"200": {description: OK}}"#,
        call: r#"client.w().file_exists().name("a b")"#,
        method: "HEAD",
        target: "/files/a%20b",
        content_type: None,
        body: b"",
        prism: true,
        answer: "()",
        accept: "*/*",
        builder: "",
        headers: &[],
    },
    Construct {
        name: "text_answer",
        paths: r#"
  /report:
    get:
      operationId: getReport
      tags: [w]
      responses:
        "200":
          description: OK
          content:
            text/csv:
              schema: {type: string}"#,
        call: r#"client.w().get_report()"#,
        method: "GET",
        target: "/report",
        content_type: None,
        body: b"",
        prism: true,
        // The recording mock's answer, as it came.
        answer: r#""{\"count\": 2}""#,
        accept: "text/csv",
        builder: "",
        headers: &[],
    },
    // A success answered without a body beside one with JSON: the result is an `Option`.
    Construct {
        name: "optional_result",
        paths: r##"
  /counts/{id}:
    put:
      operationId: putCount
      tags: [w]
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      responses:
        "200":
          description: OK
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Count"}
        "204": {description: Nothing to say}"##,
        call: r#"client.w().put_count().id("a")"#,
        method: "PUT",
        target: "/counts/a",
        content_type: None,
        body: b"",
        prism: true,
        answer: "Some(Count { count: 2 })",
        accept: "application/json",
        builder: "",
        headers: &[],
    },
    // The same, the success without a body first (Azure's `200` beside a `201` with JSON): the
    // recording mock's `200` holds no value, whatever its body; Prism answers that `200` empty.
    Construct {
        name: "optional_result_bodiless_first",
        paths: r##"
  /counts/{id}:
    put:
      operationId: putCount
      tags: [w]
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      responses:
        "200": {description: Updated}
        "201":
          description: Created
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Count"}"##,
        call: r#"client.w().put_count().id("a")"#,
        method: "PUT",
        target: "/counts/a",
        content_type: None,
        body: b"",
        prism: true,
        answer: "None",
        accept: "application/json",
        builder: "",
        headers: &[],
    },
    Construct {
        name: "bytes_answer",
        paths: r#"
  /logo:
    get:
      operationId: getLogo
      tags: [w]
      responses:
        "200":
          description: OK
          content:
            image/png:
              schema: {type: string, format: binary}"#,
        call: r#"client.w().get_logo()"#,
        method: "GET",
        target: "/logo",
        content_type: None,
        body: b"",
        prism: true,
        answer: "[123, 34, 99, 111, 117, 110, 116, 34, 58, 32, 50, 125]",
        accept: "image/png",
        builder: "",
        headers: &[],
    },
    Construct {
        // Path styles as OpenAPI 3.0 writes them: `label` exploded, `matrix`, `simple`.
        name: "path_styles",
        paths: r#"
  /tags/{labels}/{matrix}/{simple}:
    get:
      operationId: tagPath
      tags: [w]
      parameters:
        - {name: labels, in: path, required: true, style: label, explode: true, schema: {type: array, items: {type: string}}}
        - {name: matrix, in: path, required: true, style: matrix, schema: {type: array, items: {type: string}}}
        - {name: simple, in: path, required: true, schema: {type: array, items: {type: string}}}"#,
        call: r#"client.w().tag_path().labels(["a", "b c"]).matrix(["x", "y"]).simple(["1", "2"])"#,
        method: "GET",
        target: "/tags/.a.b%20c/;matrix=x,y/1,2",
        content_type: None,
        body: b"",
        // Prism 5.16 ends (its process crashes) on this request, so it cannot judge it.
        prism: false,
        answer: "Count { count: 2 }",
        accept: "application/json",
        builder: "",
        headers: &[],
    },
    Construct {
        // AWS's JSON-RPC descriptions tell their operations apart by a `#…` in the path, which
        // no request carries: the call is `POST /`, the operation named by its header.
        name: "fragment_path",
        paths: r#"
  /#X-Amz-Target=Svc.ListThings:
    post:
      operationId: listThings
      tags: [w]
      parameters:
        - {name: X-Amz-Target, in: header, required: true, schema: {type: string, enum: [Svc.ListThings]}}
      requestBody:
        required: true
        content:
          application/json:
            schema: {type: object, properties: {limit: {type: integer}}}"#,
        call: r#"client.w().list_things().x_amz_target(wire::types::WListThingsXAmzTarget::SvcListThings).limit(2)"#,
        method: "POST",
        target: "/",
        content_type: Some("application/json"),
        body: br#"{"limit":2}"#,
        // Prism's router matches the `#…` too, which the request does not hold.
        prism: false,
        answer: "Count { count: 2 }",
        accept: "application/json",
        builder: "",
        headers: &[],
    },
    Construct {
        name: "own_server",
        paths: r#"
  /ping:
    servers: [{url: "/v2"}]
    get:
      operationId: ping
      tags: [w]"#,
        call: r#"client.w().ping()"#,
        method: "GET",
        target: "/v2/ping",
        content_type: None,
        body: b"",
        prism: false,
        answer: "Count { count: 2 }",
        accept: "application/json",
        builder: "",
        headers: &[],
    },
Construct {
        // A name listed in `required` that no property declares (NDHM's gateway) is a
        // required field holding any value, in the body and in a nested object.
        name: "undeclared_required",
        paths: r#"
  /notify:
    post:
      operationId: notify
      tags: [w]
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [note, ticket, meta]
              properties:
                note: {type: string}
                meta:
                  type: object
                  required: [level, source]
                  properties: {level: {type: integer}}"#,
        call: r#"client.w().notify().note("hi").meta(wire::types::WNotifyMeta { level: 3, source: serde_json::json!({"app": "cli"}) }).ticket(7)"#,
        method: "POST",
        target: "/notify",
        content_type: Some("application/json"),
        body: br#"{"note":"hi","meta":{"level":3,"source":{"app":"cli"}},"ticket":7}"#,
        prism: true,
        answer: "Count { count: 2 }",
        accept: "application/json",
        builder: "",
        headers: &[],
    },
    Construct {
        // OpenAPI ignores an `Authorization` header parameter; a call that declares no
        // security yet requires one (NDHM's gateway) sends the credential the client holds.
        name: "authorization_parameter",
        paths: r#"
  /me:
    get:
      operationId: me
      tags: [w]
      parameters:
        - {name: Authorization, in: header, required: true, schema: {type: string}}"#,
        call: r#"client.w().me()"#,
        method: "GET",
        target: "/me",
        content_type: None,
        body: b"",
        prism: true,
        answer: "Count { count: 2 }",
        accept: "application/json",
        builder: r#".authorization("token-1")"#,
        headers: &[("authorization", "token-1")],
    },
];

/// The description of one construct.
fn description(construct: &Construct) -> String {
    let answer = ANSWER;
    let mut paths = String::new();
    for line in construct.paths.lines() {
        paths.push_str(line);
        paths.push('\n');
        // Each operation answers `Count`, unless it says otherwise (a HEAD answer has no body).
        if line.trim_start().starts_with("tags: [w]") && !construct.paths.contains("responses:") {
            paths.push_str(answer.trim_start_matches('\n'));
            paths.push('\n');
        }
    }
    format!(
        "openapi: 3.0.3\ninfo: {{title: Wire, version: \"1\"}}\nservers: [{{url: \"http://localhost:4010\"}}]\npaths:{paths}\
         components:\n  schemas:\n    Owner:\n      type: object\n      required: [first]\n      properties:\n        first: {{type: string}}\n        age: {{type: integer}}\n    Count:\n      type: object\n      required: [count]\n      properties:\n        count: {{type: integer}}\n"
    )
}

/// The crate's test: the call against the recording mock, then against Prism.
fn wire_test(construct: &Construct) -> String {
    let env = format!("PRISM_URL_{}", construct.name.to_uppercase());
    let content_type = match construct.content_type {
        Some(t) => format!("Some({t:?})"),
        None => "None".to_owned(),
    };
    let body: Vec<String> = construct.body.iter().map(u8::to_string).collect();
    format!(
        r##"//! The call sends what its description allows.

#[tokio::test]
async fn sends_what_the_description_allows() {{
    let server = wiremock::MockServer::start().await;
    wiremock::Mock::given(wiremock::matchers::any())
        .respond_with(wiremock::ResponseTemplate::new(200).set_body_raw(r#"{{"count": 2}}"#, "application/json"))
        .mount(&server)
        .await;
    let client = wire::Wire::builder().base_url(server.uri()){builder}.build().unwrap();
    let answer = {call}.await.unwrap();
    assert_eq!(format!("{{answer:?}}"), {answer:?});
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1);
    let request = &requests[0];
    let header = |name: &str| request.headers.get(name).map(|v| v.to_str().unwrap().to_owned());
    let content_type = header("content-type");
    let boundary = content_type
        .as_deref()
        .and_then(|t| t.split_once("boundary="))
        .map(|(_, b)| b.to_owned());
    let unbounded = |text: String| match &boundary {{
        Some(b) => text.replace(b.as_str(), "BOUNDARY"),
        None => text,
    }};
    assert_eq!(request.method.as_str(), {method:?});
    let target = match request.url.query() {{
        Some(query) => format!("{{}}?{{query}}", request.url.path()),
        None => request.url.path().to_owned(),
    }};
    assert_eq!(target, {target:?});
    assert_eq!(header("accept").as_deref(), Some({accept:?}));
    let headers: &[(&str, &str)] = &{headers:?};
    for (name, value) in headers {{
        assert_eq!(header(name).as_deref(), Some(*value), "{{name}}");
    }}
    assert_eq!(content_type.map(unbounded).as_deref(), {content_type});
    let body: &[u8] = &[{body}];
    let sent = match &boundary {{
        Some(b) => String::from_utf8_lossy(&request.body).replace(b.as_str(), "BOUNDARY").into_bytes(),
        None => request.body.clone(),
    }};
    assert_eq!(sent, body, "{{}}", String::from_utf8_lossy(&sent));
    // Prism rejects, with 422, any request its description does not allow.
    if let Ok(url) = std::env::var({env:?}) {{
        let client = wire::Wire::builder().base_url(url){builder}.build().unwrap();
        let answer = {call}.await;
        assert!(answer.is_ok(), "Prism: {{answer:?}}");
    }}
}}
"##,
        call = construct.call,
        answer = construct.answer,
        accept = construct.accept,
        method = construct.method,
        target = construct.target,
        body = body.join(", "),
        builder = construct.builder,
        headers = construct.headers,
    )
}

/// A `prism mock --errors` on one description, stopped when dropped.
struct Prism(Child);

impl Drop for Prism {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn start_prism(program: &Path, description: &Path) -> (Prism, String) {
    let port = free_port();
    let child = Command::new(program)
        .args(["mock", "--errors", "--host", "127.0.0.1", "--port", &port.to_string()])
        .arg(description)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {}: {e}", program.display()));
    (Prism(child), format!("http://127.0.0.1:{port}"))
}

fn wait_until_listening(url: &str) {
    let address = url.trim_start_matches("http://");
    let started = Instant::now();
    while std::net::TcpStream::connect(address).is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "Prism did not listen on {url}"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[test]
fn each_construct_is_sent_as_its_description_allows() {
    let root = docs_support::root();
    let prism: PathBuf = root.join("xtask/node/node_modules/.bin/prism");
    assert!(
        prism.is_file(),
        "{} is missing: `cargo xtask ci` installs it",
        prism.display()
    );
    let work = root.join("target/request-constructs");
    std::fs::create_dir_all(&work).unwrap();
    let mut generations = Vec::new();
    let mut servers = Vec::new();
    for construct in CONSTRUCTS {
        let spec = work.join(format!("{}.yaml", construct.name));
        std::fs::write(&spec, description(construct)).unwrap();
        let generation = codegen::generate(&codegen::Options::description_only(spec.clone(), &root))
            .unwrap_or_else(|d| panic!("{}: {d}", construct.name));
        let left_out: Vec<String> = generation
            .warnings
            .warnings()
            .map(ToString::to_string)
            .filter(|w| w.contains("left out"))
            .collect();
        assert!(left_out.is_empty(), "{}: {left_out:#?}", construct.name);
        let mut files = generation.files;
        files.insert("client/tests/wire.rs", wire_test(construct));
        generations.push((format!("wire_{}", construct.name), files));
        if construct.prism {
            let (server, url) = start_prism(&prism, &spec);
            std::env::set_var(format!("PRISM_URL_{}", construct.name.to_uppercase()), &url);
            servers.push((server, url));
        }
    }
    for (_, url) in &servers {
        wait_until_listening(url);
    }
    let clients: Vec<(String, &codegen::fileset::FileSet)> =
        generations.iter().map(|(name, files)| (name.clone(), files)).collect();
    // One workspace built once with warnings denied, then its `wire` tests run.
    client_build::build_workspace("request-constructs", &clients, &["build", "--tests"])
        .unwrap_or_else(|failure| panic!("{failure}"));
    let output = Command::new(env!("CARGO"))
        .args([
            "test",
            "--workspace",
            "--no-fail-fast",
            "--test",
            "wire",
            "--manifest-path",
        ])
        .arg(root.join("target/generated-workspaces/request-constructs/Cargo.toml"))
        .arg("--target-dir")
        .arg(root.join("target/generated-clients"))
        .env("RUSTFLAGS", "-D warnings")
        .env("RUSTDOCFLAGS", "-D warnings")
        .env("CARGO_INCREMENTAL", "0")
        .env("CARGO_PROFILE_DEV_DEBUG", "false")
        .output()
        .unwrap();
    let printed = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.status.success(), "{printed}");
    assert_eq!(
        printed.matches("test sends_what_the_description_allows ... ok").count(),
        CONSTRUCTS.len(),
        "{printed}"
    );
}
