//! The v1 endpoints over plain HTTP (reqwest), every route and error path.

mod audio;
mod auth;
mod client;
mod errors;
mod media;
mod realtime;
mod runs;
mod video;
