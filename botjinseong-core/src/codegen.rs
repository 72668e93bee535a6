//! Writes a [`Catalog`] as Rust source: `static` items that borrow
//! everything, so a program that includes them parses nothing at start-up.
//!
//! The output names core's types by their full path (`botjinseong_core::…`)
//! and defines `ACTIONS`, `POLICIES` and `GRANTS`; the includer builds the
//! [`Catalog`] value from them.

use std::fmt::Write;

use crate::catalog::{AccessLevel, Catalog, PolicyKind};
use crate::policy::{Effect, Selector, Statement};

const CORE: &str = "botjinseong_core";

/// The Rust source of the catalog's static tables.
pub fn catalog_source(catalog: &Catalog) -> String {
    let mut out = String::with_capacity(16 << 20);
    let _ = writeln!(out, "use ::std::borrow::Cow;");
    let _ = writeln!(
        out,
        "/// Every action of the snapshot.\npub static ACTIONS: [{CORE}::ActionRecord; {}] = [",
        catalog.actions.len()
    );
    for a in catalog.actions.iter() {
        let _ = writeln!(
            out,
            "{CORE}::ActionRecord{{name:Cow::Borrowed({:?}),level:{},resource_types:{},dependent_actions:{},grants_start:{},grants_len:{}}},",
            a.name,
            level(a.level),
            strs(&a.resource_types),
            strs(&a.dependent_actions),
            a.grants_start,
            a.grants_len
        );
    }
    let _ = writeln!(out, "];");
    let _ = writeln!(
        out,
        "/// Every managed policy of the snapshot.\npub static POLICIES: [{CORE}::PolicyRecord; {}] = [",
        catalog.policies.len()
    );
    for p in catalog.policies.iter() {
        let statements: String = p.document.statements.iter().map(statement).collect();
        let counts: Vec<String> = p.granted.0.iter().map(u32::to_string).collect();
        let _ = writeln!(
            out,
            "{CORE}::PolicyRecord{{name:Cow::Borrowed({:?}),arn:Cow::Borrowed({:?}),path:Cow::Borrowed({:?}),version:Cow::Borrowed({:?}),kind:{},document:{CORE}::PolicyDocument{{statements:Cow::Borrowed(&[{statements}])}},granted:{CORE}::catalog::LevelCounts([{}]),risk:{CORE}::catalog::RiskScore{{risk:{},reasons:{}}},excluded:{}}},",
            p.name,
            p.arn,
            p.path,
            p.version,
            kind(p.kind),
            counts.join(","),
            p.risk.risk,
            strs(&p.risk.reasons),
            match &p.excluded {
                Some(why) => format!("Some(Cow::Borrowed({why:?}))"),
                None => "None".into(),
            }
        );
    }
    let _ = writeln!(out, "];");
    let _ = writeln!(
        out,
        "/// Every grant, each action's a contiguous run.\npub static GRANTS: [{CORE}::Grant; {}] = [",
        catalog.grants.len()
    );
    for (i, g) in catalog.grants.iter().enumerate() {
        let _ = write!(out, "{CORE}::Grant::from_bits({}),", g.bits());
        if i % 16 == 15 {
            out.push('\n');
        }
    }
    let _ = writeln!(out, "\n];");
    let never: Vec<String> = catalog
        .never_grant
        .iter()
        .map(|s| format!("Cow::Borrowed({s:?})"))
        .collect();
    let _ = writeln!(
        out,
        "/// The policies never to attach.\npub static NEVER_GRANT: [Cow<'static, str>; {}] = [{}];",
        never.len(),
        never.join(",")
    );
    out
}

fn strs(list: &[std::borrow::Cow<'static, str>]) -> String {
    let items: Vec<String> = list.iter().map(|s| format!("Cow::Borrowed({s:?})")).collect();
    format!("Cow::Borrowed(&[{}])", items.join(","))
}

fn selector(s: &Selector) -> String {
    match s {
        Selector::Only(p) => format!("{CORE}::Selector::Only({})", strs(p)),
        Selector::Except(p) => format!("{CORE}::Selector::Except({})", strs(p)),
    }
}

fn statement(s: &Statement) -> String {
    let effect = match s.effect {
        Effect::Allow => "Allow",
        Effect::Deny => "Deny",
    };
    format!(
        "{CORE}::Statement{{effect:{CORE}::Effect::{effect},actions:{},resources:{},conditional:{}}},",
        selector(&s.actions),
        selector(&s.resources),
        s.conditional
    )
}

fn level(l: AccessLevel) -> String {
    format!("{CORE}::AccessLevel::{l:?}")
}

fn kind(k: PolicyKind) -> String {
    format!("{CORE}::PolicyKind::{k:?}")
}
