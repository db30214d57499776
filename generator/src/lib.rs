//! Generates the Seam Rust client and the API reference pages from one OpenAPI description,
//! so the code and the docs cannot drift apart.
//!
//! The pipeline, one module each:
//! [`load`] (files → `openapiv3` and raw samples) → [`model`] (one resolved, language-neutral
//! model) → [`emit`] (the Rust client, the Markdown pages) → [`fileset`] (write or check);
//! [`diff`] compares two models.

pub mod diagnostics;
pub mod diff;
pub mod emit;
pub mod fileset;
pub mod load;
pub mod model;
pub mod output_path;
pub mod plan;

use std::path::{Path, PathBuf};

use diagnostics::{Diagnostics, Location};
use fileset::FileSet;
pub use model::build::BuildOptions;

/// What to generate from.
#[derive(Debug, Clone)]
pub struct Options {
    /// The OpenAPI 3.0 description (YAML or JSON).
    pub spec: PathBuf,
    /// The directory of sample files, if any.
    pub samples: Option<PathBuf>,
    /// The directory of resource-sample files (one example per resource), if any.
    pub resource_samples: Option<PathBuf>,
    /// The output folder of the last generation, if any: the crate's version and changelog
    /// follow from what changed since the description it keeps.
    pub previous: Option<PathBuf>,
    /// The directory of route files (titles and overviews of the route pages), if any.
    pub routes: Option<PathBuf>,
    /// The templates directory (`templates/` of this repository).
    pub templates: PathBuf,
    /// Sample defects become warnings instead of errors.
    pub lenient_samples: bool,
    /// Render the hand-written guides of `templates/guides/`. They show the repository's own
    /// samples, so they belong with the repository's description only.
    pub guides: bool,
    /// The generated crate's name, e.g. `petstore`; its client is named after it (`Petstore`).
    /// By default Seam's profile is `seam` and any other API's comes from its title.
    pub crate_name: Option<String>,
}

impl Options {
    /// The repository's own inputs under `root`: `spec/openapi.yaml`, `spec/samples/`,
    /// `spec/resource-samples/`, `templates/` and its guides.
    pub fn repository(root: &Path) -> Self {
        Options {
            spec: root.join("spec/openapi.yaml"),
            samples: Some(root.join("spec/samples")),
            resource_samples: Some(root.join("spec/resource-samples")),
            routes: Some(root.join("spec/routes")),
            previous: Some(root.join("generated")),
            templates: root.join("templates"),
            lenient_samples: false,
            guides: true,
            crate_name: None,
        }
    }

    /// A description alone, with the repository's templates under `root`: no samples,
    /// resource samples, route files, guides or previous output.
    pub fn description_only(spec: PathBuf, root: &Path) -> Self {
        Options {
            spec,
            samples: None,
            resource_samples: None,
            routes: None,
            previous: None,
            guides: false,
            ..Options::repository(root)
        }
    }
}

/// Everything generated, in memory, and the warnings met on the way.
#[derive(Debug)]
pub struct Generation {
    /// The output files, relative to the output folder.
    pub files: FileSet,
    /// Problems that did not stop generation.
    pub warnings: Diagnostics,
    /// What changed since the description the output folder was generated from.
    pub changes: Vec<diff::Change>,
}

/// The stack every stage of the pipeline runs on, whatever thread calls it. The walks over a
/// description are recursive with bounded depth (`model` stops schemas nesting deeper than 256
/// levels with an error); this is what makes the bound safe on any caller's thread.
const PIPELINE_STACK: usize = 64 * 1024 * 1024;

/// Runs `stage` on a scoped thread with [`PIPELINE_STACK`] (only the pages it touches are
/// committed), or on the calling thread when no thread can be started.
fn on_pipeline_stack<T: Send>(stage: impl FnOnce() -> T + Send) -> T {
    let mut slot = Some(stage);
    let ran = std::thread::scope(|scope| {
        let handle = std::thread::Builder::new()
            .name("codegen".to_owned())
            .stack_size(PIPELINE_STACK)
            .spawn_scoped(scope, || slot.take().map(|stage| stage()))
            .ok()?;
        handle.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    });
    match (ran, slot.take()) {
        (Some(output), _) => output,
        (None, Some(stage)) => stage(),
        (None, None) => unreachable!("a stage that ran returned its output"),
    }
}

/// Runs `first` and `second` side by side, each on a thread with [`PIPELINE_STACK`], and
/// returns both results; a stage whose thread cannot be started runs on the calling thread.
pub(crate) fn side_by_side<A: Send, B: Send>(
    first: impl Fn() -> A + Send + Sync,
    second: impl Fn() -> B + Send + Sync,
) -> (A, B) {
    std::thread::scope(|scope| {
        let first_thread = std::thread::Builder::new()
            .name("codegen-side".to_owned())
            .stack_size(PIPELINE_STACK)
            .spawn_scoped(scope, &first)
            .ok();
        let second = on_pipeline_stack(&second);
        let first = match first_thread {
            Some(handle) => handle.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            None => on_pipeline_stack(&first),
        };
        (first, second)
    })
}

/// Loads the inputs and builds the model, with the warnings met on the way.
pub fn build_model(options: &Options) -> Result<(model::Api, Diagnostics), Diagnostics> {
    on_pipeline_stack(|| build_model_here(options))
}

