//! Go as the live reference prints it: Seam's sample builder writes a whole program calling
//! `client.Ns.Method(context.Background(), pkg.NsMethodRequest{…})`, which gofmt lays out
//! (tabs, and the values of a literal's `Key: value` lines aligned in one column); the
//! output is the returned struct as one Go literal.

use heck::ToUpperCamelCase;
use serde_json::{Map, Value};

use super::prettier::js_number;
use super::{comma_separated, printer, Call, Shown};

/// The SDK's module path.
const MODULE: &str = "github.com/seamapi/go";

/// The root package's name.
const ROOT: &str = "api";

/// The program.
pub fn code(call: &Call) -> String {
    let method = call.chain_joined(|s| s.to_upper_camel_case(), ".");
    if call.params.is_empty() {
        return format!("package main\n\nfunc main() {{\n\tclient.{method}(context.Background())\n}}");
    }
    let chain = call.chain();
    let package = if chain.len() > 2 {
        chain[1].replace('_', "")
    } else {
        ROOT.to_owned()
    };
    let mut imports = format!("import {ROOT} \"{MODULE}\"\n");
    if package != ROOT {
        imports.push_str(&format!("import {package} \"{MODULE}/{package}\"\n"));
    }
    let request = call.request_type();
    let request_value = Request {
        package: &package,
        name: &request,
    };
    let fields: Vec<(String, String)> = call
        .params
        .iter()
        .map(|(key, value)| (format!("{}:", field_name(key)), request_value.value(key, value)))
        .collect();
    format!(
        "package main\n\n{imports}\nfunc main() {{\n\tclient.{method}(\n\t\tcontext.Background(),\n\t\t\
         {package}.{request}{{\n{}\t\t}},\n\t)\n}}",
        aligned(&fields, "\t\t\t")
    )
}

/// `Key: value,` lines with the values in one column, as gofmt aligns them (counting
/// characters, not bytes).
fn aligned(fields: &[(String, String)], indent: &str) -> String {
    let width = fields.iter().map(|(key, _)| key.chars().count()).max().unwrap_or(0);
    fields
        .iter()
        .map(|(key, value)| format!("{indent}{key:width$} {value},\n"))
        .collect()
}

/// The struct field a key names: the key in PascalCase, as Seam's sample builder writes it.
/// A Go identifier starts with a letter, so a name that would start with a digit (or be
/// empty) gets an `N` in front, as Go's OpenAPI generators (oapi-codegen) write such names.
pub(crate) fn field_name(key: &str) -> String {
    let name = key.to_upper_camel_case();
    if name.starts_with(|c: char| c.is_alphabetic() || c == '_') {
        name
    } else {
        format!("N{name}")
    }
}

/// The request struct the parameters fill, in the package it lives in.
struct Request<'a> {
    package: &'a str,
    name: &'a str,
}

impl Request<'_> {
    /// A parameter's value: pointers to scalars (`api.String("…")`), fixed-size arrays, and
    /// structs named after the request and the parameter.
    fn value(&self, key: &str, value: &Value) -> String {
        match value {
            Value::Null => "nil".to_owned(),
            Value::String(s) => format!("{ROOT}.String({})", go_string(s)),
            Value::Bool(b) => format!("{ROOT}.Bool({b})"),
            Value::Number(n) => format!("{ROOT}.Float64({})", js_number(n)),
            Value::Array(items) => match items.first() {
                None => "nil".to_owned(),
                Some(first) => {
                    let ty = scalar_type(first).map_or_else(|| format!("{}Item", self.nested_type(key)), str::to_owned);
                    let items = comma_separated(items.iter().map(|v| self.value(key, v)));
                    format!("[{}]{ty}{{{items}}}", value.as_array().map_or(0, Vec::len))
                }
            },
            Value::Object(map) if map.is_empty() => "struct{}{}".to_owned(),
            Value::Object(map) => {
                let fields = comma_separated(
                    map.iter()
                        .map(|(k, v)| format!("{}: {}", field_name(k), self.value(k, v))),
                );
                format!("{}{{{fields}}}", self.nested_type(key))
            }
        }
    }

    /// The struct of a parameter: `pkg.` the request's name and the parameter's.
    fn nested_type(&self, key: &str) -> String {
        format!(
            "{}.{}",
            self.package,
            format!("{} {key}", self.name).to_upper_camel_case()
        )
    }
}

