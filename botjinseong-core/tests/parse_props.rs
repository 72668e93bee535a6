//! Property tests of the parser: it never panics on any input, huge inputs
//! are cut and flagged, and a canonical message reads the same under the
//! noise people add when they paste it.

use botjinseong_core::parse::{MAX_INPUT, Parsed};
use botjinseong_core::{DenialKind, PrincipalKind, parse};
use proptest::prelude::*;

/// A canonical identity-policy denial and the fields it must parse to.
#[derive(Debug, Clone)]
struct Canonical {
    account: String,
    user: String,
    service: String,
    action: String,
    resource: String,
}

impl Canonical {
    fn principal(&self) -> String {
        format!("arn:aws:iam::{}:user/{}", self.account, self.user)
    }

    fn denied(&self) -> String {
        format!("{}:{}", self.service, self.action)
    }

    fn message(&self) -> String {
        format!(
            "User: {} is not authorized to perform: {} on resource: {} because no identity-based policy allows the {} action",
            self.principal(),
            self.denied(),
            self.resource,
            self.denied()
        )
    }

    fn check(&self, parsed: &Parsed<'_>) -> Result<(), TestCaseError> {
        let (principal, denied) = (self.principal(), self.denied());
        prop_assert_eq!(parsed.principal.as_deref(), Some(principal.as_str()));
        prop_assert_eq!(parsed.principal_kind, PrincipalKind::User);
        prop_assert_eq!(parsed.account.as_deref(), Some(self.account.as_str()));
        let actions: Vec<&str> = parsed.actions.iter().map(|a| a.as_ref()).collect();
        prop_assert_eq!(actions, vec![denied.as_str()]);
        prop_assert_eq!(parsed.resource.as_deref(), Some(self.resource.as_str()));
        prop_assert_eq!(parsed.denial, DenialKind::ImplicitIdentity);
        Ok(())
    }
}

/// Canonical messages; names end in a letter or digit, since a trailing `.` or
/// `,` cannot be told from the sentence's own punctuation.
fn canonical() -> impl Strategy<Value = Canonical> {
    (
        "[0-9]{12}",
        "[A-Za-z0-9]([A-Za-z0-9+=,.@_-]{0,18}[A-Za-z0-9])?",
        "[a-z][a-z0-9]{1,8}(-[a-z]{2,8})?",
        "[A-Z][a-z]{2,8}([A-Z][a-z]{2,8}){1,3}",
        "[a-z0-9][a-z0-9.-]{0,18}[a-z0-9](/[A-Za-z0-9_.-]{0,18}[A-Za-z0-9]){0,2}",
    )
        .prop_map(|(account, user, service, action, key)| Canonical {
            resource: format!("arn:aws:s3:::{key}"),
            account,
            user,
            service,
            action,
        })
}

/// Noise a paste can carry around a message.
#[derive(Debug, Clone)]
enum Noise {
    LogPrefix(String),
    /// A terminal's hard wrap of every line at a column, mid-word where it falls.
    Wrap(usize),
    Backticks,
    CodeFence,
    SlackQuote,
    SlackMention,
    Ansi,
    JsonEscaped,
    Comment,
}

fn noise() -> impl Strategy<Value = Noise> {
    prop_oneof![
        "(20[0-9]{2}-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z )?(ERROR|WARN|INFO) \\[[a-z]{1,8}\\] "
            .prop_map(Noise::LogPrefix),
        (10usize..140).prop_map(Noise::Wrap),
        Just(Noise::Backticks),
        Just(Noise::CodeFence),
        Just(Noise::SlackQuote),
        Just(Noise::SlackMention),
        Just(Noise::Ansi),
        Just(Noise::JsonEscaped),
        Just(Noise::Comment),
    ]
}

