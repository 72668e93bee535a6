//! Compiles `data/` into static tables: every managed policy expanded
//! against every known action by botjinseong-core's evaluator, scored, and
//! written as Rust source to `OUT_DIR/catalog.rs`, with a perfect-hash index
//! of action names. Nothing is parsed when the program starts.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::{env, fs, path::Path};

use botjinseong_core::catalog::AMBIGUOUS;
use botjinseong_core::compile::{CompileError, Reviewed, compile};
use botjinseong_core::exclusion::Exclusions;
use botjinseong_core::natural::Natural;
use botjinseong_core::risk::RiskModel;
use botjinseong_core::snapshot::{ACTIONS_FILE, POLICIES_FILE, Snapshot};
use botjinseong_core::{Catalog, codegen};

/// The hand-kept cost-risk catalog.
const RISK_FILE: &str = "risk.toml";
/// The hand-kept list of policies never recommended to people.
const EXCLUSIONS_FILE: &str = "exclusions.toml";
/// The reviewed stems of services' own policies.
const NATURAL_FILE: &str = "natural.toml";

fn main() {
    let data = Path::new("data");
    for file in [
        ACTIONS_FILE,
        POLICIES_FILE,
        RISK_FILE,
        EXCLUSIONS_FILE,
        NATURAL_FILE,
    ] {
        println!("cargo::rerun-if-changed=data/{file}");
    }
    let read = |file: &str| {
        fs::read_to_string(data.join(file)).unwrap_or_else(|e| panic!("data/{file}: {e}"))
    };
    let snapshot = Snapshot::read(&read(ACTIONS_FILE), &read(POLICIES_FILE))
        .unwrap_or_else(|e| panic!("data/: {e}"));
    let catalog = reviewed_catalog(&snapshot, &read).unwrap_or_else(|e| panic!("{e}"));

    let mut source = codegen::catalog_source(&catalog);
    let mut index = phf_codegen::Map::new();
    for (at, action) in catalog.actions.iter().enumerate() {
        index.entry(action.name.to_ascii_lowercase(), at.to_string());
    }
    let _ = writeln!(
        source,
        "/// Lower-cased action name → position in `ACTIONS`.\npub static ACTION_INDEX: ::phf::Map<&'static str, u32> = {};",
        index.build()
    );
    let mut names: BTreeMap<String, u32> = BTreeMap::new();
    for (at, action) in catalog.actions.iter().enumerate() {
        if let Some((_, name)) = action.name.split_once(':') {
            names
                .entry(name.to_ascii_lowercase())
                .and_modify(|v| *v = AMBIGUOUS)
                .or_insert(at as u32);
        }
    }
    let mut unique = phf_codegen::Map::new();
    for (name, at) in &names {
        unique.entry(name.as_str(), at.to_string());
    }
    let _ = writeln!(
        source,
        "/// Lower-cased action name without prefix → its one action in `ACTIONS`, or `u32::MAX`.\npub static UNIQUE_NAME_INDEX: ::phf::Map<&'static str, u32> = {};",
        unique.build()
    );
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("catalog.rs");
    fs::write(&out, source).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
}

/// The snapshot compiled with the hand-kept data of `data/`.
fn reviewed_catalog(
    snapshot: &Snapshot,
    read: &dyn Fn(&str) -> String,
) -> Result<Catalog, CompileError> {
    let risk = RiskModel::from_toml(&read(RISK_FILE))?;
    let exclusions = Exclusions::from_toml(&read(EXCLUSIONS_FILE))?;
    let natural = Natural::from_toml(&read(NATURAL_FILE))?;
    compile(
        snapshot,
        &Reviewed {
            risk: &risk,
            exclusions: &exclusions,
            natural: &natural,
        },
    )
}