/// The Go type of a list whose first item is `item`, when it is a scalar.
fn scalar_type(item: &Value) -> Option<&'static str> {
    match item {
        Value::String(_) => Some("string"),
        Value::Number(_) => Some("float64"),
        Value::Bool(_) => Some("bool"),
        _ => None,
    }
}

/// What the call returns: `nil`, or the resource as a Go literal of `resource_type` (the
/// resource's struct name, e.g. `AccessCode`), a list of them for a list.
pub fn output(shown: Option<&Shown>, resource_type: &str) -> String {
    let Some(shown) = shown else {
        return "nil".to_owned();
    };
    let resource = |value: &Value| match value {
        Value::Object(fields) => format!("{ROOT}.{resource_type}{{{}}}", struct_fields(fields, &[resource_type])),
        other => response_value(other),
    };
    match shown.resource() {
        Value::Array(items) => format!(
            "[]{ROOT}.{resource_type}{{{}}}",
            comma_separated(items.iter().map(resource))
        ),
        single => resource(single),
    }
}

/// `Field: value, …` of a returned struct; `chain` names the struct (`AccessCode`, `errors`).
fn struct_fields(fields: &Map<String, Value>, chain: &[&str]) -> String {
    comma_separated(fields.iter().map(|(key, value)| {
        let value = match value {
            Value::Array(_) | Value::Object(_) => nested_value(key, value, chain),
            other => response_value(other),
        };
        format!("{}: {value}", field_name(key))
    }))
}

/// A list or struct field `key` of the struct that `chain` names.
fn nested_value(key: &str, value: &Value, chain: &[&str]) -> String {
    let chain: Vec<&str> = chain.iter().copied().chain([key]).collect();
    let name = chain.join("_").to_upper_camel_case();
    match value {
        Value::Array(items) if items.is_empty() => "nil".to_owned(),
        Value::Array(items) => {
            let ty = scalar_type(&items[0]).map_or_else(|| name.clone(), str::to_owned);
            let items = comma_separated(items.iter().map(|item| match item {
                Value::Array(_) | Value::Object(_) => nested_value(key, item, &chain),
                other => response_value(other),
            }));
            format!("[]{ty}{{{items}}}")
        }
        Value::Object(map) if map.is_empty() => "struct{}{}".to_owned(),
        Value::Object(map) => format!("{ROOT}.{name}{{{}}}", struct_fields(map, &chain)),
        other => response_value(other),
    }
}

/// A scalar of a returned struct.
fn response_value(value: &Value) -> String {
    match value {
        Value::Null => "nil".to_owned(),
        Value::String(s) => go_string(s),
        Value::Number(n) => js_number(n),
        other => other.to_string(),
    }
}

/// A Go interpreted string literal: `\\`, `"` and control characters escaped.
fn go_string(s: &str) -> String {
    printer::escape_double_quoted(s, printer::control_u4)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::docs::samples::test_call;
    use serde_json::json;

    #[test]
    fn field_names_start_with_a_letter() {
        assert_eq!(field_name("device_id"), "DeviceId");
        assert_eq!(field_name("0\\u00411"), "N0U00411");
        assert_eq!(field_name("%"), "N");
        assert_eq!(field_name("é_x"), "ÉX");
    }

    #[test]
    fn a_program_with_aligned_fields() {
        let call = test_call(
            "/access_codes/simulate/create_unmanaged_access_code",
            json!({"device_id": "d", "preferred_code_length": 4, "ids": ["a"]}),
        );
        assert_eq!(
            code(&call),
            "package main\n\nimport api \"github.com/seamapi/go\"\nimport simulate \"github.com/seamapi/go/simulate\"\n\n\
             func main() {\n\tclient.AccessCodes.Simulate.CreateUnmanagedAccessCode(\n\t\tcontext.Background(),\n\t\t\
             simulate.SimulateCreateUnmanagedAccessCodeRequest{\n\t\t\tDeviceId:            api.String(\"d\"),\n\t\t\t\
             PreferredCodeLength: api.Float64(4),\n\t\t\tIds:                 [1]string{api.String(\"a\")},\n\t\t},\n\t)\n}"
        );
    }
}
