//! The CLI with the language-model fallback, against a local server that
//! speaks the chat-completions API and checks each request as the real
//! service would: asked only when the data has no answer, never trusted.

#![cfg(feature = "advisor")]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;

use serde_json::{Value, json};

const KEY: &str = "sk-test-botjinseong";

/// A chat-completions server on loopback: answers every valid request with
/// `status` and a completion whose content is `answer`; counts requests and
/// keeps the bodies it accepted.
struct Server {
    base: String,
    requests: Arc<AtomicUsize>,
    bodies: Arc<Mutex<Vec<Value>>>,
}

impl Server {
    fn start(status: u16, answer: Value) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}/v1", listener.local_addr().unwrap());
        let requests = Arc::new(AtomicUsize::new(0));
        let bodies = Arc::new(Mutex::new(Vec::new()));
        let (count, kept) = (requests.clone(), bodies.clone());
        thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { return };
                count.fetch_add(1, Ordering::SeqCst);
                let (code, body) = match read_request(&mut stream) {
                    Err(why) => (400, json!({"error": {"message": why}})),
                    Ok(body) if status != 200 => {
                        kept.lock().unwrap().push(body);
                        (status, json!({"error": {"message": "server error"}}))
                    }
                    Ok(body) => {
                        kept.lock().unwrap().push(body);
                        let completion = json!({
                            "id": "chatcmpl-1",
                            "object": "chat.completion",
                            "choices": [{"index": 0, "finish_reason": "stop",
                                "message": {"role": "assistant", "content": answer.to_string()}}]
                        });
                        (200, completion)
                    }
                };
                let text = body.to_string();
                let _ = write!(
                    stream,
                    "HTTP/1.1 {code} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{text}",
                    text.len()
                );
            }
        });
        Server {
            base,
            requests,
            bodies,
        }
    }

    fn count(&self) -> usize {
        self.requests.load(Ordering::SeqCst)
    }
}

/// Reads one request and checks it the way the service does: the path, the
/// bearer key, a JSON body with a model, messages and a strict JSON schema.
fn read_request(stream: &mut std::net::TcpStream) -> Result<Value, String> {
    let mut reader = BufReader::new(stream.try_clone().map_err(|e| e.to_string())?);
    let mut line = String::new();
    reader.read_line(&mut line).map_err(|e| e.to_string())?;
    if !line.starts_with("POST /v1/chat/completions ") {
        return Err(format!("unexpected request line {line:?}"));
    }
    let (mut length, mut auth) = (0, String::new());
    loop {
        let mut header = String::new();
        reader.read_line(&mut header).map_err(|e| e.to_string())?;
        let header = header.trim_end();
        if header.is_empty() {
            break;
        }
        let (name, value) = header.split_once(':').unwrap_or((header, ""));
        match name.to_ascii_lowercase().as_str() {
            "content-length" => length = value.trim().parse().unwrap_or(0),
            "authorization" => auth = value.trim().to_owned(),
            _ => {}
        }
    }
    if auth != format!("Bearer {KEY}") {
        return Err("bad key".into());
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).map_err(|e| e.to_string())?;
    let body: Value = serde_json::from_slice(&body).map_err(|e| e.to_string())?;
    let strict = &body["response_format"]["json_schema"]["strict"];
    if body["model"].as_str().is_none() || !body["messages"].is_array() || strict != true {
        return Err("not a strict json_schema chat request".into());
    }
    Ok(body)
}

fn explain(server: &Server, args: &[&str], message: &str) -> (Value, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_botjinseong"))
        .arg("explain")
        .arg("--json")
        .args(args)
        .arg(message)
        .env("OPENAI_API_KEY", KEY)
        .env("OPENAI_BASE_URL", &server.base)
        .env("BOTJINSEONG_ADVISOR_MODEL", "test-model")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        serde_json::from_slice(&out.stdout).unwrap(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

const RESOLVED: &str = "User: arn:aws:iam::123456789012:user/student01 is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::course/a.csv because no identity-based policy allows the s3:GetObject action";
const NO_ACTION: &str = "User: arn:aws:iam::123456789012:user/student01 got AccessDenied when reading course/a.csv from the bucket";

fn answer(action: &str, arn: &str) -> Value {
    json!({
        "actions": [{"action": action, "new": false, "reason": "reading an object"}],
        "policies": [{"policy_arn": arn, "action": action, "reason": "read-only S3"}]
    })
}

#[test]
fn the_advisor_is_never_asked_when_the_data_answers() {
    let server = Server::start(
        200,
        answer(
            "s3:GetObject",
            "arn:aws:iam::aws:policy/AdministratorAccess",
        ),
    );
    let (v, _) = explain(&server, &[], RESOLVED);
    assert_eq!(v["recommendation"]["source"], "catalog");
    assert_eq!(server.count(), 0);
}

#[test]
fn a_good_answer_is_checked_and_needs_approval_with_the_catalogs_risk() {
    let server = Server::start(
        200,
        answer(
            "s3:GetObject",
            "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
        ),
    );
    let (v, _) = explain(&server, &[], NO_ACTION);
    assert_eq!(server.count(), 1);
    let body = &server.bodies.lock().unwrap()[0];
    assert_eq!(body["model"], "test-model");
    assert!(
        body.to_string()
            .contains("got AccessDenied when reading course/a.csv")
    );
    assert_eq!(v["parsed"]["inferred_actions"], json!(["s3:GetObject"]));
    let rec = &v["recommendation"];
    assert_eq!(rec["source"], "advisor");
    assert_eq!(rec["policy_name"], "AmazonS3ReadOnlyAccess");
    let catalog_risk = botjinseong::catalog()
        .policy("AmazonS3ReadOnlyAccess")
        .unwrap()
        .risk
        .risk;
    assert_eq!(rec["risk"], catalog_risk);
    assert_eq!(v["decision"], "needs_approval");
}

#[test]
fn a_dangerous_answer_grants_nothing() {
    let server = Server::start(
        200,
        answer(
            "s3:GetObject",
            "arn:aws:iam::aws:policy/AdministratorAccess",
        ),
    );
    let (v, _) = explain(&server, &[], NO_ACTION);
    assert_eq!(server.count(), 1);
    // The data's own answer for the model's action wins over the model's policy.
    assert_eq!(v["recommendation"]["policy_name"], "AmazonS3ReadOnlyAccess");
    assert_eq!(v["decision"], "needs_approval");
    let made_up = Server::start(
        200,
        answer(
            "s3:FrobnicateObject",
            "arn:aws:iam::123456789012:policy/Mine",
        ),
    );
    let (v, _) = explain(&made_up, &[], NO_ACTION);
    assert_eq!(v["recommendation"], Value::Null);
    assert_eq!(v["decision"], "unresolved");
    let why = v["reasons"].to_string();
    assert!(why.contains("advisor"), "{why}");
}

#[test]
fn no_advisor_means_nothing_leaves_the_machine() {
    let server = Server::start(
        200,
        answer(
            "s3:GetObject",
            "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
        ),
    );
    let (v, _) = explain(&server, &["--no-advisor"], NO_ACTION);
    assert_eq!(server.count(), 0);
    assert_eq!(v["decision"], "unresolved");
}

#[test]
fn a_failing_advisor_ends_unresolved_and_says_so() {
    let server = Server::start(500, json!({}));
    let (v, _) = explain(&server, &[], NO_ACTION);
    assert!(server.count() >= 1);
    assert_eq!(v["decision"], "unresolved");
    let why = v["reasons"].to_string();
    assert!(why.contains("HTTP 500"), "{why}");
}
