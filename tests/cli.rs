//! The `botjinseong` binary as a user runs it: arguments, standard input,
//! output, exit status.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

const RDS: &str = "User: arn:aws:iam::123456789012:user/student01 is not authorized to perform: rds:CreateDBInstance on resource: arn:aws:rds:us-east-1:123456789012:db:mydb because no identity-based policy allows the rds:CreateDBInstance action";

fn run(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_botjinseong"))
        .args(args)
        .env_remove("BOTJINSEONG_RISK_THRESHOLD")
        .env_remove("BOTJINSEONG_NEVER_GRANT")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin.unwrap_or("").as_bytes()).unwrap();
    drop(input);
    child.wait_with_output().unwrap()
}

fn json(out: &Output) -> Value {
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("stdout is JSON")
}

#[test]
fn explain_json_follows_the_contract() {
    let v = json(&run(&["explain", "--json", RDS], None));
    let parsed = &v["parsed"];
    assert_eq!(
        parsed["principal"],
        "arn:aws:iam::123456789012:user/student01"
    );
    assert_eq!(parsed["principal_kind"], "user");
    assert_eq!(parsed["account"], "123456789012");
    assert_eq!(
        parsed["actions"],
        serde_json::json!(["rds:CreateDBInstance"])
    );
    assert_eq!(
        parsed["resource"],
        "arn:aws:rds:us-east-1:123456789012:db:mydb"
    );
    assert_eq!(parsed["denial"], "implicit_identity");
    let rec = &v["recommendation"];
    assert!(
        rec["policy_arn"]
            .as_str()
            .unwrap()
            .starts_with("arn:aws:iam::aws:policy/")
    );
    let risk = rec["risk"].as_u64().unwrap();
    assert!((1..=100).contains(&risk));
    assert_eq!(rec["source"], "catalog");
    let decision = v["decision"].as_str().unwrap();
    assert!(
        ["auto_grant", "needs_approval"].contains(&decision),
        "{decision}"
    );
    assert!(!v["explanation"].as_str().unwrap().is_empty());
}

#[test]
fn explain_reads_standard_input_and_speaks_plainly() {
    let out = run(&["explain"], Some(RDS));
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("rds:CreateDBInstance"), "{text}");
    assert!(text.contains("student01"), "{text}");
    assert!(text.contains("Risk:"), "{text}");
}

#[test]
fn rds_candidates_include_the_services_policy_and_no_service_roles() {
    let v = json(&run(&["action", "rds:CreateDBInstance", "--json"], None));
    let names: Vec<&str> = v["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["policy_name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"AmazonRDSFullAccess"), "{names:?}");
    for c in v["candidates"].as_array().unwrap() {
        let arn = c["policy_arn"].as_str().unwrap();
        assert!(
            !arn.contains("/service-role/") && !arn.contains("/aws-service-role/"),
            "{arn}"
        );
    }
}

