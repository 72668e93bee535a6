//! The bot's one binary: under AWS Lambda (where `AWS_LAMBDA_RUNTIME_API`
//! is set) the Lambda handler; `botjinseong-lambda serve` the same routes as
//! a plain HTTP server. Configuration comes from the environment (see the
//! library's `config`); a bad value stops it before it answers anything.

use std::net::SocketAddr;
use std::process::ExitCode;

use anyhow::{Context, Result};
use aws_config::BehaviorVersion;
use botjinseong::advisor::{Advisor, OpenAiAdvisor};
use botjinseong_lambda::app::{App, Clients};
use botjinseong_lambda::aws::{self, AwsIam, AwsSts};
use botjinseong_lambda::slack::WebApi;
use botjinseong_lambda::{Config, lambda, serve};
use clap::{Parser, Subcommand};

/// The botjinseong Slack bot: run by AWS Lambda, or as a local HTTP server.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve `POST /slack/events` and `POST /slack/interactions` over plain
    /// HTTP, for local development behind a tunnel.
    Serve {
        /// The address to listen on.
        #[arg(long, default_value = "127.0.0.1:3000")]
        addr: SocketAddr,
    },
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok()
}

/// The advisor `OPENAI_API_KEY` turns on; off without it.
fn advisor() -> Result<Option<Box<dyn Advisor + Send + Sync>>> {
    match OpenAiAdvisor::from_lookup(env) {
        None => Ok(None),
        Some(advisor) => Ok(Some(Box::new(
            advisor.context("the advisor's configuration")?,
        ))),
    }
}

fn main() -> Result<ExitCode> {
    let cli = Cli::parse();
    let lambda_runtime = env("AWS_LAMBDA_RUNTIME_API").is_some();
    let addr = match (cli.command, lambda_runtime) {
        (Some(Command::Serve { addr }), _) => Some(addr),
        (None, true) => None,
        (None, false) => {
            eprintln!(
                "botjinseong-lambda: not under AWS Lambda; run `botjinseong-lambda serve` for a local server (see --help)"
            );
            return Ok(ExitCode::from(2));
        }
    };
    tracing_subscriber::fmt()
        .json()
        .flatten_event(true)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .init();

    let config = Config::from_lookup(env).context("the configuration")?;
    // The blocking HTTP clients are built before the async runtime starts.
    let slack = WebApi::from_config(&config).context("the Slack client")?;
    let advisor = advisor()?;
    let runtime = tokio::runtime::Runtime::new().context("the async runtime")?;
    runtime.block_on(async move {
        let sdk = aws::load(aws_config::defaults(BehaviorVersion::latest())).await;
        let handle = tokio::runtime::Handle::current();
        let clients = Clients {
            slack: Box::new(slack),
            iam: Box::new(AwsIam::new(&sdk, handle.clone())),
            decoder: Box::new(AwsSts::new(&sdk, handle)),
            advisor,
        };
        let app = App::new(config, clients);
        match addr {
            Some(addr) => {
                let server = serve::start(app, addr).await.with_context(|| format!("listening on {addr}"))?;
                tracing::info!(addr = %server.addr, "serving /slack/events and /slack/interactions");
                tokio::signal::ctrl_c().await.context("waiting for Ctrl-C")?;
                Ok(ExitCode::SUCCESS)
            }
            None => {
                let function = env("AWS_LAMBDA_FUNCTION_NAME").context("AWS_LAMBDA_FUNCTION_NAME is not set")?;
                lambda::run(app, aws_sdk_lambda::Client::new(&sdk), function)
                    .await
                    .map_err(|e| anyhow::anyhow!(e))?;
                Ok(ExitCode::SUCCESS)
            }
        }
    })
}
