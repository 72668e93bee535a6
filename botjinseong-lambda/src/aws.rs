//! [`Iam`] and [`Decoder`] over the AWS SDK, and the SDK's configuration:
//! one HTTPS client over rustls with ring (the SDK's default features would
//! build a second TLS stack, so the client is given explicitly).
//!
//! The SDK is async and the work it serves runs on a blocking thread, so
//! each call is driven to completion on the runtime's [`Handle`].

use aws_config::{ConfigLoader, SdkConfig};
use aws_sdk_iam::error::{DisplayErrorContext, ProvideErrorMetadata, SdkError};
use aws_smithy_http_client::tls::{Provider, rustls_provider::CryptoMode};
use tokio::runtime::Handle;

use crate::iam::{Decoder, Iam, IamError, IamUser};

/// Loads the SDK configuration from `loader` (usually
/// `aws_config::defaults(BehaviorVersion::latest())`, which reads the
/// usual AWS variables, `AWS_ENDPOINT_URL` among them) with the one HTTPS
/// client.
pub async fn load(loader: ConfigLoader) -> SdkConfig {
    botjinseong_core::http::install_crypto_provider();
    let https = aws_smithy_http_client::Builder::new()
        .tls_provider(Provider::Rustls(CryptoMode::Ring))
        .build_https();
    loader.http_client(https).load().await
}

/// An SDK error as an [`IamError`]: the service's code and message when it
/// answered, else the whole chain of why it could not be asked.
fn failed<E, R>(operation: &'static str, error: &SdkError<E, R>) -> IamError
where
    E: ProvideErrorMetadata + std::error::Error + 'static,
    R: std::fmt::Debug,
{
    let detail = match (error.code(), error.message()) {
        (Some(code), Some(message)) => format!("{code}: {message}"),
        (Some(code), None) => code.to_owned(),
        _ => DisplayErrorContext(error).to_string(),
    };
    IamError {
        operation,
        code: error.code().map(str::to_owned),
        detail,
    }
}

/// [`Iam`] over `aws-sdk-iam`.
#[derive(Debug, Clone)]
pub struct AwsIam {
    client: aws_sdk_iam::Client,
    runtime: Handle,
}

impl AwsIam {
    /// A client from `config`, whose calls run on `runtime`.
    pub fn new(config: &SdkConfig, runtime: Handle) -> Self {
        Self {
            client: aws_sdk_iam::Client::new(config),
            runtime,
        }
    }
}

impl Iam for AwsIam {
    fn get_user(&self, name: &str) -> Result<Option<IamUser>, IamError> {
        let call = self.client.get_user().user_name(name).send();
        match self.runtime.block_on(call) {
            Ok(output) => Ok(output.user.map(|user| IamUser {
                name: user.user_name,
                arn: user.arn,
                path: user.path,
            })),
            Err(error)
                if error
                    .as_service_error()
                    .is_some_and(|e| e.is_no_such_entity_exception()) =>
            {
                Ok(None)
            }
            Err(error) => Err(failed("GetUser", &error)),
        }
    }

    fn user_tags(&self, name: &str) -> Result<Vec<(String, String)>, IamError> {
        let pages = self
            .client
            .list_user_tags()
            .user_name(name)
            .into_paginator()
            .items()
            .send()
            .collect::<Result<Vec<_>, _>>();
        let tags = self
            .runtime
            .block_on(pages)
            .map_err(|error| failed("ListUserTags", &error))?;
        Ok(tags.into_iter().map(|tag| (tag.key, tag.value)).collect())
    }

    fn attached_policies(&self, name: &str) -> Result<Vec<String>, IamError> {
        let pages = self
            .client
            .list_attached_user_policies()
            .user_name(name)
            .into_paginator()
            .items()
            .send()
            .collect::<Result<Vec<_>, _>>();
        let policies = self
            .runtime
            .block_on(pages)
            .map_err(|error| failed("ListAttachedUserPolicies", &error))?;
        Ok(policies
            .into_iter()
            .filter_map(|policy| policy.policy_arn)
            .collect())
    }

    fn attach_policy(&self, name: &str, policy_arn: &str) -> Result<(), IamError> {
        let call = self
            .client
            .attach_user_policy()
            .user_name(name)
            .policy_arn(policy_arn)
            .send();
        self.runtime
            .block_on(call)
            .map(drop)
            .map_err(|error| failed("AttachUserPolicy", &error))
    }

    fn detach_policy(&self, name: &str, policy_arn: &str) -> Result<(), IamError> {
        let call = self
            .client
            .detach_user_policy()
            .user_name(name)
            .policy_arn(policy_arn)
            .send();
        self.runtime
            .block_on(call)
            .map(drop)
            .map_err(|error| failed("DetachUserPolicy", &error))
    }
}

/// [`Decoder`] over `aws-sdk-sts`.
#[derive(Debug, Clone)]
pub struct AwsSts {
    client: aws_sdk_sts::Client,
    runtime: Handle,
}

impl AwsSts {
    /// A client from `config`, whose calls run on `runtime`.
    pub fn new(config: &SdkConfig, runtime: Handle) -> Self {
        Self {
            client: aws_sdk_sts::Client::new(config),
            runtime,
        }
    }
}

impl Decoder for AwsSts {
    fn decode(&self, encoded: &str) -> Result<String, IamError> {
        let call = self
            .client
            .decode_authorization_message()
            .encoded_message(encoded)
            .send();
        let output = self
            .runtime
            .block_on(call)
            .map_err(|error| failed("DecodeAuthorizationMessage", &error))?;
        output.decoded_message.ok_or_else(|| {
            IamError::new(
                "DecodeAuthorizationMessage",
                "the answer has no DecodedMessage",
            )
        })
    }
}
