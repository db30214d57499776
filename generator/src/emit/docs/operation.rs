//! The page of an HTTP operation outside Seam's profile, laid out as REST references lay one
//! out (Redocly, Scalar, Stoplight Elements): its parameters grouped by where they travel,
//! the request body's fields, the success answer with its status, fields and example, and
//! each error answer by status with its fields. Fields are printed by the resource pages'
//! printer ([`super::routes::route_property`]), read from the model's types.

use serde::Serialize;

use super::context::{self, AuthView, ParamView, SampleView, Types};
use super::routes::{format_word, list_item_word, route_property, RouteProperty};
use super::samples::Renderer;
use crate::model::resources::{EnumValue, Flags, Format, ListItems, ResourceProperty, Variant};
use crate::model::{Api, Endpoint, ParamLocation, Place, Property, StatusAnswer, TypeKind, TypeRef};

/// How many objects deep an answer's fields are printed: the resource pages' printer lists
/// each nested object's fields again under dotted names, so every level multiplies the page.
const MAX_DEPTH: usize = 2;

/// An operation's page.
#[derive(Debug, Serialize)]
pub struct OperationPage {
    pub title: String,
    pub method: &'static str,
    pub path: String,
    pub description: String,
    pub deprecated: Option<String>,
    pub primary: Option<SampleView>,
    pub examples: Vec<SampleView>,
    pub auth: Vec<AuthView>,
    /// The parameters, by where they travel: path, query, header, cookie, then the body.
    pub groups: Vec<ParamGroup>,
    /// The success answers.
    pub responses: Vec<AnswerView>,
    /// The error answers, by status.
    pub errors: Vec<AnswerView>,
    /// The example answer: the primary sample's response, as `JSON.stringify` indents it.
    pub example: Option<String>,
}

/// The parameters that travel in one place.
#[derive(Debug, Serialize)]
pub struct ParamGroup {
    /// The heading, e.g. `Query Parameters`.
    pub title: &'static str,
    pub params: Vec<ParamView>,
}

/// One answer: its status, description and JSON body.
#[derive(Debug, Serialize)]
pub struct AnswerView {
    /// The status, e.g. `200`, `4XX` or `default`.
    pub status: String,
    /// The status's reason phrase, e.g. `OK`; empty when none is known.
    pub reason: &'static str,
    pub description: String,
    /// The body's type words, e.g. `List` and `Object` (`*List* *of Objects*`); empty
    /// without a body.
    pub format: String,
    pub list_item_format: String,
    /// The body's fields (an object's, or a list's objects').
    pub fields: Vec<RouteProperty>,
    /// The body's values, when it is an enum.
    pub enum_values: Vec<String>,
}

/// Builds the page of `endpoint`.
pub fn operation_page(api: &Api, endpoint: &Endpoint, types: &Types, renderer: &Renderer) -> OperationPage {
    let mut views = endpoint
        .samples
        .iter()
        .map(|s| context::sample_view(endpoint, s, renderer));
    let primary = views.next();
    let examples = views.collect();
    let (responses, errors): (Vec<&StatusAnswer>, Vec<&StatusAnswer>) =
        endpoint.answers.iter().partition(|a| a.is_success());
    let reader = FieldReader { types };
    OperationPage {
        title: context::plain_text(&endpoint.title),
        method: endpoint.http_method.as_str(),
        path: endpoint.path.clone(),
        description: context::markdown(&endpoint.description),
        deprecated: context::deprecation(&endpoint.deprecated),
        primary,
        examples,
        auth: context::security_views(endpoint, api),
        groups: param_groups(endpoint, types),
        responses: responses.into_iter().map(|a| reader.answer(a)).collect(),
        errors: errors.into_iter().map(|a| reader.answer(a)).collect(),
        example: endpoint
            .samples
            .first()
            .and_then(|s| s.response.as_ref())
            .and_then(|body| serde_json::to_string_pretty(body).ok()),
    }
}

