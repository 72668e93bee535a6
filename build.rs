//! Compiles `data/` into static tables: every managed policy expanded
//! against every known action by botjinseong-core's evaluator, scored, and
//! written as Rust source to `OUT_DIR/catalog.rs`, with a perfect-hash index
//! of action names. Nothing is parsed when the program starts.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::{env, fs, path::Path};

use botjinseong_core::catalog::RiskScore;
use botjinseong_core::compile::{Judge, compile};
use botjinseong_core::snapshot::{ACTIONS_FILE, POLICIES_FILE, Snapshot};
use botjinseong_core::{AccessLevel, ActionRecord, GrantScope, codegen};

/// The interim risk rule, until the cost-risk catalog lands: the most
/// powerful access level a policy grants sets the base, and breadth adds up
/// to 20 points.
struct Interim;

impl Judge for Interim {
    fn score(&self, granted: &[(&ActionRecord, GrantScope)]) -> RiskScore {
        let top = granted.iter().map(|(a, _)| a.level).max();
        let base: u32 = match top {
            None => 1,
            Some(AccessLevel::List) => 5,
            Some(AccessLevel::Read) => 10,
            Some(AccessLevel::Tagging) => 15,
            Some(AccessLevel::Write) => 45,
            Some(AccessLevel::PermissionsManagement) => 75,
        };
        let breadth = (granted.len() as u32 / 500).min(20);
        RiskScore {
            risk: (base + breadth).min(100) as u8,
            reasons: Cow::Owned(vec![Cow::Owned(format!(
                "grants {} actions; the most powerful access level is {}",
                granted.len(),
                top.map_or("none", AccessLevel::as_str)
            ))]),
        }
    }

    fn excluded(&self, _name: &str) -> Option<String> {
        None
    }

    fn never_grant(&self) -> Vec<String> {
        ["AdministratorAccess", "IAMFullAccess", "PowerUserAccess"]
            .map(String::from)
            .to_vec()
    }
}

fn main() {
    let data = Path::new("data");
    for file in [ACTIONS_FILE, POLICIES_FILE] {
        println!("cargo::rerun-if-changed=data/{file}");
    }
    let read = |file: &str| {
        fs::read_to_string(data.join(file)).unwrap_or_else(|e| panic!("data/{file}: {e}"))
    };
    let snapshot = Snapshot::read(&read(ACTIONS_FILE), &read(POLICIES_FILE))
        .unwrap_or_else(|e| panic!("data/: {e}"));
    let catalog = compile(&snapshot, &Interim).unwrap_or_else(|e| panic!("data/: {e}"));

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