#[test]
fn s3_get_object_candidates() {
    let v = json(&run(&["action", "s3:getobject", "--json"], None));
    assert_eq!(v["action"], "s3:GetObject");
    assert_eq!(v["access_level"], "Read");
    let arns: Vec<&str> = v["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["policy_arn"].as_str().unwrap())
        .collect();
    assert!(arns.contains(&"arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"));
    assert!(arns.contains(&"arn:aws:iam::aws:policy/AmazonS3FullAccess"));
    assert!(
        arns.iter().all(|a| !a.contains("service-role/")),
        "{arns:?}"
    );
    let first = &v["candidates"][0];
    assert_eq!(first["policy_name"], "AmazonS3ReadOnlyAccess");
    assert_eq!(first["own"], true);
    let why = first["why"].as_str().unwrap();
    assert!(
        why.contains("the service's own policy") && why.contains("read-only"),
        "{why}"
    );
    let ranks: Vec<u64> = v["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["rank"].as_u64().unwrap())
        .collect();
    assert_eq!(ranks, (1..=ranks.len() as u64).collect::<Vec<_>>());
}

#[test]
fn a_request_two_policies_must_cover_names_both() {
    let two = format!(
        "{RDS}\nUser: arn:aws:iam::123456789012:user/student01 is not authorized to perform: sqs:SendMessage on resource: arn:aws:sqs:us-east-1:123456789012:q because no identity-based policy allows the sqs:SendMessage action"
    );
    let v = json(&run(&["explain", "--json", &two], None));
    let actions = serde_json::json!(["rds:CreateDBInstance", "sqs:SendMessage"]);
    assert_eq!(v["parsed"]["actions"], actions);
    let rec = &v["recommendation"];
    let also = rec["also"].as_array().expect("no one policy grants both");
    assert_eq!(also.len(), 1);
    let covered = &also[0]["actions"];
    assert!(
        *covered == serde_json::json!(["sqs:SendMessage"])
            || *covered == serde_json::json!(["rds:CreateDBInstance"]),
        "{covered}"
    );
    assert_eq!(v["decision"], "needs_approval");
    let text = String::from_utf8(run(&["explain", &two], None).stdout).unwrap();
    for name in [&rec["policy_name"], &also[0]["policy_name"]] {
        assert!(text.contains(name.as_str().unwrap()), "{name} in {text}");
    }
    assert!(text.contains("Also:"), "{text}");
}

#[test]
fn policy_by_name_and_by_arn() {
    let a = json(&run(&["policy", "AdministratorAccess", "--json"], None));
    let b = json(&run(
        &[
            "policy",
            "arn:aws:iam::aws:policy/AdministratorAccess",
            "--json",
        ],
        None,
    ));
    assert_eq!(a, b);
    assert_eq!(a["policy_name"], "AdministratorAccess");
    assert_eq!(a["kind"], "for_people");
    assert_eq!(a["never_grant"], true);
    assert!(a["granted_actions"]["Write"].as_u64().unwrap() > 1000);
    for key in [
        "policy_name",
        "policy_arn",
        "risk",
        "reasons",
        "kind",
        "granted_actions",
    ] {
        assert!(a.get(key).is_some(), "{key}");
    }
}

#[test]
fn batch_echoes_ids_in_order_and_survives_bad_lines() {
    let input = format!(
        "{}\nnot json\n{}\n\n{}\n",
        serde_json::json!({"id": "a", "message": RDS}),
        serde_json::json!({"id": 7, "nomessage": true}),
        serde_json::json!({"id": "c", "message": "hello"}),
    );
    let out = run(&["batch"], Some(&input));
    assert!(out.status.success());
    let lines: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4);
    assert_eq!(lines[0]["id"], "a");
    assert_eq!(lines[0]["parsed"]["actions"][0], "rds:CreateDBInstance");
    assert!(lines[1]["error"].as_str().unwrap().contains("line 2"));
    assert_eq!(lines[1]["id"], Value::Null);
    assert_eq!(lines[2]["id"], 7);
    assert!(lines[2]["error"].is_string());
    assert_eq!(lines[3]["id"], "c");
    assert_eq!(lines[3]["decision"], "unresolved");
}

#[test]
fn bad_input_exits_1_with_a_message_and_usage_errors_exit_2() {
    for args in [
        &["explain", "   "][..],
        &["policy", "NoSuchPolicy"],
        &["action", "notanaction"],
    ] {
        let out = run(args, None);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(
            String::from_utf8_lossy(&out.stderr).starts_with("botjinseong: "),
            "{args:?}"
        );
        assert!(out.stdout.is_empty());
    }
    let out = run(&["explain", "--nope"], None);
    assert_eq!(out.status.code(), Some(2));
    let out = run(&["--help"], None);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("explain"));
}

#[test]
fn a_bad_threshold_is_refused_not_ignored() {
    let out = Command::new(env!("CARGO_BIN_EXE_botjinseong"))
        .args(["explain", RDS])
        .env("BOTJINSEONG_RISK_THRESHOLD", "lots")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("BOTJINSEONG_RISK_THRESHOLD"));
}