/// Applies one kind of noise to `message`, as a terminal, logger or chat app would.
fn apply(message: &str, noise: &Noise) -> String {
    match noise {
        Noise::LogPrefix(prefix) => format!("{prefix}{message}"),
        Noise::Wrap(width) => message
            .split('\n')
            .map(|line| {
                let chars: Vec<char> = line.chars().collect();
                chars
                    .chunks(*width)
                    .map(|c| c.iter().collect::<String>())
                    .collect::<Vec<_>>()
                    .join("\n")
            })
            .collect::<Vec<_>>()
            .join("\n"),
        Noise::Backticks => format!("`{message}`"),
        Noise::CodeFence => format!("I got this:\n```text\n{message}\n```\nany idea?"),
        Noise::SlackQuote => format!("&gt; {message}"),
        Noise::SlackMention => {
            format!("<@U0123ABCD> help please <https://console.aws.amazon.com|console>: {message}")
        }
        Noise::Ansi => format!("\u{1b}[31m\u{1b}[1mError:\u{1b}[0m {message}\u{1b}[0m"),
        Noise::JsonEscaped => {
            format!(
                "{{\"level\":\"error\",\"msg\":\"{}\\n\"}}",
                message.replace('"', "\\\"")
            )
        }
        Noise::Comment => message
            .split(" on resource: ")
            .collect::<Vec<_>>()
            .join("\n# on resource: ")
            .replace("User: ", "# User: "),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn never_panics_on_strings(text in "\\PC*") {
        let _ = parse(&text);
    }

    #[test]
    fn never_panics_on_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let text = String::from_utf8_lossy(&bytes);
        let _ = parse(&text);
    }

    #[test]
    fn never_panics_on_message_like_text(
        parts in proptest::collection::vec(
            prop_oneof![
                Just("User: ".to_owned()), Just(" is not authorized to perform: ".to_owned()),
                Just(" on resource: ".to_owned()), Just("arn:aws:iam::".to_owned()),
                Just("because no ".to_owned()), Just("with an explicit deny".to_owned()),
                Just("\\n".to_owned()), Just("\n".to_owned()), Just("\\\"".to_owned()),
                Just("&amp;".to_owned()), Just("<https://x|".to_owned()), Just("**".to_owned()),
                Just("`".to_owned()), Just("\u{1b}[".to_owned()), Just("](mailto:".to_owned()),
                Just("\"principal\":{\"arn\":\"".to_owned()), Just("é".to_owned()),
                "[ -~]{0,12}",
            ],
            0..40,
        )
    ) {
        let _ = parse(&parts.concat());
    }

    #[test]
    fn canonical_messages_parse(c in canonical()) {
        c.check(&parse(&c.message()))?;
    }

    #[test]
    fn canonical_messages_survive_noise(c in canonical(), noises in proptest::collection::vec(noise(), 1..3)) {
        let noisy = noises.iter().fold(c.message(), |m, n| apply(&m, n));
        let parsed = parse(&noisy);
        c.check(&parsed).map_err(|e| TestCaseError::fail(format!("{e}\nnoisy text: {noisy:?}")))?;
    }
}

#[test]
fn huge_inputs_are_cut_and_flagged() {
    let message = "User: arn:aws:iam::123456789012:user/big is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::b ";
    let huge = message.repeat(MAX_INPUT / message.len() + 10) + "é".repeat(MAX_INPUT).as_str();
    let parsed = parse(&huge);
    assert!(parsed.truncated);
    assert_eq!(parsed.actions.len(), 1);
    assert_eq!(
        parsed.principal.as_deref(),
        Some("arn:aws:iam::123456789012:user/big")
    );
    assert!(!parse(message).truncated);
}

#[test]
fn huge_noisy_inputs_stay_fast() {
    let nasty = [
        "[",
        "<h",
        "&amp;",
        "\\\\",
        "**",
        "`",
        "\u{1b}]",
        "is not authorized to perform: ",
    ];
    for piece in nasty {
        let text = piece.repeat(MAX_INPUT / piece.len() + 1);
        let start = std::time::Instant::now();
        let parsed = parse(&text);
        assert!(parsed.truncated, "{piece:?}");
        assert!(
            start.elapsed().as_secs() < 5,
            "{piece:?} took {:?}",
            start.elapsed()
        );
    }
}
