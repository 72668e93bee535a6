//! A local stand-in for STS's `DecodeAuthorizationMessage` (moto's server
//! does not implement it): the AWS query protocol over a SigV4-signed form
//! POST, answered with the XML STS sends, errors included.

use std::collections::HashMap;
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};

use super::http::{RawRequest, read_request, serve_forever, write_response};

#[derive(Clone)]
pub struct FakeSts {
    pub url: String,
    pub calls: Arc<Mutex<Vec<RawRequest>>>,
}

impl FakeSts {
    /// A server that decodes each of `known` (encoded → decoded JSON).
    pub fn start(known: &[(&str, &str)]) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let known: Arc<HashMap<String, String>> = Arc::new(
            known
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        );
        let calls = Arc::new(Mutex::new(Vec::new()));
        let shared = Arc::clone(&calls);
        serve_forever(listener, move |stream| serve(stream, &known, &shared));
        Self { url, calls }
    }

    /// The `EncodedMessage` of every call, in order.
    pub fn decoded_asked(&self) -> Vec<String> {
        self.calls
            .lock()
            .unwrap()
            .iter()
            .filter_map(|call| form(&call.body).remove("EncodedMessage"))
            .collect()
    }
}

fn form(body: &[u8]) -> HashMap<String, String> {
    form_urlencoded::parse(body).into_owned().collect()
}

fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn error(stream: TcpStream, status: u16, code: &str, message: &str) {
    let body = format!(
        "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type>\
         <Code>{code}</Code><Message>{}</Message></Error><RequestId>0000-fake</RequestId></ErrorResponse>",
        xml_escape(message)
    );
    write_response(stream, status, "text/xml", &[], &body);
}

fn serve(stream: TcpStream, known: &HashMap<String, String>, calls: &Mutex<Vec<RawRequest>>) {
    let Some(request) = read_request(&stream) else {
        return;
    };
    calls.lock().unwrap().push(request.clone());
    let header = |name: &str| request.headers.get(name).map(String::as_str).unwrap_or("");
    let signed = header("authorization").starts_with("AWS4-HMAC-SHA256 Credential=")
        && header("authorization").contains("/sts/aws4_request")
        && !header("x-amz-date").is_empty();
    if !signed {
        return error(
            stream,
            403,
            "MissingAuthenticationToken",
            "Request is missing Authentication Token",
        );
    }
    let is_form = header("content-type").starts_with("application/x-www-form-urlencoded");
    let fields = form(&request.body);
    let field = |name: &str| fields.get(name).map(String::as_str);
    if request.method != "POST" || !is_form || field("Version") != Some("2011-06-15") {
        return error(stream, 400, "InvalidAction", "Could not find operation");
    }
    if field("Action") != Some("DecodeAuthorizationMessage") {
        return error(stream, 400, "InvalidAction", "Could not find operation");
    }
    let Some(decoded) = field("EncodedMessage").and_then(|m| known.get(m)) else {
        return error(
            stream,
            400,
            "InvalidAuthorizationMessageException",
            "The message is not a valid encoded authorization message",
        );
    };
    let body = format!(
        "<DecodeAuthorizationMessageResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\
         <DecodeAuthorizationMessageResult><DecodedMessage>{}</DecodedMessage></DecodeAuthorizationMessageResult>\
         <ResponseMetadata><RequestId>0000-fake</RequestId></ResponseMetadata></DecodeAuthorizationMessageResponse>",
        xml_escape(decoded)
    );
    write_response(stream, 200, "text/xml", &[], &body);
}
