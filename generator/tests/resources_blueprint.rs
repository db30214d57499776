//! The resource model against Seam's own: for every resource, event type and action-attempt
//! type of `@seamapi/types` 1.885.0 and 1.977.0, the model's names, routes, type words,
//! descriptions, deprecation, visibility, groups, enum values, nested properties and variants
//! equal what `@seamapi/blueprint` 0.53.0 lays out for the same description.
//!
//! `cargo xtask blueprint-resources` writes blueprint's side into `target/oracles/`, and
//! `cargo xtask live-spec` / `full-spec` the descriptions (`cargo xtask ci` runs all three).

mod docs_support;

use serde_json::{json, Map, Value};

use docs_support::root;

/// Blueprint's words for the model's formats.
fn format_word(kind: &str) -> &str {
    match kind {
        "batch" => "record",
        other => other,
    }
}

fn flags(item: &Value) -> Map<String, Value> {
    let flags = &item["flags"];
    let mut out = Map::new();
    for key in ["deprecated", "undocumented", "draft"] {
        out.insert(key.to_owned(), flags[key].clone());
    }
    out
}

fn enum_value(value: &Value) -> Value {
    let mut out = Map::new();
    out.insert("name".into(), value["name"].clone());
    out.insert("description".into(), value["description"].clone());
    out.extend(flags(value));
    Value::Object(out)
}

fn list(values: &Value, each: fn(&Value) -> Value) -> Value {
    Value::Array(values.as_array().into_iter().flatten().map(each).collect())
}

/// A model property in blueprint's shape.
fn property(p: &Value) -> Value {
    let format = &p["format"];
    let kind = format["kind"].as_str().unwrap_or_default();
    let mut out = Map::new();
    out.insert("name".into(), p["name"].clone());
    out.insert("format".into(), json!(format_word(kind)));
    out.insert("description".into(), p["description"].clone());
    out.insert("group".into(), p["group"].clone());
    out.extend(flags(p));
    match kind {
        "batch" => {
            out.insert("resource_type".into(), format["resource_type"].clone());
        }
        "enum" => {
            out.insert("values".into(), list(&format["values"], enum_value));
        }
        "object" => {
            out.insert("properties".into(), list(&format["properties"], property));
        }
        "list" => {
            let items = &format["items"];
            match items["kind"].as_str().unwrap_or_default() {
                "plain" => {
                    out.insert("item_format".into(), items["format"]["kind"].clone());
                }
                "enum" => {
                    out.insert("item_format".into(), json!("enum"));
                    out.insert("values".into(), list(&items["values"], enum_value));
                }
                "object" => {
                    out.insert("item_format".into(), json!("object"));
                    out.insert("properties".into(), list(&items["properties"], property));
                }
                _ => {
                    out.insert("item_format".into(), json!("discriminated_object"));
                    out.insert("discriminator".into(), items["discriminator"].clone());
                    out.insert("variants".into(), list(&items["variants"], variant));
                }
            }
        }
        _ => {}
    }
    Value::Object(out)
}

fn variant(v: &Value) -> Value {
    json!({
        "group": v["group"],
        "description": v["description"],
        "properties": list(&v["properties"], property),
    })
}

/// A model resource in blueprint's shape.
fn resource(r: &Value) -> Value {
    let mut out = Map::new();
    out.insert("resource_type".into(), r["resource_type"].clone());
    out.insert("route".into(), r["route"].clone());
    out.insert("description".into(), r["description"].clone());
    out.extend(flags(r));
    out.insert("groups".into(), r["groups"].clone());
    out.insert("properties".into(), list(&r["properties"], property));
    Value::Object(out)
}

fn tagged(t: &Value) -> Value {
    json!({ "tag": t["tag"], "resource": resource(&t["resource"]) })
}

