//! Compiles `data/` into static tables: every managed policy expanded
//! against every known action by botjinseong-core's evaluator, scored, and
//! written as Rust source to `OUT_DIR/catalog.rs`, with a perfect-hash index
//! of action names. Nothing is parsed when the program starts.

use std::fmt::Write as _;
use std::{env, fs, path::Path};

use botjinseong_core::codegen;
use botjinseong_core::compile::{CompileError, compile};
use botjinseong_core::exclusion::Exclusions;
use botjinseong_core::risk::RiskModel;
use botjinseong_core::snapshot::{ACTIONS_FILE, POLICIES_FILE, Snapshot};

/// The hand-kept cost-risk catalog.
const RISK_FILE: &str = "risk.toml";
/// The hand-kept list of policies never recommended to people.
const EXCLUSIONS_FILE: &str = "exclusions.toml";

fn main() {
    let data = Path::new("data");
    for file in [ACTIONS_FILE, POLICIES_FILE, RISK_FILE, EXCLUSIONS_FILE] {
        println!("cargo::rerun-if-changed=data/{file}");
    }
    let read = |file: &str| {
        fs::read_to_string(data.join(file)).unwrap_or_else(|e| panic!("data/{file}: {e}"))
    };
    let snapshot = Snapshot::read(&read(ACTIONS_FILE), &read(POLICIES_FILE))
        .unwrap_or_else(|e| panic!("data/: {e}"));
    let risk = RiskModel::from_toml(&read(RISK_FILE)).map_err(CompileError::from);
    let exclusions = Exclusions::from_toml(&read(EXCLUSIONS_FILE)).map_err(CompileError::from);
    let catalog = risk
        .and_then(|risk| compile(&snapshot, &risk, &exclusions?))
        .unwrap_or_else(|e| panic!("{e}"));

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
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("catalog.rs");
    fs::write(&out, source).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
}
