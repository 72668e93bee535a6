//! From an SDK operation to the IAM actions it needs, when a message names
//! only the operation (a bare S3 `Access Denied`, say).
//!
//! Most operations need the action of the same name in the service's IAM
//! prefix (`dynamodb` `PutItem` → `dynamodb:PutItem`). Where the names
//! differ, or one operation needs several actions, the exceptions below say
//! so, each from AWS's documentation of that service's permissions.

use std::borrow::Cow;

use crate::catalog::{Catalog, Named};

/// SDK service ids and endpoint names whose IAM prefix differs, from the
/// services' `signingName` in the AWS SDKs' service models.
const SERVICE_PREFIXES: &[(&str, &str)] = &[
    ("apigatewayv2", "apigateway"),
    ("cognitoidentityprovider", "cognito-idp"),
    ("cognito-identity-provider", "cognito-idp"),
    ("cognitoidentity", "cognito-identity"),
    ("efs", "elasticfilesystem"),
    ("elb", "elasticloadbalancing"),
    ("elbv2", "elasticloadbalancing"),
    ("elasticloadbalancingv2", "elasticloadbalancing"),
    ("emr", "elasticmapreduce"),
    ("email", "ses"),
    ("sesv2", "ses"),
    ("eventbridge", "events"),
    ("cloudwatchevents", "events"),
    ("monitoring", "cloudwatch"),
    ("opensearch", "es"),
    ("sfn", "states"),
    ("stepfunctions", "states"),
    ("lambda-url", "lambda"),
];

/// Where the source docs say S3's operations need other actions:
/// <https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-with-s3-policy-actions.html>.
const S3: &str = "s3";
/// Lambda's `Invoke` is authorized as `lambda:InvokeFunction`:
/// <https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html>.
const LAMBDA: &str = "lambda";

/// (IAM prefix, operation, actions needed).
const EXCEPTIONS: &[(&str, &str, &[&str])] = &[
    (S3, "ListBuckets", &["s3:ListAllMyBuckets"]),
    (S3, "HeadObject", &["s3:GetObject"]),
    (S3, "HeadBucket", &["s3:ListBucket"]),
    (S3, "ListObjects", &["s3:ListBucket"]),
    (S3, "ListObjectsV2", &["s3:ListBucket"]),
    (S3, "ListObjectVersions", &["s3:ListBucketVersions"]),
    (
        S3,
        "ListMultipartUploads",
        &["s3:ListBucketMultipartUploads"],
    ),
    (S3, "ListParts", &["s3:ListMultipartUploadParts"]),
    (S3, "CopyObject", &["s3:GetObject", "s3:PutObject"]),
    (S3, "CreateMultipartUpload", &["s3:PutObject"]),
    (S3, "UploadPart", &["s3:PutObject"]),
    (S3, "UploadPartCopy", &["s3:GetObject", "s3:PutObject"]),
    (S3, "CompleteMultipartUpload", &["s3:PutObject"]),
    (S3, "DeleteObjects", &["s3:DeleteObject"]),
    (S3, "SelectObjectContent", &["s3:GetObject"]),
    (
        S3,
        "GetObjectAttributes",
        &["s3:GetObject", "s3:GetObjectAttributes"],
    ),
    (
        S3,
        "PutBucketLifecycleConfiguration",
        &["s3:PutLifecycleConfiguration"],
    ),
    (
        S3,
        "GetBucketLifecycleConfiguration",
        &["s3:GetLifecycleConfiguration"],
    ),
    (
        S3,
        "DeleteBucketLifecycle",
        &["s3:PutLifecycleConfiguration"],
    ),
    (
        S3,
        "PutBucketNotificationConfiguration",
        &["s3:PutBucketNotification"],
    ),
    (
        S3,
        "GetBucketNotificationConfiguration",
        &["s3:GetBucketNotification"],
    ),
    (
        S3,
        "PutBucketEncryption",
        &["s3:PutEncryptionConfiguration"],
    ),
    (
        S3,
        "GetBucketEncryption",
        &["s3:GetEncryptionConfiguration"],
    ),
    (
        S3,
        "DeleteBucketEncryption",
        &["s3:PutEncryptionConfiguration"],
    ),
    (
        S3,
        "PutBucketReplication",
        &["s3:PutReplicationConfiguration"],
    ),
    (
        S3,
        "GetBucketReplication",
        &["s3:GetReplicationConfiguration"],
    ),
    (S3, "PutBucketCors", &["s3:PutBucketCORS"]),
    (S3, "GetBucketCors", &["s3:GetBucketCORS"]),
    (S3, "DeleteBucketCors", &["s3:PutBucketCORS"]),
    (
        S3,
        "PutPublicAccessBlock",
        &["s3:PutBucketPublicAccessBlock"],
    ),
    (
        S3,
        "GetPublicAccessBlock",
        &["s3:GetBucketPublicAccessBlock"],
    ),
    (
        S3,
        "DeletePublicAccessBlock",
        &["s3:PutBucketPublicAccessBlock"],
    ),
    (S3, "DeleteBucketWebsite", &["s3:DeleteBucketWebsite"]),
    (LAMBDA, "Invoke", &["lambda:InvokeFunction"]),
    (
        LAMBDA,
        "InvokeWithResponseStream",
        &["lambda:InvokeFunction"],
    ),
];

/// The IAM prefix of a service hint (`sesv2` → `ses`); the hint itself when
/// no mapping applies.
pub fn prefix_of(service: &str) -> &str {
    SERVICE_PREFIXES
        .iter()
        .find(|(id, _)| id.eq_ignore_ascii_case(service))
        .map_or(service, |(_, prefix)| prefix)
}

/// The one service whose operation this is, when the message does not say:
/// the exceptions and the catalog must agree on a single prefix.
pub fn only_service<'c>(catalog: &'c Catalog, operation: &str) -> Option<&'c str> {
    let from_exceptions = EXCEPTIONS
        .iter()
        .filter(|(_, op, _)| op.eq_ignore_ascii_case(operation))
        .filter_map(|(p, _, _)| catalog.service_actions(p).first().map(|a| a.prefix()));
    let from_catalog = match catalog.named(operation) {
        Named::Ambiguous => return None,
        Named::Unique(action) => Some(action.prefix()),
        Named::Absent => None,
    };
    let mut prefixes = from_exceptions.chain(from_catalog);
    let first = prefixes.next()?;
    prefixes.all(|p| p == first).then_some(first)
}

/// The actions `operation` of `service` needs, in the catalog's spelling;
/// empty when neither the exceptions nor the catalog know it.
pub fn actions(catalog: &Catalog, service: &str, operation: &str) -> Vec<Cow<'static, str>> {
    let prefix = prefix_of(service);
    if let Some((_, _, needed)) = EXCEPTIONS
        .iter()
        .find(|(p, op, _)| p.eq_ignore_ascii_case(prefix) && op.eq_ignore_ascii_case(operation))
    {
        return needed
            .iter()
            .filter_map(|a| catalog.action(a).map(|r| r.name.clone()))
            .collect();
    }
    catalog
        .action(&format!("{prefix}:{operation}"))
        .map(|r| vec![r.name.clone()])
        .unwrap_or_default()
}