/// Every place where two trees differ, by path.
fn differences(ours: &Value, theirs: &Value, path: &str, out: &mut Vec<String>) {
    match (ours, theirs) {
        (Value::Object(a), Value::Object(b)) => {
            for key in a.keys().chain(b.keys().filter(|k| !a.contains_key(*k))) {
                match (a.get(key), b.get(key)) {
                    (Some(x), Some(y)) => differences(x, y, &format!("{path}.{key}"), out),
                    (x, _) => out.push(format!(
                        "{path}.{key}: only in {}",
                        if x.is_some() { "ours" } else { "blueprint" }
                    )),
                }
            }
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
            for (index, (x, y)) in a.iter().zip(b).enumerate() {
                let name = x["name"].as_str().or(x["tag"].as_str()).or(x["resource_type"].as_str());
                let step = name.map_or_else(|| index.to_string(), str::to_owned);
                differences(x, y, &format!("{path}[{step}]"), out);
            }
        }
        (a, b) if a != b => out.push(format!("{path}: ours {} but blueprint {}", short(a), short(b))),
        _ => {}
    }
}

fn short(value: &Value) -> String {
    let text = value.to_string();
    if text.chars().count() > 160 {
        text.chars().take(160).collect::<String>() + "…"
    } else {
        text
    }
}

/// Blueprint replaces every action-attempt type's `status` with one fixed list; the model
/// takes the statuses of the type's variants. The same values, in another order.
fn sort_action_attempt_statuses(tagged: &mut Value) {
    for property in tagged["resource"]["properties"].as_array_mut().into_iter().flatten() {
        if property["name"] == "status" {
            if let Some(values) = property["values"].as_array_mut() {
                values.sort_by_key(|v| v["name"].as_str().unwrap_or_default().to_owned());
            }
        }
    }
}

fn assert_equal_to_blueprint(spec: &str, version: &str) {
    let spec = root().join(spec);
    assert!(
        spec.is_file(),
        "{} is missing: `cargo xtask ci` writes it",
        spec.display()
    );
    let oracle = root().join(format!("target/oracles/blueprint-resources-{version}.json"));
    let text = std::fs::read_to_string(&oracle).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (`cargo xtask blueprint-resources` writes it)",
            oracle.display()
        )
    });
    let mut theirs: Value = serde_json::from_str(&text).unwrap();
    let options = codegen::Options::description_only(spec, &docs_support::root());
    let (api, _) = codegen::build_model(&options).unwrap_or_else(|d| panic!("{d}"));
    let model = serde_json::to_value(&api.resource_docs).unwrap();
    let mut ours = json!({
        "resources": list(&model["resources"], resource),
        "events": list(&model["events"], tagged),
        "action_attempts": list(&model["action_attempts"], tagged),
    });
    for side in [&mut ours, &mut theirs] {
        for attempt in side["action_attempts"].as_array_mut().into_iter().flatten() {
            sort_action_attempt_statuses(attempt);
        }
    }
    let mut found = Vec::new();
    for kind in ["resources", "events", "action_attempts"] {
        let (a, b) = (&ours[kind], &theirs[kind]);
        let names = |v: &Value| -> Vec<String> {
            v.as_array()
                .into_iter()
                .flatten()
                .map(|r| {
                    r["resource_type"]
                        .as_str()
                        .or(r["tag"].as_str())
                        .unwrap_or_default()
                        .to_owned()
                })
                .collect()
        };
        assert_eq!(names(a), names(b), "{version}: the {kind} differ");
        assert!(!names(b).is_empty(), "{version}: blueprint lays out no {kind}");
        differences(a, b, &format!("{version} {kind}"), &mut found);
    }
    for line in found.iter().take(40) {
        eprintln!("{line}");
    }
    assert!(
        found.is_empty(),
        "{version}: {} differences from blueprint",
        found.len()
    );
    eprintln!(
        "{version}: {} resources, {} event types, {} action-attempt types equal blueprint's",
        ours["resources"].as_array().map_or(0, Vec::len),
        ours["events"].as_array().map_or(0, Vec::len),
        ours["action_attempts"].as_array().map_or(0, Vec::len),
    );
}

#[test]
fn resources_of_1_885_0_equal_blueprints() {
    assert_equal_to_blueprint("target/live-1.885.0/openapi.json", "1.885.0");
}

#[test]
fn resources_of_1_977_0_equal_blueprints() {
    assert_equal_to_blueprint("target/full-spec/openapi.json", "1.977.0");
}
