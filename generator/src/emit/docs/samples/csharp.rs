//! C#: `seam.Acs.Credentials.Unassign(acsUserId: "…", acsCredentialId: "…")`, written the way
//! the live reference writes it, on one line.

use heck::{ToLowerCamelCase, ToUpperCamelCase};
use serde_json::Value;

use super::{comma_separated, prettier, Call};

/// The call with named arguments.
pub fn code(call: &Call) -> String {
    let chain = call.chain_joined(|s| s.to_upper_camel_case(), ".");
    let args = call
        .params
        .iter()
        .map(|(key, value)| format!("{}: {}", key.to_lower_camel_case(), literal(value)));
    format!("seam.{chain}({})", comma_separated(args))
}

fn literal(value: &Value) -> String {
    match value {
        Value::String(s) => format!("\"{s}\""),
        Value::Number(n) => prettier::js_number(n),
        Value::Array(items) => match items.first() {
            None => "new object[] { }".to_owned(),
            Some(first) => {
                let items = comma_separated(items.iter().map(literal));
                format!("new {}[] {{ {items}}} ", element_type(first))
            }
        },
        Value::Object(map) if map.is_empty() => "new { }".to_owned(),
        Value::Object(map) => {
            let entries = map
                .iter()
                .map(|(k, v)| format!("{} = {}", k.to_lower_camel_case(), literal(v)));
            format!("new {{ {} }}", comma_separated(entries))
        }
        other => other.to_string(),
    }
}

/// The array type the first item stands for.
fn element_type(item: &Value) -> &'static str {
    match item {
        Value::String(_) => "string",
        Value::Number(_) => "float",
        Value::Bool(_) => "bool",
        _ => "object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::docs::samples::test_call;
    use serde_json::json;

    #[test]
    fn named_arguments_on_one_line() {
        let call = test_call(
            "/acs/users/update",
            json!({"acs_user_id": "u", "ids": ["a", "b"], "none": [], "o": {"start_at": 1}}),
        );
        assert_eq!(
            code(&call),
            r#"seam.Acs.Users.Update(acsUserId: "u", ids: new string[] { "a", "b"} , none: new object[] { }, o: new { startAt = 1 })"#
        );
    }
}
