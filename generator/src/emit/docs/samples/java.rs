//! Java: `seam.acs().credentials().unassign(CredentialsUnassignRequest.builder()….build());`,
//! written the way the live reference writes it: one builder call a line, unformatted.

use heck::ToLowerCamelCase;
use serde_json::Value;

use super::{comma_separated, prettier, Call};

/// The call: `seam.ns().method(Builder.builder().key(value)….build());`.
pub fn code(call: &Call) -> String {
    let chain = call.chain_joined(|s| s.to_lower_camel_case(), "().");
    let args = if call.params.is_empty() {
        String::new()
    } else {
        let setters = call
            .params
            .iter()
            .map(|(key, value)| format!(".{}({})", key.to_lower_camel_case(), literal(value)))
            .collect::<Vec<_>>()
            .join("\n");
        format!("{}.builder(){setters}.build()", call.request_type())
    };
    format!("seam.{chain}({args});")
}

fn literal(value: &Value) -> String {
    match value {
        Value::String(s) => format!("\"{s}\""),
        Value::Array(items) => format!("List.of({})", comma_separated(items.iter().map(literal))),
        Value::Object(map) => {
            let entries = map.iter().map(|(k, v)| format!("\"{k}\", {}", literal(v)));
            format!("Map.of({})", comma_separated(entries))
        }
        Value::Number(n) => prettier::js_number(n),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::docs::samples::test_call;
    use serde_json::json;

    #[test]
    fn one_builder_call_a_line() {
        let call = test_call(
            "/acs/users/update",
            json!({"acs_user_id": "u", "ids": ["a"], "o": {"k": 1}}),
        );
        assert_eq!(
            code(&call),
            "seam.acs().users().update(UsersUpdateRequest.builder().acsUserId(\"u\")\n\
             .ids(List.of(\"a\"))\n.o(Map.of(\"k\", 1)).build());"
        );
    }
}
