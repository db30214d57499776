//! Small models for the plan's unit tests, built directly so that each test states exactly
//! the types and endpoints a pass sees.

use crate::model::{
    Api, Endpoint, HttpMethod, NamedType, ParamLocation, Property, Response, TypeKind, TypeRef, UnionVariant,
    Visibility,
};

/// An API of these types and endpoints (no namespaces).
pub fn api(types: Vec<NamedType>, endpoints: Vec<Endpoint>) -> Api {
    Api {
        title: "T".to_owned(),
        version: "1".to_owned(),
        base_url: "https://example.com".to_owned(),
        endpoints,
        namespaces: Vec::new(),
        types,
        resource_samples: Vec::new(),
        resource_routes: Default::default(),
        resource_docs: Default::default(),
        route_docs: Default::default(),
        release: Default::default(),
        security_schemes: Vec::new(),
        crate_name: None,
    }
}

/// An API in Seam's profile: one endpoint in Seam's dialect, its result under a key, no types.
pub fn seam_api() -> Api {
    api(
        Vec::new(),
        vec![endpoint("/things/get", Vec::new(), Some(TypeRef::Boolean))],
    )
}

fn named_type(id: &str, kind: TypeKind) -> NamedType {
    NamedType {
        id: id.to_owned(),
        component: false,
        description: String::new(),
        deprecated: None,
        kind,
    }
}

/// An inline object type.
pub fn object(id: &str, fields: Vec<Property>) -> NamedType {
    named_type(id, TypeKind::Object { fields })
}

/// An inline string enum.
pub fn enumeration(id: &str, values: &[&str]) -> NamedType {
    let values = values.iter().map(|v| (*v).to_owned()).collect();
    named_type(id, TypeKind::Enum { values })
}

/// An inline union told apart by `discriminator`: (tag, variant type id) pairs.
pub fn union(id: &str, discriminator: &str, variants: &[(&str, &str)]) -> NamedType {
    let variants = variants
        .iter()
        .map(|(tag, ty)| UnionVariant {
            tag: (*tag).to_owned(),
            ty: (*ty).to_owned(),
        })
        .collect();
    named_type(
        id,
        TypeKind::Union {
            discriminator: discriminator.to_owned(),
            variants,
        },
    )
}

/// The same type, as a component schema.
pub fn component(mut ty: NamedType) -> NamedType {
    ty.component = true;
    ty
}

/// A required, not nullable field or parameter.
pub fn field(name: &str, ty: TypeRef) -> Property {
    Property::required(name, ty)
}

/// An optional field or parameter.
pub fn optional(name: &str, ty: TypeRef) -> Property {
    Property {
        required: false,
        ..field(name, ty)
    }
}

/// A string.
pub fn string() -> TypeRef {
    TypeRef::String { format: String::new() }
}

/// A reference to the named type `id`.
pub fn named(id: &str) -> TypeRef {
    TypeRef::named(id)
}

/// An endpoint at `path` (its namespace: the leading segments) with these parameters, which
/// returns `result` under the key `result` when given.
pub fn endpoint(path: &str, params: Vec<Property>, result: Option<TypeRef>) -> Endpoint {
    let mut segments: Vec<String> = path.split('/').filter(|s| !s.is_empty()).map(str::to_owned).collect();
    let method_name = segments.pop().unwrap_or_default();
    Endpoint {
        path: path.to_owned(),
        namespace: segments,
        method_name,
        title: path.to_owned(),
        description: String::new(),
        http_method: HttpMethod::Post,
        http_methods: vec![HttpMethod::Post],
        param_location: ParamLocation::Body,
        seam_dialect: true,
        seam_marked: true,
        path_params: Vec::new(),
        placed: Vec::new(),
        query_styles: Vec::new(),
        body: crate::model::BodyContent::Fields,
        wire_names: Vec::new(),
        accept: None,
        answer: crate::model::Answer::Json,
        server: None,
        form: false,
        error: None,
        answers: Vec::new(),
        security: Vec::new(),
        params,
        response: match result {
            Some(ty) => Response::Value {
                key: "result".to_owned(),
                ty,
            },
            None => Response::Void,
        },
        success: true,
        auth: Vec::new(),
        deprecated: None,
        visibility: Visibility::Public,
        samples: Vec::new(),
        pagination: None,
        action_attempt_type: None,
        batch_keys: Vec::new(),
    }
}