/// The parameters grouped by where they travel, each group as the request parameters of
/// Seam's pages print them.
fn param_groups(endpoint: &Endpoint, types: &Types) -> Vec<ParamGroup> {
    let place_of = |p: &Property| -> &'static str {
        if endpoint.path_params.contains(&p.name) {
            return "Path Parameters";
        }
        match endpoint
            .placed
            .iter()
            .find(|(name, _)| name == &p.name)
            .map(|(_, place)| place)
        {
            Some(Place::Query) => "Query Parameters",
            Some(Place::Header) => "Header Parameters",
            Some(Place::Cookie) => "Cookie Parameters",
            None => match endpoint.param_location {
                ParamLocation::Query => "Query Parameters",
                ParamLocation::Body => "Request Body",
            },
        }
    };
    [
        "Path Parameters",
        "Query Parameters",
        "Header Parameters",
        "Cookie Parameters",
        "Request Body",
    ]
    .into_iter()
    .map(|title| {
        let params: Vec<Property> = endpoint
            .params
            .iter()
            .filter(|p| place_of(p) == title)
            .cloned()
            .collect();
        ParamGroup {
            title,
            params: context::param_views(&params, types),
        }
    })
    .filter(|group| !group.params.is_empty())
    .collect()
}

/// Reads the model's types as the resource pages' properties; a type met again inside
/// itself, or below [`MAX_DEPTH`] objects, is printed as a record rather than expanded.
struct FieldReader<'a> {
    types: &'a Types<'a>,
}

impl FieldReader<'_> {
    fn answer(&self, answer: &StatusAnswer) -> AnswerView {
        let mut view = AnswerView {
            status: answer.status.clone(),
            reason: reason(&answer.status),
            description: context::markdown(&answer.description),
            format: String::new(),
            list_item_format: String::new(),
            fields: Vec::new(),
            enum_values: Vec::new(),
        };
        let Some(ty) = &answer.ty else { return view };
        let body = ResourceProperty {
            name: String::new(),
            description: String::new(),
            flags: Flags::default(),
            group: None,
            format: self.format(ty, &mut Vec::new()),
        };
        view.format = format_word(&body.format).to_owned();
        let printed = route_property(&body);
        match &body.format {
            Format::List { items } => {
                view.list_item_format = list_item_word(items).to_owned();
                view.fields = printed.list_properties.unwrap_or_default();
                view.enum_values = match items.as_ref() {
                    ListItems::Enum { values } => values.iter().map(|v| v.name.clone()).collect(),
                    _ => Vec::new(),
                };
            }
            _ => {
                view.fields = printed.object_properties.unwrap_or_default();
                view.enum_values = printed.enum_values.unwrap_or_default();
            }
        }
        view
    }

    fn property(&self, p: &Property, stack: &mut Vec<String>) -> ResourceProperty {
        ResourceProperty {
            name: p.name.clone(),
            description: p.description.trim().to_owned(),
            flags: Flags {
                deprecated: p.deprecated.clone(),
                undocumented: p.undocumented.clone(),
                draft: None,
            },
            group: None,
            format: self.format(&p.ty, stack),
        }
    }

    fn format(&self, ty: &TypeRef, stack: &mut Vec<String>) -> Format {
        match ty {
            TypeRef::String { format } => match format.as_str() {
                "uuid" => Format::Id,
                "date-time" => Format::Datetime,
                _ => Format::String,
            },
            TypeRef::Integer | TypeRef::Number => Format::Number,
            TypeRef::Boolean => Format::Boolean,
            TypeRef::Map { .. } | TypeRef::Any => Format::Record,
            TypeRef::Array { items, .. } => Format::List {
                items: Box::new(self.items(items, stack)),
            },
            TypeRef::Named { id } => {
                let Some(named) = self.types.get(id) else {
                    return Format::Record;
                };
                // A type met again inside itself, or nested deeper than a reader follows,
                // is printed as a record.
                if stack.contains(id) || stack.len() >= MAX_DEPTH {
                    return Format::Record;
                }
                match &named.kind {
                    TypeKind::Enum { values } => Format::Enum {
                        values: enum_values(values),
                    },
                    TypeKind::Object { fields } => {
                        stack.push(id.clone());
                        let properties = fields.iter().map(|f| self.property(f, stack)).collect();
                        stack.pop();
                        Format::Object {
                            groups: Vec::new(),
                            properties,
                        }
                    }
                    TypeKind::Union { .. } => Format::Record,
                }
            }
        }
    }

    fn items(&self, items: &TypeRef, stack: &mut Vec<String>) -> ListItems {
        match self.format(items, stack) {
            Format::Enum { values } => ListItems::Enum { values },
            Format::Object { properties, .. } => ListItems::Object { properties },
            Format::Record if self.union_of(items).is_some() => {
                let (discriminator, variants) = self.union_of(items).unwrap_or_default();
                ListItems::Discriminated {
                    discriminator,
                    groups: Vec::new(),
                    variants: variants
                        .iter()
                        .map(|ty| Variant {
                            group: None,
                            description: String::new(),
                            properties: match self.format(&TypeRef::named(ty.clone()), stack) {
                                Format::Object { properties, .. } => properties,
                                _ => Vec::new(),
                            },
                        })
                        .collect(),
                }
            }
            format => ListItems::Plain { format },
        }
    }

    /// The discriminator and variant types of a union.
    fn union_of(&self, ty: &TypeRef) -> Option<(String, Vec<String>)> {
        let TypeRef::Named { id } = ty else { return None };
        match &self.types.get(id)?.kind {
            TypeKind::Union {
                discriminator,
                variants,
            } => Some((discriminator.clone(), variants.iter().map(|v| v.ty.clone()).collect())),
            _ => None,
        }
    }
}