fn build_model_here(options: &Options) -> Result<(model::Api, Diagnostics), Diagnostics> {
    let spec = load::load_spec(&options.spec);
    let samples = match &options.samples {
        Some(dir) => load::load_samples(dir),
        None => Ok(Vec::new()),
    };
    let resource_samples = match &options.resource_samples {
        Some(dir) => load::load_resource_samples(dir),
        None => Ok(Vec::new()),
    };
    let routes = match &options.routes {
        Some(dir) => load::load_routes(dir),
        None => Ok(Default::default()),
    };
    let (spec, samples, resource_samples, routes) = match (spec, samples, resource_samples, routes) {
        (Ok(spec), Ok(samples), Ok(resource_samples), Ok(routes)) => (spec, samples, resource_samples, routes),
        (spec, samples, resource_samples, routes) => {
            // Report the description's and the samples' problems together.
            let mut diags = Diagnostics::new();
            diags.extend(spec.err().unwrap_or_default());
            diags.extend(samples.err().unwrap_or_default());
            diags.extend(resource_samples.err().unwrap_or_default());
            diags.extend(routes.err().unwrap_or_default());
            return Err(diags);
        }
    };
    let build_options = BuildOptions {
        lenient_samples: options.lenient_samples,
    };
    let (mut api, mut diags) = model::build(&spec, samples, build_options)?;
    if let Some(name) = &options.crate_name {
        match plan::crate_name_problem(name) {
            Some(problem) => diags.error(Location::Option("--crate-name".to_owned()), problem),
            None => api.crate_name = Some(name.clone()),
        }
    }
    diags.extend(model::attach_resource_samples(
        &mut api,
        resource_samples,
        options.lenient_samples,
    ));
    diags.extend(model::routes::attach(&mut api, routes));
    if diags.has_errors() {
        return Err(diags);
    }
    Ok((api, diags))
}

/// Runs the whole pipeline in memory. On failure, every error found is returned and nothing
/// is written anywhere.
pub fn generate(options: &Options) -> Result<Generation, Diagnostics> {
    on_pipeline_stack(|| {
        let (mut api, mut warnings) = build_model_here(options)?;
        // The description as given: compared with the one the output folder keeps, and kept
        // beside what it made, for the next generation's release.
        let description = std::fs::read_to_string(&options.spec).ok();
        let changes = release(&mut api, options, description.as_deref(), &mut warnings);
        let mut generation = emit_all(&api, &options.templates, options.guides, warnings)?;
        if let Some(text) = description {
            generation
                .files
                .insert(diff::release::kept_description_file(&options.spec), text);
        }
        generation.changes = changes;
        Ok(generation)
    })
}

/// Runs every emitter on a model; `warnings` are those met before, returned with the emitters'.
pub fn emit_all(
    api: &model::Api,
    templates: &Path,
    guides: bool,
    mut warnings: Diagnostics,
) -> Result<Generation, Diagnostics> {
    // The two emitters share nothing but the model: they run side by side, and their files
    // land in one sorted set, so the output does not depend on which finishes first.
    let emit_client = || {
        let mut files = FileSet::new();
        let diags = emit::client::emit(api, &mut files);
        (files, diags)
    };
    let emit_docs = || {
        let mut files = FileSet::new();
        let diags = emit::docs::emit(api, templates, guides, &mut files);
        (files, diags)
    };
    let ((mut files, client), (docs_files, docs)) = side_by_side(emit_client, emit_docs);
    files.extend(docs_files);
    let mut diags = client;
    diags.extend(docs);
    // The model names every page with usable segments; a path refused here is one it missed,
    // and generation stops rather than write it.
    for (path, problem) in files.refused() {
        diags.error(
            Location::File(path.clone()),
            format!("this output path could lead out of the output folder ({problem}); nothing is written"),
        );
    }
    if diags.has_errors() {
        diags.extend(warnings);
        return Err(diags);
    }
    warnings.extend(diags);
    Ok(Generation {
        files,
        warnings,
        changes: Vec::new(),
    })
}

/// Sets the crate's release from what changed since the description the previous output
/// folder keeps (`Options::previous`) to `description` (the text of `Options::spec`), and
/// returns the changes.
fn release(
    api: &mut model::Api,
    options: &Options,
    description: Option<&str>,
    warnings: &mut Diagnostics,
) -> Vec<diff::Change> {
    let previous = options
        .previous
        .as_deref()
        .map(diff::release::Previous::read)
        .unwrap_or_default();
    // The same description as last time changes nothing: no second model is needed.
    let unchanged =
        |file: &PathBuf| description.is_some() && std::fs::read_to_string(file).ok().as_deref() == description;
    let old = previous
        .description
        .as_ref()
        .filter(|file| !unchanged(file))
        .and_then(|file| {
            let loaded = load::load_spec(file)
                .and_then(|spec| model::build(&spec, Vec::new(), BuildOptions { lenient_samples: true }));
            match loaded {
                Ok((old, _)) => Some(old),
                Err(diags) => {
                    warnings.extend(diff::release::unreadable(file, &diags));
                    None
                }
            }
        });
    let (release, changes) = diff::release::plan(api, &previous, old.as_ref());
    api.release = release;
    changes
}
