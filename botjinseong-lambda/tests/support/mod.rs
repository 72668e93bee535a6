//! Local stand-ins for the services the bot calls, shared by the test
//! binaries (each uses only some, hence the allowance).
#![allow(dead_code)]

pub mod bot;
pub mod http;
pub mod slack;
pub mod sts;