fn enum_values(values: &[String]) -> Vec<EnumValue> {
    values
        .iter()
        .map(|v| EnumValue {
            name: v.clone(),
            description: String::new(),
            flags: Flags::default(),
        })
        .collect()
}

/// The reason phrase of an HTTP status (RFC 9110), or of a status range.
fn reason(status: &str) -> &'static str {
    match status {
        "200" => "OK",
        "201" => "Created",
        "202" => "Accepted",
        "204" => "No Content",
        "206" => "Partial Content",
        "301" => "Moved Permanently",
        "302" => "Found",
        "304" => "Not Modified",
        "400" => "Bad Request",
        "401" => "Unauthorized",
        "402" => "Payment Required",
        "403" => "Forbidden",
        "404" => "Not Found",
        "405" => "Method Not Allowed",
        "406" => "Not Acceptable",
        "409" => "Conflict",
        "410" => "Gone",
        "412" => "Precondition Failed",
        "413" => "Content Too Large",
        "415" => "Unsupported Media Type",
        "422" => "Unprocessable Content",
        "429" => "Too Many Requests",
        "500" => "Internal Server Error",
        "501" => "Not Implemented",
        "502" => "Bad Gateway",
        "503" => "Service Unavailable",
        "504" => "Gateway Timeout",
        "2XX" => "Success",
        "3XX" => "Redirection",
        "4XX" => "Client Error",
        "5XX" => "Server Error",
        "default" => "Any Other Status",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::fixture::{api, named, object, optional, string};

    /// The type words of an answer of type `ty`: its format, and its items' for a list.
    fn words(types: &Types, ty: &TypeRef) -> (String, String) {
        let answer = StatusAnswer {
            status: "200".to_owned(),
            description: String::new(),
            ty: Some(ty.clone()),
        };
        let view = FieldReader { types }.answer(&answer);
        (view.format, view.list_item_format)
    }

    #[test]
    fn elements_that_may_be_null_are_worded_by_their_type_as_a_nullable_field_is() {
        let api = api(vec![object("pet", vec![optional("name", string())])], Vec::new());
        let types = Types::of(&api);
        let nullable_list = |items: TypeRef| TypeRef::Array {
            items: Box::new(items),
            items_nullable: true,
        };
        let strings = nullable_list(string());
        assert_eq!(words(&types, &strings), ("List".to_owned(), "String".to_owned()));
        assert_eq!(words(&types, &strings), words(&types, &TypeRef::list_of(string())));
        assert_eq!(
            words(&types, &nullable_list(named("pet"))),
            ("List".to_owned(), "Object".to_owned())
        );
        let counts = TypeRef::Map {
            values: Box::new(TypeRef::Integer),
            values_nullable: true,
        };
        assert_eq!(words(&types, &counts), ("Record".to_owned(), String::new()));
        // A request parameter's words: `Array` *of Strings*.
        assert_eq!(context::type_words(&strings, &types), ("Array", Some("Strings")));
    }
}
